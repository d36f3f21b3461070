package org.nnj.examples;

import org.nnj.examples.classic.PerceptronCommand;
import org.nnj.examples.classic.XorCommand;
import org.nnj.examples.optim.OptimizerPathsCommand;
import org.nnj.examples.optim.OptimizersCommand;
import org.nnj.examples.optim.VanishingGradientsCommand;
import org.nnj.examples.train.TrainCommand;
import picocli.CommandLine.Command;

/** The top-level {@code nn} command: its subcommands are the lecture's demos and the training runs. */
@Command(name = "nn",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "NNJ: neural networks on the JVM, from Rosenblatt's perceptron to trained networks.",
            ""
        },
        subcommands = {PerceptronCommand.class, XorCommand.class, TrainCommand.class, OptimizersCommand.class,
            OptimizerPathsCommand.class, VanishingGradientsCommand.class},
        footer = {
            "",
            "Examples:",
            "  ./nn train                         train an MLP on the Fashion-MNIST subset shipped with NNJ",
            "  ./nn train --data DIR --epochs 20  the same on the full data set (IDX files in DIR)",
            "  ./nn perceptron                    Rosenblatt's rule on AND, OR, a point cloud and XOR",
            "  ./nn xor                           a small MLP that solves XOR",
            "",
            "Run './nn COMMAND --help' for a command's options."
        })
public final class NnCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
