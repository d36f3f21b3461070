import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Two builds of NNJ in one JVM, each in its own class loader, running the same model's step in alternating
 * blocks of BLOCK steps (the first of each block, which finds the other build's data in the caches, is not
 * counted), so that the machine's drifting load hits both alike. Prints, per build, the best, tenth
 * percentile and median images/s, and for inference whether the two outputs are bit for bit the same.
 *   java StepAB MODEL THREADS BATCH infer|train SECONDS RUNNER_DIR CLASSPATH_FILE_A CLASSPATH_FILE_B
 */
public class StepAB {
    private static final int BLOCK = Integer.getInteger("block", 10);

    public static void main(String[] args) throws Exception {
        String model = args[0];
        int threads = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        boolean infer = args[3].equals("infer");
        double seconds = Double.parseDouble(args[4]);
        Path runnerDir = Path.of(args[5]);
        Object[] runners = new Object[2];
        for (int v = 0; v < 2; v++) {
            List<URL> urls = new ArrayList<>();
            urls.add(runnerDir.toUri().toURL());
            for (String entry : Files.readString(Path.of(args[6 + v])).trim().split(":")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
            Thread.currentThread().setContextClassLoader(loader); // the registries' ServiceLoader looks here
            runners[v] = loader.loadClass("StepRunner")
                    .getConstructor(String.class, int.class, int.class, boolean.class)
                    .newInstance(model, threads, batch, infer);
        }
        if (infer) {
            Object a = runners[0].getClass().getMethod("outputHash").invoke(runners[0]);
            Object b = runners[1].getClass().getMethod("outputHash").invoke(runners[1]);
            System.out.println("outputs bit for bit the same: " + a.equals(b));
        }
        long[][] times = new long[2][1_000_000];
        int[] count = new int[2];
        long start = System.nanoTime();
        long warm = start + (long) (seconds * 0.3e9);
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            for (int v = 0; v < 2; v++) {
                LongSupplier runner = (LongSupplier) runners[v];
                for (int s = 0; s <= BLOCK; s++) {
                    long t = runner.getAsLong();
                    if (s > 0 && System.nanoTime() > warm && count[v] < times[v].length) {
                        times[v][count[v]++] = t;
                    }
                }
            }
        }
        int n = Math.min(count[0], count[1]);
        String[] names = {"A " + args[6], "B " + args[7]};
        for (int v = 0; v < 2; v++) {
            Arrays.sort(times[v], 0, n);
            System.out.printf("%s: %s %dT b%d %s: best %.0f, p10 %.0f, median %.0f images/s (%d steps)%n", names[v],
                    model, threads, batch, infer ? "infer" : "train", batch / (times[v][0] / 1e9),
                    batch / (times[v][n / 10] / 1e9), batch / (times[v][n / 2] / 1e9), n);
        }
    }
}
