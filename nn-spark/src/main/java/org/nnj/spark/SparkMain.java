package org.nnj.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nnj.api.ConfigException;
import org.nnj.core.data.FashionMnist;
import org.nnj.core.train.ConfusionMatrix;
import org.nnj.core.train.EpochMetrics;
import org.nnj.core.train.TrainingListener;

/**
 * The command line of {@code ./nn spark}: {@code train} (NnjClassifier on a Parquet file, evaluated on a
 * second one) and {@code convert} (IDX files to Parquet). Also a {@code spark-submit} main class. Errors are
 * one line; {@code --debug} adds the stack trace.
 */
public final class SparkMain {
    private static final String USAGE = """
            usage: ./nn spark train --data TRAIN.parquet [--test TEST.parquet] [--master local[2]|spark://HOST:7077]
                                    [--model mlp|JSON] [--epochs 5] [--batch 64] [--sync parameter|gradient]
                                    [--period 16] [--optimizer adam] [--lr 0.001] [--partitions N] [--seed 42]
                                    [--checkpoint-dir DIR] [--save DIR] [--debug]
                   ./nn spark convert --images IMAGES.gz --labels LABELS.gz --out OUT.parquet [--partitions 2]
                                    [--master local[2]] [--debug]
            """;
    private static final Set<String> FLAGS = Set.of("debug");

    private SparkMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit code (0 done, 1 failed, 2 bad usage). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (ConfigException e) {
            err.println("nn spark: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        boolean debug = options.containsKey("debug");
        try {
            String command = options.get("");
            if ("train".equals(command)) {
                train(options, out);
            } else if ("convert".equals(command)) {
                convert(options, out);
            } else {
                err.print(USAGE);
                return 2;
            }
            return 0;
        } catch (Exception e) { // Spark throws checked exceptions (AnalysisException) undeclared, as Scala does
            Throwable cause = rootCause(e);
            err.println("nn spark: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage().lines()
                    .findFirst().orElse("")));
            if (debug) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /** The NNJ error inside Spark's wrappers (a failed job wraps the task's exception several times). */
    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof org.nnj.api.NnException) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (options.containsKey("")) {
                    throw new ConfigException("unexpected argument '" + a + "'");
                }
                options.put("", a);
                continue;
            }
            String name = a.substring(2);
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new ConfigException("option --" + name + " needs a value");
            }
        }
        return options;
    }

    private static SparkSession session(Map<String, String> options) {
        return SparkSession.builder().appName("nnj").master(options.getOrDefault("master", "local[2]"))
                .config("spark.ui.showConsoleProgress", "false").getOrCreate();
    }

    private static String required(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null) {
            throw new ConfigException("option --" + name + " is required");
        }
        return v;
    }

    private static void convert(Map<String, String> options, PrintStream out) throws java.io.IOException {
        check(options, Set.of("", "images", "labels", "out", "partitions", "master", "debug"));
        SparkSession spark = session(options);
        try {
            long rows = IdxToParquet.convert(spark, Path.of(required(options, "images")),
                    Path.of(required(options, "labels")), required(options, "out"),
                    Integer.parseInt(options.getOrDefault("partitions", "2")));
            out.printf("wrote %,d rows to %s%n", rows, options.get("out"));
        } finally {
            spark.stop();
        }
    }

    private static void train(Map<String, String> options, PrintStream out) throws java.io.IOException {
        check(options, Set.of("", "data", "test", "master", "model", "epochs", "batch", "sync", "period", "optimizer",
                "lr", "partitions", "seed", "checkpoint-dir", "save", "debug"));
        String data = required(options, "data");
        NnjClassifier classifier = new NnjClassifier()
                .setModelSpec(options.getOrDefault("model", ModelSpec.MLP))
                .setEpochs(Integer.parseInt(options.getOrDefault("epochs", "5")))
                .setBatchSize(Integer.parseInt(options.getOrDefault("batch", "64")))
                .setSyncMode(options.getOrDefault("sync", SyncMode.PARAMETER.id()))
                .setAveragingPeriod(Integer.parseInt(options.getOrDefault("period", "16")))
                .setOptimizer(options.getOrDefault("optimizer", "adam"))
                .setLearningRate(Double.parseDouble(options.getOrDefault("lr", "0.001")))
                .setSeed(Long.parseLong(options.getOrDefault("seed", "42")));
        if (options.containsKey("checkpoint-dir")) {
            classifier.setCheckpointDir(options.get("checkpoint-dir"));
        }
        classifier.settings();
        classifier.addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochMetrics m) {
                out.printf(Locale.ROOT, "epoch %d: loss %.4f, training accuracy %.4f, %.1f s, %,.0f images/s%n",
                        m.epoch(), m.trainingLoss(), m.trainingAccuracy(), m.seconds(), m.samplesPerSecond());
            }
        });
        SparkSession spark = session(options);
        try {
            Dataset<Row> train = spark.read().parquet(data);
            int partitions = Integer.parseInt(options.getOrDefault("partitions",
                    Integer.toString(spark.sparkContext().defaultParallelism())));
            train = train.repartition(partitions).cache();
            long start = System.nanoTime();
            NnjClassificationModel model = classifier.fit(train);
            double seconds = (System.nanoTime() - start) / 1e9;
            long rows = train.count();
            out.printf(Locale.ROOT, "trained on %,d images in %d partitions (%s, %s): %.1f s, %,.0f images/s%n", rows,
                    partitions, spark.sparkContext().master(), classifier.settings().mode().id(), seconds,
                    rows * (double) classifier.settings().epochs() / seconds);
            if (options.containsKey("test")) {
                Dataset<Row> predicted = model.transform(spark.read().parquet(options.get("test")));
                ConfusionMatrix matrix = new NnjClassificationEvaluator().confusionMatrix(predicted);
                out.printf(Locale.ROOT, "test accuracy %.4f (%,d images)%n", matrix.accuracy(), matrix.total());
                printMatrix(matrix, out);
            }
            if (options.containsKey("save")) {
                model.write().overwrite().save(options.get("save"));
                out.println("saved the model to " + options.get("save") + " (the weights in "
                        + NnjClassificationModel.MODEL_FILE + ")");
            }
        } finally {
            spark.stop();
        }
    }

    private static void printMatrix(ConfusionMatrix matrix, PrintStream out) {
        List<String> names = matrix.classes() == FashionMnist.CLASSES ? FashionMnist.CLASS_NAMES : null;
        out.println("confusion matrix (rows: truth, columns: prediction)");
        for (int t = 0; t < matrix.classes(); t++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%12s",
                    names == null ? Integer.toString(t) : names.get(t)));
            for (int p = 0; p < matrix.classes(); p++) {
                line.append(String.format(Locale.ROOT, " %5d", matrix.count(t, p)));
            }
            out.println(line);
        }
    }

    private static void check(Map<String, String> options, Set<String> known) {
        for (String name : options.keySet()) {
            if (!known.contains(name)) {
                throw new ConfigException("unknown option --" + name);
            }
        }
    }
}
