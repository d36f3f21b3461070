package org.nnj.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nnj.examples.CliRun.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command of {@code ./nn}, driven with bad arguments through {@link Main}'s entry point: each must
 * answer with exactly one line {@code nn: ...} on standard error, a non-zero exit code, no stack trace,
 * nothing on standard output, and no file created or changed. No case trains: the checks run before any
 * work. The one real training run, in {@link #setUp()}, writes the checkpoint the resume cases contradict.
 */
class BadArgumentsTest {

    @TempDir
    static Path dir;

    private static Path checkpoint;

    @BeforeAll
    static void setUp() throws IOException {
        Files.writeString(dir.resolve("existing.txt"), "a good file that bad input must not touch\n");
        Files.createDirectory(dir.resolve("dir"));
        // Where ./nn train --report DIR/x.json would draw its confusion matrix: taken by a directory.
        Files.createDirectory(dir.resolve("dir").resolve("x-confusion.png"));
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Path png = dir.resolve("good.png");
        ImageIO.write(image, "png", png.toFile());
        byte[] bytes = Files.readAllBytes(png);
        Files.write(dir.resolve("corrupt.png"), Arrays.copyOf(bytes, bytes.length / 2)); // truncated
        checkpoint = dir.resolve("lenet.safetensors");
        CliRun r = run("train", "--model", "lenet", "--limit", "64", "--epochs", "1", "--batch", "32", "--seed", "5",
                "--validation", "0", "--threads", "1", "--checkpoint", checkpoint.toString(),
                "--save", dir.resolve("model.safetensors").toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    /** {command, exit code, the message's fragment, arguments with DIR, FILE, CK, MODEL, ... for the files}. */
    static Stream<Arguments> cases() {
        return Stream.of(
                c("nn", 2, "nn: Unknown option: '--bogus'", "--bogus"),
                c("nn", 2, "Unmatched argument", "bogus-command"),

                c("perceptron", 2, "--points: must be at least 1, got -3", "perceptron", "--points", "-3"),
                c("perceptron", 2, "--points: must be at least 1, got 0", "perceptron", "--points", "0"),
                c("perceptron", 2, "--max-epochs: must be at least 1, got 0", "perceptron", "--max-epochs", "0"),
                c("perceptron", 2, "Invalid value for option '--points'", "perceptron", "--points", "many"),
                c("perceptron", 2, "Unknown option: '--bogus'", "perceptron", "--bogus"),

                c("xor", 2, "--epochs: must be at least 1, got 0", "xor", "--epochs", "0"),
                c("xor", 2, "--lr: must be a number above 0, got NaN", "xor", "--lr", "NaN"),
                c("xor", 2, "--lr: must be a number above 0, got -1.0", "xor", "--lr", "-1"),
                c("xor", 2, "--hidden: must be at least 1, got 0", "xor", "--hidden", "0"),
                c("xor", 2, "--threads: must be between 1 and", "xor", "--threads", "0"),
                c("xor", 2, "--threads: must be between 1 and", "xor", "--threads", "100000"),

                c("train", 2, "--validation: must be at least 0 and below 1, got NaN", "train", "--validation", "NaN"),
                c("train", 2, "--validation: must be at least 0 and below 1, got -0.5", "train", "--validation", "-0.5"),
                c("train", 2, "--validation: must be at least 0 and below 1, got 1.0", "train", "--validation", "1"),
                c("train", 2, "--epochs: must be at least 1, got 0", "train", "--epochs", "0"),
                c("train", 2, "--batch: must be at least 1, got -2", "train", "--batch", "-2"),
                c("train", 2, "--lr: must be a number above 0, got Infinity", "train", "--lr", "Infinity"),
                c("train", 2, "--limit: must be at least 1, got 0", "train", "--limit", "0"),
                c("train", 2, "--threads: must be between 1 and", "train", "--threads", "100000"),
                c("train", 2, "--data: MISSING: no such directory", "train", "--data", "MISSING"),
                c("train", 2, "--report (its confusion matrix picture): is the same file as --save (DIR/m-confusion.png)",
                        "train", "--report", "DIR/m.json", "--save", "DIR/m-confusion.png"),
                c("train", 2, "--report (its confusion matrix picture): DIR/x-confusion.png is a directory", "train",
                        "--report", "DIR/x.json"),
                c("train", 2, "--data: FILE is a file, not a directory", "train", "--data", "FILE"),
                c("train", 2, "--save: DIR is a directory; give a file name", "train", "--save", "DIR"),
                c("train", 2, "--save: the directory of MISSING/m.st does not exist", "train", "--save", "MISSING/m.st"),
                c("train", 2, "--export: DIR is a directory; give a file name", "train", "--export", "DIR"),
                c("train", 2, "--export: is the same file as --save (DIR/m.onnx)", "train", "--save", "DIR/m.onnx",
                        "--export", "DIR/m.onnx"),
                c("train", 2, "--checkpoint: DIR is a directory", "train", "--checkpoint", "DIR"),
                c("train", 2, "--report: DIR is a directory", "train", "--report", "DIR"),
                c("train", 2, "--validation: must be at least 0", "train", "--save", "FILE", "--validation", "NaN"),
                c("train", 2, "--resume: MISSING: no such file", "train", "--resume", "MISSING"),
                c("train", 2, "--resume: DIR is a directory", "train", "--resume", "DIR"),
                c("train", 2, "--resume-override: needs --resume", "train", "--resume-override"),
                c("train", 1, "unknown model 'resnet'; known models are", "train", "--model", "resnet"),
                c("train", 2, "Unknown options: '--epochz', '3'; did you mean --epochs?", "train", "--epochz", "3"),
                c("train", 1, "FILE", "train", "--resume", "FILE", "--checkpoint", "DIR/new.st"),
                c("train", 1, "is not a training checkpoint", "train", "--resume", "MODEL", "--checkpoint", "DIR/n.st"),
                c("train", 2, "--model: the checkpoint CK holds a model lenet, given mlp", "train", "--resume", "CK",
                        "--model", "mlp"),
                c("train", 2, "--batch: the checkpoint CK was trained with batch size 32, given 64; drop --batch, or"
                        + " add --resume-override", "train", "--resume", "CK", "--batch", "64"),
                c("train", 2, "--seed: the checkpoint CK was trained with seed 5, given 42", "train", "--resume", "CK",
                        "--seed", "42"),
                c("train", 2, "--data: the checkpoint CK was trained on the shipped subset, given", "train",
                        "--resume", "CK", "--data", "DIR"),
                c("train", 2, "--validation: the checkpoint CK held out a validation share of 0.0, given 0.2", "train",
                        "--resume", "CK", "--validation", "0.2"),
                c("train", 2, "--limit: the checkpoint CK was trained with a limit of 64, given 10", "train", "--resume",
                        "CK", "--limit", "10"),
                c("train", 2, "--optimizer: the checkpoint CK was trained with optimizer adam, given sgd", "train",
                        "--resume", "CK", "--optimizer", "sgd"),
                c("train", 2, "--lr: the checkpoint CK was trained with learning rate 0.001, given 0.5", "train",
                        "--resume", "CK", "--lr", "0.5"),
                c("train", 2, "--model: the checkpoint CK holds a model lenet, given cnn", "train", "--resume", "CK",
                        "--model", "cnn", "--resume-override"),

                c("predict", 2, "Missing required option: '--model", "predict", "PNG"),
                c("predict", 2, "IMAGE: give image files, or --images IDX (the shipped test images: --images"
                        + " nn-examples/", "predict", "--model", "MODEL"),
                c("predict", 2, "--model: DIR is a directory, not a file", "predict", "--model", "DIR", "PNG"),
                c("predict", 2, "--model: MISSING: no such file", "predict", "--model", "MISSING", "PNG"),
                c("predict", 2, "--images: DIR is a directory, not a file", "predict", "--model", "MODEL", "--images",
                        "DIR"),
                c("predict", 2, "IMAGE: MISSING: no such file", "predict", "--model", "MODEL", "MISSING"),
                c("predict", 2, "--labels: needs --images", "predict", "--model", "MODEL", "--labels", "FILE", "PNG"),
                c("predict", 2, "--confusion: needs --labels (and --images)", "predict", "--model", "MODEL",
                        "--confusion", "PNG"),
                c("predict", 2, "--top: must be at least 1, got 0", "predict", "--model", "MODEL", "--top", "0", "PNG"),
                c("predict", 2, "--count: must be at least 0, got -1", "predict", "--model", "MODEL", "--count", "-1",
                        "PNG"),
                c("predict", 2, "--threads: must be between 1 and", "predict", "--model", "MODEL", "--threads",
                        "100000", "PNG"),
                c("predict", 1, "CORRUPT: not a readable image", "predict", "--model", "MODEL", "--threads", "1",
                        "CORRUPT"),
                c("predict", 1, "FILE", "predict", "--model", "FILE", "--threads", "1", "PNG"),

                c("summary", 2, "Missing required option: '--model", "summary"),
                c("summary", 2, "--model: 'resnet' is neither a model file nor a catalog model; known models are cnn,"
                        + " cnn-bn, lenet, mlp, mlp-wide", "summary", "--model", "resnet"),
                c("summary", 2, "--model: MISSING: no such file", "summary", "--model", "MISSING"),
                c("summary", 2, "--model: DIR is a directory, not a file", "summary", "--model", "DIR"),
                c("summary", 2, "--activation: applies to a catalog model; MODEL is a saved model", "summary",
                        "--model", "MODEL", "--activation", "tanh"),
                c("summary", 1, "FILE", "summary", "--model", "FILE"),
                c("summary", 1, "layer 1 (bogus): unknown layer 'bogus'", "summary", "--model", "mlp", "--activation", "bogus"),

                c("convert", 2, "Missing required parameter", "convert"),
                c("convert", 2, "OUT: FILE: give a .onnx or a .safetensors (.st) file name", "convert", "MODEL", "FILE"),
                c("convert", 2, "IN: FILE: give a .onnx file or an NNJ model file", "convert", "FILE", "DIR/x.onnx"),
                c("convert", 2, "OUT: IN and OUT are both an NNJ model file", "convert", "MODEL", "DIR/x.st"),
                c("convert", 2, "IN: MISSING.onnx: no such file", "convert", "MISSING.onnx", "DIR/x.st"),
                c("convert", 2, "OUT: the directory of MISSING/x.onnx does not exist", "convert", "MODEL",
                        "MISSING/x.onnx"),

                c("shift-demo", 2, "--max-shift: must be between 1 and 27, got 0", "shift-demo", "--max-shift", "0"),
                c("shift-demo", 2, "--epochs: must be at least 1, got 0", "shift-demo", "--epochs", "0"),
                c("shift-demo", 2, "--limit: must be at least 0, got -1", "shift-demo", "--limit", "-1"),
                c("shift-demo", 2, "--limit: must be at least 0, got -1", "shift-demo", "--train-limit", "-1"),
                c("shift-demo", 2, "--test-limit: must be at least 0, got -5", "shift-demo", "--test-limit", "-5"),
                c("shift-demo", 2, "--lr: must be a number above 0, got NaN", "shift-demo", "--lr", "NaN"),
                c("shift-demo", 2, "--out: FILE is a file; give a directory", "shift-demo", "--out", "FILE"),
                c("shift-demo", 2, "--data: MISSING: no such directory", "shift-demo", "--data", "MISSING"),
                c("shift-demo", 2, "--threads: must be between 1 and", "shift-demo", "--threads", "0"),
                c("shift-demo", 1, "unknown model 'resnet'", "shift-demo", "--cnn", "resnet", "--out", "DIR/new"),

                c("feature-maps", 2, "--epochs: must be at least 1, got 0", "feature-maps", "--epochs", "0"),
                c("feature-maps", 2, "--image: must be at least 0, got -1", "feature-maps", "--image", "-1"),
                c("feature-maps", 2, "--limit: must be at least 0, got -1", "feature-maps", "--limit", "-1"),
                c("feature-maps", 2, "--batch: must be at least 1, got 0", "feature-maps", "--batch", "0"),
                c("feature-maps", 2, "--out: FILE is a file; give a directory", "feature-maps", "--out", "FILE"),
                c("feature-maps", 2, "--out: DIR/FILE/x cannot be created", "feature-maps", "--out",
                        "DIR/../existing.txt/x"),
                c("feature-maps", 2, "--model: model 'mlp' has no convolution to show", "feature-maps", "--model", "mlp",
                        "--out", "DIR/new"),

                c("plugins", 1, "MISSING", "--plugin", "MISSING", "plugins"),
                c("plugins", 2, "Unknown option: '--bogus'", "plugins", "--bogus"),

                c("optimizers", 2, "--epochs: must be at least 1, got 0", "optimizers", "--epochs", "0"),
                c("optimizers", 2, "--hidden: must be at least 1, got 0", "optimizers", "--hidden", "64,0"),
                c("optimizers", 2, "--batch: must be at least 1, got 0", "optimizers", "--batch", "0"),
                c("optimizers", 2, "--limit: must be at least 1, got 0", "optimizers", "--limit", "0"),
                c("optimizers", 2, "--limit: must be at least 1, got 0", "optimizers", "--train-size", "0"),
                c("optimizers", 2, "--clip-norm: must be a number above 0, got NaN", "optimizers", "--clip-norm", "NaN"),
                c("optimizers", 2, "--out: FILE is a file; give a directory", "optimizers", "--out", "FILE"),
                c("optimizers", 2, "--threads: must be between 1 and", "optimizers", "--threads", "100000"),
                c("optimizers", 2, "unknown schedule 'bogus'", "optimizers", "--schedule", "bogus"),
                c("optimizers", 1, "--only: unknown label 'bogus'", "optimizers", "--only", "bogus", "--out",
                        "DIR/new"),

                c("optimizer-paths", 2, "--steps: must be at least 1, got 0", "optimizer-paths", "--steps", "0"),
                c("optimizer-paths", 2, "--out: FILE is a file; give a directory", "optimizer-paths", "--out", "FILE"),
                c("optimizer-paths", 1, "--only: unknown label 'bogus'", "optimizer-paths", "--only", "bogus",
                        "--out", "DIR/new"),

                c("vanishing-gradients", 2, "--depth: must be at least 1, got 0", "vanishing-gradients", "--depth", "0"),
                c("vanishing-gradients", 2, "--width: must be at least 1, got 0", "vanishing-gradients", "--width", "0"),
                c("vanishing-gradients", 2, "--probe: must be at least 1, got 0", "vanishing-gradients", "--probe", "0"),
                c("vanishing-gradients", 2, "--lr: must be a number above 0, got -1.0", "vanishing-gradients", "--lr",
                        "-1"),
                c("vanishing-gradients", 2, "--limit: must be at least 1, got -4", "vanishing-gradients", "--limit",
                        "-4"),
                c("vanishing-gradients", 2, "--out: FILE is a file; give a directory", "vanishing-gradients", "--out",
                        "FILE"),
                c("vanishing-gradients", 1, "unknown optimizer", "vanishing-gradients", "--optimizer", "bogus",
                        "--out", "DIR/new"),

                c("regression", 2, "--train: must be at least 2, got 1", "regression", "--train", "1"),
                c("regression", 2, "--test: must be at least 1, got 0", "regression", "--test", "0"),
                c("regression", 2, "--noise: must be a number above 0, got NaN", "regression", "--noise", "NaN"),
                c("regression", 2, "--hidden: must be at least 1, got 0", "regression", "--hidden", "32,0"),
                c("regression", 2, "--epochs: must be at least 1, got 0", "regression", "--epochs", "0"),
                c("regression", 2, "--lr: must be a number above 0, got -1.0", "regression", "--lr", "-1"),
                c("regression", 2, "--out: FILE is a file; give a directory", "regression", "--out", "FILE"),
                c("regression", 2, "--threads: must be between 1 and", "regression", "--threads", "0"),
                c("regression", 1, "unknown activation 'bogus'", "regression", "--activation", "bogus", "--out",
                        "DIR/new"),

                c("binary", 2, "--shape: must be one of moons, circles, got 'spirals'", "binary", "--shape", "spirals"),
                c("binary", 2, "--train: must be at least 2, got 0", "binary", "--train", "0"),
                c("binary", 2, "--noise: must be a number above 0, got -0.1", "binary", "--noise", "-0.1"),
                c("binary", 2, "--batch: must be at least 1, got 0", "binary", "--batch", "0"),
                c("binary", 2, "--hidden: must be whole numbers separated by commas, got '16,x'", "binary", "--hidden",
                        "16,x"),
                c("binary", 2, "--out: FILE is a file; give a directory", "binary", "--out", "FILE"),
                c("binary", 1, "unknown activation 'bogus'", "binary", "--activation", "bogus", "--out", "DIR/new"),

                c("activations", 2, "--points: must be at least 2, got 1", "activations", "--points", "1"),
                c("activations", 2, "--columns: must be at least 1, got 0", "activations", "--columns", "0"),
                c("activations", 2, "--out: FILE is a file; give a directory", "activations", "--out", "FILE"),
                c("activations", 2, "--out: DIR/FILE/x cannot be created", "activations", "--out",
                        "DIR/../existing.txt/x"),
                c("dashboard", 2, "MISSING: no such directory", "dashboard", "MISSING"),
                c("dashboard", 2, "--port: must be between 0 and 65535, got 70000", "dashboard", "DIR", "--port", "70000"),
                c("dashboard", 2, "--seconds: must be at least 1, got 0", "dashboard", "DIR", "--seconds", "0"),
                c("train", 2, "--run-name: ../x is not a run name", "train", "--runs", "DIR", "--run-name", "../x"),
                c("train", 2, "--ui-host: needs --ui or --runs", "train", "--ui-host", "0.0.0.0"));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("cases")
    void aBadArgumentGivesOneLineAndChangesNothing(String command, int exitCode, String fragment, List<String> args)
            throws IOException {
        Map<Path, String> before = snapshot();
        String[] argv = args.stream().map(BadArgumentsTest::path).toArray(String[]::new);
        CliRun r = run(argv);
        String expected = path(fragment);

        assertEquals(exitCode, r.exitCode(), r.err());
        String[] lines = r.err().split("\\R");
        assertEquals(1, lines.length, "exactly one line on stderr:\n" + r.err());
        assertTrue(lines[0].startsWith("nn: "), lines[0]);
        assertTrue(lines[0].contains(expected), "expected '" + expected + "' in:\n" + lines[0]);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "a stack trace:\n" + r.err());
        if (exitCode == 2 && !"nn".equals(command)) {
            assertTrue(lines[0].endsWith("(see ./nn " + command + " --help)"), lines[0]);
        }
        assertEquals("", r.out(), "nothing on stdout");
        assertEquals(before, snapshot(), "a file was created or changed");
    }

    @Test
    void everyCommandIsInTheTable() {
        Set<String> covered = new HashSet<>();
        cases().forEach(a -> covered.add((String) a.get()[0]));
        Set<String> commands = NnCommand.commandLine(new NnCommand()).getSubcommands().keySet();
        assertTrue(covered.containsAll(commands), "not in the table: " + commands);
    }

    @Test
    void debugAddsTheStackTraceAfterTheLine() {
        CliRun r = run("predict", "--model", checkpoint.toString(), "--threads", "1", "--debug",
                dir.resolve("corrupt.png").toString());
        assertEquals(1, r.exitCode());
        String[] lines = r.err().split("\\R");
        assertTrue(lines[0].startsWith("nn: ") && lines[0].contains("not a readable image"), lines[0]);
        assertTrue(lines.length > 3 && r.err().contains("\tat "), r.err());
    }

    @Test
    void theHelpListsEachCommandWithItsWholeFirstSentence() {
        CliRun r = run("--help");
        assertEquals(0, r.exitCode());
        String list = r.out().substring(r.out().indexOf("Commands:"), r.out().indexOf("Examples:"));
        // Every entry, its wrapped lines joined, is one sentence ending with a full stop.
        String[] entries = list.replaceAll("\\R {20,}", " ").split("\\R");
        for (int i = 1; i < entries.length; i++) {
            if (!entries[i].isBlank()) {
                assertTrue(entries[i].strip().endsWith("."), "cut short: " + entries[i]);
            }
        }
        assertEquals(17, entries.length, list);
    }

    private static Arguments c(String command, int exitCode, String fragment, String... args) {
        return Arguments.of(command, exitCode, fragment, List.of(args));
    }

    /** The placeholders of the table, as the temporary files they stand for. */
    private static String path(String text) {
        return text.replace("DIR/FILE", dir.resolve("dir").resolve("..").resolve("existing.txt").toString())
                .replace("DIR", dir.resolve("dir").toString())
                .replace("FILE", dir.resolve("existing.txt").toString())
                .replace("MISSING", dir.resolve("missing").toString())
                .replace("CK", checkpoint.toString())
                .replace("MODEL", dir.resolve("model.safetensors").toString())
                .replace("CORRUPT", dir.resolve("corrupt.png").toString())
                .replace("PNG", dir.resolve("good.png").toString());
    }

    /** Every file and directory under the temporary directory, with its size, time and a hash of its bytes. */
    private static Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                FileTime time = Files.getLastModifiedTime(p);
                files.put(p, Files.isDirectory(p) ? "dir " + time
                        : Files.size(p) + " " + time + " " + Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
