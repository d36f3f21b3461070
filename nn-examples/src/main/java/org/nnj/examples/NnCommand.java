package org.nnj.examples;

import org.nnj.examples.classic.PerceptronCommand;
import org.nnj.examples.classic.XorCommand;
import org.nnj.examples.optim.OptimizerPathsCommand;
import org.nnj.examples.optim.OptimizersCommand;
import org.nnj.examples.optim.VanishingGradientsCommand;
import org.nnj.examples.plugins.PluginsCommand;
import org.nnj.examples.predict.PredictCommand;
import org.nnj.examples.train.TrainCommand;
import org.nnj.examples.vision.FeatureMapsCommand;
import org.nnj.examples.vision.ShiftDemoCommand;
import picocli.CommandLine.Command;

/** The top-level {@code nn} command: its subcommands are the lecture's demos and the training runs. */
@Command(name = "nn",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "NNJ: neural networks on the JVM, from Rosenblatt's perceptron",
            "to networks trained by backpropagation.",
            ""
        },
        subcommands = {PerceptronCommand.class, XorCommand.class, TrainCommand.class, PredictCommand.class,
            ShiftDemoCommand.class, FeatureMapsCommand.class, PluginsCommand.class, OptimizersCommand.class,
            OptimizerPathsCommand.class, VanishingGradientsCommand.class},
        footer = {
            "",
            "Examples:",
            "  ./nn train                  an MLP on the shipped Fashion-MNIST subset",
            "  ./nn train --data DIR       the same on the full data set in DIR",
            "  ./nn train --save m.st      train, then save the model to m.st",
            "  ./nn predict --model m.st --images IDX",
            "                              classify images with the saved model",
            "  ./nn train --resume run.st  continue a run checkpointed with --checkpoint",
            "  ./nn plugins                the layers, optimizers, ... found, and their jars",
            "  ./nn perceptron             Rosenblatt's rule on AND, OR, XOR",
            "  ./nn xor                    a hidden layer solves XOR",
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
