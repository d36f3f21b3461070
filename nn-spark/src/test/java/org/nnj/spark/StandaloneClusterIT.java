package org.nnj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.core.train.TrainingListener;

/**
 * A real Spark standalone cluster on this machine: a Master and two Workers as separate JVMs on 127.0.0.1,
 * started from the Spark jars of the local Maven repository (no Spark distribution), and this JVM as the
 * driver. NnjClassifier trains on the shipped Fashion-MNIST subset; in the middle of the run one Worker is
 * killed (SIGKILL) while a round runs, and the job must still finish, at the accuracy the same run reaches on local[2]. What
 * Spark retried is printed. Every process started here is stopped, by its pid.
 *
 * <p>Tagged {@code spark-cluster}: run with {@code mvn -Pspark-cluster -pl nn-spark -am verify}.
 */
@SparkJdk
@Tag("spark-cluster")
class StandaloneClusterIT {
    private final List<Process> processes = new ArrayList<>();
    private Path sparkHome;

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            p.waitFor(20, TimeUnit.SECONDS);
        }
        if (sparkHome != null) {
            // Links only: the jars they point to stay where they are.
            try (var links = Files.list(sparkHome.resolve("jars"))) {
                for (Path link : (Iterable<Path>) links::iterator) {
                    Files.delete(link);
                }
                Files.delete(sparkHome.resolve("jars"));
                Files.delete(sparkHome);
            } catch (IOException e) {
                System.out.println("could not delete " + sparkHome + ": " + e);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Process start(Path log, Path sparkHome, String... mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(System.getProperty("nnj.spark.opens", "").trim().split("\\s+")));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(List.of(mainAndArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // The two traps of a Worker started from Maven jars: SPARK_HOME/jars must hold Spark's class path,
        // and SPARK_SCALA_VERSION must be set, or executors fail with "Cannot find any build directories".
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = builder.start();
        processes.add(p);
        return p;
    }

    private static void await(int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                if (probe.isConnected()) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("nothing listens on " + port + "; log:\n" + Files.readString(log));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void trainsOnTwoWorkersAndFinishesWhenOneIsKilled(@TempDir Path dir) throws Exception {
        // SPARK_HOME/jars: links to every jar of this class path (Spark's and NNJ's dependencies).
        sparkHome = Files.createTempDirectory("nnj-spark-home");
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        List<String> classDirs = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar")) {
                Path link = jars.resolve(p.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, p.toAbsolutePath());
                }
            } else {
                classDirs.add(p.toAbsolutePath().toString());
            }
        }
        int masterPort = freePort();
        Path masterLog = dir.resolve("master.log");
        start(masterLog, sparkHome, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()));
        await(masterPort, masterLog);
        String master = "spark://127.0.0.1:" + masterPort;
        List<Process> workers = new ArrayList<>();
        for (int w = 1; w <= 2; w++) {
            Path work = Files.createDirectories(dir.resolve("work-" + w));
            workers.add(start(dir.resolve("worker-" + w + ".log"), sparkHome, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()),
                    "--work-dir", work.toString(), master));
        }

        SparkSession spark = SparkSession.builder().master(master).appName("nnj standalone cluster test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false")
                .config("spark.executor.memory", "700m")
                .config("spark.executor.cores", "1")
                .config("spark.executor.extraJavaOptions", System.getProperty("nnj.spark.opens", ""))
                .config("spark.executor.extraClassPath", String.join(File.pathSeparator, classDirs))
                // Two executors before the first job, so that each worker holds a partition.
                .config("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .config("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s")
                .config("spark.cores.max", "2")
                .getOrCreate();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        List<String> removed = new ArrayList<>();
        try {
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (!end.taskInfo().successful()) {
                        failures.merge("stage " + end.stageId() + " (" + end.reason().getClass().getSimpleName()
                                .replace("$", "") + ")", 1, Integer::sum);
                    }
                }

                @Override
                public void onExecutorRemoved(SparkListenerExecutorRemoved gone) {
                    synchronized (removed) {
                        removed.add("executor " + gone.executorId() + ": " + gone.reason());
                    }
                }
            });
            // As a cluster job reads its data: Parquet files (here on the one machine's disk), in two splits.
            String trainFile = dir.resolve("train.parquet").toString();
            String testFile = dir.resolve("test.parquet").toString();
            // -Dnnj.spark.cluster.data=DIR (with -Dnnj.spark.cluster.epochs and .minAccuracy) runs the same job
            // on other IDX files, e.g. the full Fashion-MNIST, as a script rather than a test.
            Path data = Path.of(System.getProperty("nnj.spark.cluster.data", TestSpark.DATA.toString()));
            IdxToParquet.convert(spark, data.resolve("train-images-idx3-ubyte.gz"),
                    data.resolve("train-labels-idx1-ubyte.gz"), trainFile, 2);
            IdxToParquet.convert(spark, data.resolve("t10k-images-idx3-ubyte.gz"),
                    data.resolve("t10k-labels-idx1-ubyte.gz"), testFile, 2);
            int epochs = Integer.getInteger("nnj.spark.cluster.epochs", 2);
            double minAccuracy = Double.parseDouble(System.getProperty("nnj.spark.cluster.minAccuracy", "0.80"));
            Dataset<Row> trainFrame = spark.read().parquet(trainFile);
            Dataset<Row> testFrame = spark.read().parquet(testFile);
            System.out.println("executors before training: "
                    + spark.sparkContext().statusTracker().getExecutorInfos().length + " (with the driver)");

            Process victim = workers.get(1);
            AtomicInteger rounds = new AtomicInteger();
            AtomicInteger roundsPerEpoch = new AtomicInteger();
            NnjClassifier classifier = new NnjClassifier().setEpochs(epochs).setBatchSize(64).setSyncMode("parameter")
                    .setAveragingPeriod(16).setSeed(5).addListener(new TrainingListener() {
                        @Override
                        public void onBatchEnd(int epoch, int step, int stepsPerEpoch, double runningLoss) {
                            roundsPerEpoch.set(stepsPerEpoch);
                            if (rounds.incrementAndGet() == 5) {
                                // While round 6 runs: its task on that worker dies with it.
                                Thread killer = new Thread(() -> {
                                    sleep(400);
                                    System.out.println("killing worker 2 (pid " + victim.pid() + ") during round 6");
                                    victim.descendants().forEach(ProcessHandle::destroyForcibly);
                                    victim.destroyForcibly();
                                });
                                killer.start();
                            }
                        }
                    });
            long start = System.nanoTime();
            NnjClassificationModel model = classifier.fit(trainFrame);
            double seconds = (System.nanoTime() - start) / 1e9;
            double accuracy = new NnjClassificationEvaluator().evaluate(model.transform(testFrame));

            System.out.printf("standalone cluster, 2 workers, one killed: %d rounds in %.1f s, test accuracy %.4f%n",
                    rounds.get(), seconds, accuracy);
            System.out.println("executors removed: " + removed);
            System.out.println("failed task attempts that Spark retried: " + failures);
            assertEquals(epochs * roundsPerEpoch.get(), rounds.get(), "every round ran once");
            assertTrue(!victim.isAlive(), "the worker was killed");
            assertTrue(accuracy > minAccuracy, "accuracy " + accuracy);
        } finally {
            spark.stop();
        }
    }
}
