package org.nnj.examples;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nnj.examples.classic.PerceptronCommand;
import org.nnj.examples.classic.XorCommand;
import org.nnj.examples.convert.ConvertCommand;
import org.nnj.examples.dashboard.DashboardCommand;
import org.nnj.examples.lecture.ActivationsCommand;
import org.nnj.examples.lecture.BinaryCommand;
import org.nnj.examples.lecture.RegressionCommand;
import org.nnj.examples.optim.OptimizerPathsCommand;
import org.nnj.examples.optim.OptimizersCommand;
import org.nnj.examples.optim.VanishingGradientsCommand;
import org.nnj.examples.plugins.PluginsCommand;
import org.nnj.examples.predict.PredictCommand;
import org.nnj.examples.train.SummaryCommand;
import org.nnj.examples.train.TrainCommand;
import org.nnj.examples.vision.FeatureMapsCommand;
import org.nnj.examples.vision.ShiftDemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The top-level {@code nn} command: its subcommands are the lecture's demos and the training runs. They are
 * not in the annotation but added by {@link #commandLine(NnCommand, String...)}, which builds only the one a
 * run invokes.
 */
@Command(name = "nn",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "NNJ: neural networks on the JVM, from Rosenblatt's perceptron",
            "to networks trained by backpropagation.",
            ""
        },
        footer = {
            "",
            "Examples:",
            "  ./nn train                  an MLP on the shipped Fashion-MNIST subset",
            "  ./nn train --data DIR       the same on the full data set in DIR",
            "  ./nn train --save m.st      train, then save the model to m.st",
            "  ./nn predict --model m.st --images IDX",
            "                              classify the images in IDX with it; the shipped",
            "                              test images are",
            " " + NnCommand.TEST_IMAGES,
            "  ./nn train --resume run.st  continue a run checkpointed with --checkpoint",
            "  ./nn summary --model cnn    the layers of a model (or of a saved file)",
            "  ./nn convert m.onnx m.st    an ONNX model as an NNJ model file (and back:",
            "                              ./nn convert m.st m.onnx); ./nn predict reads",
            "                              .onnx files too",
            "  ./nn plugins                the layers, optimizers, ... found, and their jars",
            "  ./nn --plugin my.jar plugins",
            "                              the same with the plugin in my.jar (a jar, or a",
            "                              directory of jars; also",
            "                              NNJ_PLUGIN_PATH=a.jar:b.jar)",
            "  ./nn --plugin my.jar train --activation swish --save m.st",
            "                              an MLP with the plugin's activation",
            "  ./nn perceptron             Rosenblatt's rule on AND, OR, XOR",
            "  ./nn xor                    a hidden layer solves XOR",
            "  ./nn regression             an MLP against the least-squares line",
            "  ./nn binary                 an MLP's and a single neuron's decision boundary",
            "  ./nn activations            every activation and its derivative",
            "",
            "Run './nn COMMAND --help' for a command's options."
        })
public final class NnCommand implements Runnable {
    /** The shipped test images, as a path from the repository's root (where {@code ./nn} runs). */
    public static final String TEST_IMAGES = "nn-examples/src/main/resources/org/nnj/examples/data/t10k-images-idx3-ubyte.gz";
    /** Their labels. */
    public static final String TEST_LABELS = "nn-examples/src/main/resources/org/nnj/examples/data/t10k-labels-idx1-ubyte.gz";

    /** The subcommands, in the order {@code --help} lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(PerceptronCommand.class, XorCommand.class,
            TrainCommand.class, PredictCommand.class, SummaryCommand.class, ConvertCommand.class,
            ShiftDemoCommand.class, FeatureMapsCommand.class, PluginsCommand.class, OptimizersCommand.class,
            OptimizerPathsCommand.class, VanishingGradientsCommand.class, RegressionCommand.class,
            BinaryCommand.class, ActivationsCommand.class, DashboardCommand.class);
    /** The top-level option that takes a value: its value is not a subcommand's name. */
    private static final String PLUGIN_OPTION = "--plugin";

    private final PluginOptions plugins;

    /** The command line of {@code command} with every subcommand (help, tests, embedding). */
    public static CommandLine commandLine(NnCommand command) {
        CommandLine cli = new CommandLine(command);
        SUBCOMMANDS.forEach(cli::addSubcommand);
        return cli;
    }

    /**
     * The command line of {@code command} for {@code args}: with only the subcommand they name, or with every
     * one when they name none (help, a misspelt command: the list and its suggestions need every name).
     * Picocli builds a command's model from its annotations by reflection, on a cold JVM: building the 15
     * that a run does not use cost about 0.1 s of the start-up of {@code ./nn train}.
     */
    static CommandLine commandLine(NnCommand command, String... args) {
        String name = subcommandName(args);
        for (Class<?> subcommand : name == null ? List.<Class<?>>of() : SUBCOMMANDS) {
            Command annotation = subcommand.getAnnotation(Command.class);
            if (annotation.name().equals(name) || List.of(annotation.aliases()).contains(name)) {
                CommandLine cli = new CommandLine(command);
                cli.addSubcommand(subcommand);
                return cli;
            }
        }
        return commandLine(command);
    }

    /** The first argument that is neither an option nor the value of {@code --plugin}; null if none. */
    private static String subcommandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(PLUGIN_OPTION)) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
    }

    /** A command line whose plugin path also reads {@code NNJ_PLUGIN_PATH} from this process's environment. */
    public NnCommand() {
        this(System.getenv());
    }

    /** A command line with {@code environment} in place of the process's (tests, embedding). */
    public NnCommand(Map<String, String> environment) {
        this.plugins = new PluginOptions(environment);
    }

    // Inherited: accepted before the subcommand and after it; the value lands here either way, so that
    // every command of the run loads the same plugins.
    @Option(names = "--plugin", paramLabel = "PATH", scope = ScopeType.INHERIT,
            description = {"Load plugins (layers, activations, losses, optimizers, backends) from PATH: a jar,"
                    + " or a directory of jars. Repeatable; NNJ_PLUGIN_PATH adds more (entries separated by '"
                    + "${sys:path.separator}')."})
    void plugin(List<Path> entries) {
        entries.forEach(plugins::add);
    }

    // Read by Main from the arguments (a usage error comes before picocli sets any field); declared here so
    // that it is accepted, and listed, before the subcommand and after it.
    @Option(names = Main.DEBUG, scope = ScopeType.INHERIT,
            description = "On an error, print the stack trace after its one line.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** This run's plugins. */
    PluginOptions plugins() {
        return plugins;
    }

    @Override
    public void run() {
        // No subcommand: show what there is.
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
