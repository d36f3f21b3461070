package org.nnj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.core.model.Sequential;

/**
 * Every test model's file passes the official checker, {@code onnx.checker.check_model(model, full_check=True)},
 * run by {@code /usr/bin/python3}. Without python3 and its {@code onnx} package the test is skipped, except
 * under {@code CI=true}, where that is a failure: the build machines must run it. Prints whether it ran.
 */
class OnnxCheckerTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void everyExportedModelPassesTheOnnxChecker() throws Exception {
        String missing = missingChecker();
        if (missing != null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("the ONNX checker must run under CI=true, but " + missing);
            }
            System.out.println("ONNX checker skipped: " + missing);
            Assumptions.assumeTrue(false, missing);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script()));
        for (Map.Entry<String, Supplier<Sequential>> e : TestModels.all().entrySet()) {
            Path file = dir.resolve(e.getKey().replaceAll("[^A-Za-z0-9_.=-]", "_") + ".onnx");
            OnnxExport.write(e.getValue().get(), file);
            command.add(file.toString());
        }
        Result result = run(command);
        assertEquals(0, result.exitCode(), "the ONNX checker failed:\n" + result.output());
        System.out.println("ONNX checker ran (" + result.output().lines().findFirst().orElse("") + ", full_check=True)"
                + " and passed " + (command.size() - 3) + " files");
    }

    /** Why the checker cannot run here, or null when it can. */
    private static String missingChecker() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return PYTHON + " does not exist";
        }
        Result r = run(List.of(PYTHON, "-c", "import onnx.checker"));
        return r.exitCode() == 0 ? null : PYTHON + " cannot import onnx (apt install python3-onnx, or pip install onnx): "
                + r.output().strip();
    }

    private static String script() throws IOException {
        try (InputStream in = OnnxCheckerTest.class.getResourceAsStream("check_models.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out\n" + output);
        }
        return new Result(p.exitValue(), output);
    }
}
