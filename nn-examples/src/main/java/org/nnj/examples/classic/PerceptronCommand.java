package org.nnj.examples.classic;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.nnj.core.classic.Perceptron;
import org.nnj.core.classic.PerceptronResult;
import org.nnj.examples.Checks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Rosenblatt's perceptron on four problems: it learns AND, OR and a linearly separable point cloud, and
 * cannot learn XOR, which no single straight line separates.
 */
@Command(name = "perceptron",
        mixinStandardHelpOptions = true,
        description = {
            "Rosenblatt's perceptron on AND, OR, a point cloud and XOR.",
            "",
            "The learning rule converges whenever a line separates the classes (the",
            "perceptron convergence theorem), and never on XOR, which is why networks",
            "need hidden layers."
        })
public final class PerceptronCommand implements Runnable {

    @Option(names = "--max-epochs", paramLabel = "N",
            description = "Epochs before giving up (default: ${DEFAULT-VALUE}).")
    int maxEpochs = 100;

    @Option(names = "--points", paramLabel = "N",
            description = "Points in the random cloud (default: ${DEFAULT-VALUE}).")
    int points = 200;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the point cloud and the visiting order (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Spec
    CommandSpec spec;

    private static final float[][] CORNERS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    @Override
    public void run() {
        Checks.of(spec).positive("--max-epochs", maxEpochs).positive("--points", points);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-12s %-10s %7s %13s   %s%n", "problem", "converged", "epochs", "final errors", "weights, bias");
        report(out, "AND", CORNERS, new int[] {0, 0, 0, 1});
        report(out, "OR", CORNERS, new int[] {0, 1, 1, 1});
        PointCloud cloud = PointCloud.separable(points, seed);
        report(out, "point cloud", cloud.points(), cloud.labels());
        report(out, "XOR", CORNERS, new int[] {0, 1, 1, 0});
        out.println();
        out.println("XOR did not converge: no line separates {(0,1), (1,0)} from {(0,0), (1,1)}.");
        out.println("A hidden layer fixes that: try './nn xor'.");
    }

    private void report(PrintWriter out, String name, float[][] inputs, int[] targets) {
        Perceptron perceptron = new Perceptron(inputs[0].length);
        PerceptronResult result = perceptron.train(inputs, targets, maxEpochs, seed);
        int errors = perceptron.countErrors(inputs, targets);
        out.printf("%-12s %-10s %7d %8d / %-4d %s, %s%n", name, result.converged() ? "yes" : "NO",
                result.epochs(), errors, inputs.length, Arrays.toString(result.weights()), result.bias());
    }

    /** Points on either side of a random line through the unit square, kept a margin away from it. */
    record PointCloud(float[][] points, int[] labels) {
        static PointCloud separable(int n, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            double angle = random.nextDouble(Math.PI);
            double nx = Math.cos(angle);
            double ny = Math.sin(angle);
            double margin = 0.05;
            float[][] points = new float[n][];
            int[] labels = new int[n];
            for (int i = 0; i < n; ) {
                double x = random.nextDouble(-1, 1);
                double y = random.nextDouble(-1, 1);
                double side = nx * x + ny * y - 0.1;
                if (Math.abs(side) < margin) {
                    continue;
                }
                points[i] = new float[] {(float) x, (float) y};
                labels[i++] = side > 0 ? 1 : 0;
            }
            return new PointCloud(points, labels);
        }
    }
}
