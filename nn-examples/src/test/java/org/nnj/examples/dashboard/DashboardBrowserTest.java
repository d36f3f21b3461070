package org.nnj.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnj.examples.CliRun;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: headless Chromium (Debian's chromium and chromium-driver) through Selenium.
 * Skipped when they are missing, except under {@code CI=true}, where that is a failure ({@code .ci/run} installs
 * them). Screenshots go to {@code target/dashboard-live.png}, {@code dashboard-overlay.png} and
 * {@code dashboard-pictures.png} (the confusion matrix and a CNN's filters and feature maps).
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser() {
        boolean available = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!available && "true".equals(System.getenv("CI"))) {
            Assertions.fail("CI=true but " + CHROMIUM + " or " + DRIVER + " is missing: install Debian's chromium and"
                    + " chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(available, "chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1100", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void showsATrainingRunLiveWithTheValuesOfItsMetricsFile(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path runs = dir.resolve("runs");
        CompletableFuture<CliRun> training = CompletableFuture.supplyAsync(() -> CliRun.run("train", "--ui",
                Integer.toString(port), "--runs", runs.toString(), "--run-name", "live", "--limit", "3000",
                "--epochs", "4", "--batch", "32", "--threads", "1"));
        waitForServer(port, training);
        browser.get("http://127.0.0.1:" + port + "/?run=live");
        // Wait until the loss chart has points from at least two epochs (the per-step series).
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> number(script(
                "var s = series('loss');"
                        + " var steps = s.length ? s[0].data : []; return steps.length ? steps[steps.length - 1][0] : 0;"))
                > 1.0);
        screenshot("dashboard-live");
        CliRun run = training.get(120, TimeUnit.SECONDS);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("dashboard: http://127.0.0.1:" + port + "/?run=live"), run.out());

        // The page keeps what it showed after the run (and its server) ended: compare it with the file.
        List<JsonNode> epochs = lines(runs.resolve("live.jsonl"), "epoch");
        assertEquals(4, epochs.size());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> number(script(
                "return series('loss')"
                        + ".filter(s => s.name === 'live loss')[0].data.length;")) == 4);
        @SuppressWarnings("unchecked")
        List<List<Object>> chartLoss = (List<List<Object>>) script(
                "return series('loss')"
                        + ".filter(s => s.name === 'live loss')[0].data;");
        @SuppressWarnings("unchecked")
        List<String> rows = (List<String>) script("return Array.from(document.querySelectorAll('#epochs tbody tr'))"
                + ".map(r => Array.from(r.cells).map(c => c.textContent).join('|'));");
        assertEquals(4, chartLoss.size());
        assertEquals(4, rows.size());
        for (int e = 0; e < 4; e++) {
            JsonNode m = epochs.get(e);
            assertEquals(e + 1, number(chartLoss.get(e).get(0)));
            assertEquals(m.get("loss").asDouble(), number(chartLoss.get(e).get(1)), "epoch " + (e + 1) + "'s loss, exactly");
            assertEquals(String.join("|", "live", Integer.toString(e + 1), fixed(m.get("loss")), fixed(m.get("accuracy")),
                    fixed(m.get("val_loss")), fixed(m.get("val_accuracy")), Double.toString(m.get("lr").asDouble()),
                    String.format(Locale.ROOT, "%.0f", m.get("samples_per_second").asDouble())), rows.get(e));
        }
        // Every step's running loss is on the chart, in order, as the file has it.
        List<JsonNode> steps = lines(runs.resolve("live.jsonl"), "step");
        @SuppressWarnings("unchecked")
        List<List<Object>> chartSteps = (List<List<Object>>) script(
                "return series('loss')[0].data;");
        assertEquals(steps.size(), chartSteps.size());
        for (int i = 0; i < steps.size(); i += 17) {
            assertEquals(steps.get(i).get("loss").asDouble(), number(chartSteps.get(i).get(1)), "step line " + i);
        }
        // So are every step's running accuracy and learning rate.
        List<List<Object>> stepAccuracy = data("accuracy", "live accuracy (per step)");
        List<List<Object>> stepRate = data("lr", "live (per step)");
        assertEquals(steps.size(), stepAccuracy.size());
        assertEquals(steps.size(), stepRate.size());
        for (int i = 0; i < steps.size(); i += 13) {
            assertEquals(steps.get(i).get("accuracy").asDouble(), number(stepAccuracy.get(i).get(1)), "step line " + i);
            assertEquals(steps.get(i).get("lr").asDouble(), number(stepRate.get(i).get(1)), "step line " + i);
        }
        assertEquals(epochs.get(3).get("accuracy").asDouble(), number(stepAccuracy.get(steps.size() - 1).get(1)),
                "the last step's running accuracy is the epoch's");
        assertConfusionShown(runs.resolve("live.jsonl"), "live");
        // The gradient norm of each layer, sampled about 20 times an epoch: as the file has them.
        List<JsonNode> norms = lines(runs.resolve("live.jsonl"), "grad_norms");
        // 20 an epoch; fewer when steps come faster than the writer thread sums them.
        assertTrue(norms.size() >= 4 && norms.size() <= 4 * LiveDashboard.GRADIENT_SAMPLES,
                "grad_norms lines: " + norms.size());
        int layers = norms.get(0).get("values").size();
        assertTrue(layers >= 2, "an MLP has several layers with weights: " + layers);
        for (int k = 0; k < layers; k++) {
            @SuppressWarnings("unchecked")
            List<List<Object>> shown = (List<List<Object>>) script("return series('gradients')"
                    + ".filter(s => s.name === 'live layer " + (k + 1) + "')[0].data;");
            assertEquals(norms.size(), shown.size(), "layer " + (k + 1));
            JsonNode last = norms.get(norms.size() - 1);
            assertEquals(last.get("values").get(k).asDouble(), number(shown.get(shown.size() - 1).get(1)));
            assertTrue(last.get("values").get(k).asDouble() > 0);
        }
    }

    @Test
    void overlaysTwoRunsOfADirectoryAndReconnectsWhenTheServerComesBack(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        // LeNet: a CNN, so the runs also draw their first convolution's filters and feature maps.
        for (String optimizer : List.of("adam", "sgd")) {
            CliRun run = CliRun.run("train", "--model", "lenet", "--runs", runs.toString(), "--run-name", optimizer,
                    "--optimizer", optimizer, "--lr", optimizer.equals("sgd") ? "0.05" : "0.001", "--limit", "600",
                    "--epochs", "3", "--threads", "1");
            assertEquals(0, run.exitCode(), run.err());
        }
        DashboardServer server = DashboardServer.start(new RunsDirectory(runs), "127.0.0.1", 0);
        int port = server.port();
        try {
            browser.get(server.uri().toString());
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> number(script(
                    "var s = series('accuracy')"
                            + ".filter(s => s.name.endsWith(' val accuracy') && s.data.length === 3);"
                            + " return s.length;")) == 2);
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) script("return series('loss').filter(s => s.data.length > 0).map(s => s.name);");
            assertTrue(names.containsAll(List.of("adam loss (per step)", "adam loss", "adam val loss",
                    "sgd loss (per step)", "sgd loss", "sgd val loss")), names.toString());
            for (String name : List.of("adam", "sgd")) {
                List<JsonNode> epochs = lines(runs.resolve(name + ".jsonl"), "epoch");
                @SuppressWarnings("unchecked")
                List<List<Object>> shown = (List<List<Object>>) script("return series('accuracy').filter(s => s.name === '" + name
                        + " val accuracy')[0].data;");
                for (int e = 0; e < 3; e++) {
                    assertEquals(epochs.get(e).get("val_accuracy").asDouble(), number(shown.get(e).get(1)), name);
                }
            }
            // The first chosen run's last confusion matrix and pictures, as its files have them.
            assertConfusionShown(runs.resolve("adam.jsonl"), "adam");
            int lastPictures = lines(runs.resolve("adam.jsonl"), "images").stream()
                    .mapToInt(n -> n.get("epoch").asInt()).max().orElseThrow();
            for (String kind : List.of(RunsDirectory.FILTERS, RunsDirectory.MAPS)) {
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> Boolean.TRUE.equals(script(
                        "var img = document.getElementById('" + kind + "'); return img.complete && img.naturalWidth > 0;")));
                BufferedImage file = ImageIO.read(runs.resolve("adam." + kind + ".png").toFile());
                assertEquals(file.getWidth(), number(script("return document.getElementById('" + kind + "').naturalWidth;")));
                assertEquals(file.getHeight(), number(script("return document.getElementById('" + kind + "').naturalHeight;")));
                assertEquals("runs/adam/" + kind + ".png?epoch=" + lastPictures,
                        script("return document.getElementById('" + kind + "').getAttribute('src');"));
            }
            assertEquals("First convolution of adam after epoch " + lastPictures,
                    script("return document.getElementById('pictures-title').textContent;"));
            screenshot("dashboard-overlay");
            ((JavascriptExecutor) browser).executeScript("document.getElementById('pictures').scrollIntoView();");
            screenshot("dashboard-pictures");
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
            assertEquals(1L, number(script("return window.nnDashboard.opens;")));
            // The connection drops (the server stops) and comes back on the same port: the page reconnects.
            server.close();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> Boolean.FALSE.equals(
                    script("return window.nnDashboard.connected;")));
            server = DashboardServer.start(new RunsDirectory(runs), "127.0.0.1", port);
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> number(script(
                    "return window.nnDashboard.opens;")) == 2 && Boolean.TRUE.equals(script(
                    "return window.nnDashboard.connected && window.nnDashboard.runs.sgd.epochs.length === 3;")));
        } finally {
            server.close();
        }
    }

    /** The chart {@code id}'s series {@code name}: its points. */
    @SuppressWarnings("unchecked")
    private static List<List<Object>> data(String id, String name) {
        return (List<List<Object>>) script("return series('" + id + "').filter(s => s.name === '" + name + "')[0].data;");
    }

    /** The confusion heat map shows the last confusion line of {@code file}, cell by cell. */
    private static void assertConfusionShown(Path file, String run) throws IOException {
        List<JsonNode> matrices = lines(file, "confusion");
        assertTrue(matrices.size() >= 3, "a confusion line per validation: " + matrices.size());
        JsonNode last = matrices.get(matrices.size() - 1);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> ("Confusion matrix: " + run + ", epoch "
                + last.get("epoch").asInt()).equals(script("var o = echarts.getInstanceByDom("
                + "document.getElementById('confusion')).getOption(); return o.title[0].text;")));
        List<List<Object>> cells = data("confusion", "examples");
        JsonNode counts = last.get("counts");
        assertEquals(counts.size() * counts.size(), cells.size());
        long total = 0;
        for (List<Object> cell : cells) {
            int predicted = (int) number(cell.get(0));
            int truth = (int) number(cell.get(1));
            assertEquals(counts.get(truth).get(predicted).asLong(), (long) number(cell.get(2)), truth + "->" + predicted);
            total += (long) number(cell.get(2));
        }
        assertTrue(total > 0);
    }

    /** Runs {@code js} in the page, where {@code series('loss')} is what the chart with that id draws (none yet: []). */
    private static Object script(String js) {
        return ((JavascriptExecutor) browser).executeScript("function series(id) {"
                + " var chart = echarts.getInstanceByDom(document.getElementById(id));"
                + " var option = chart && chart.getOption(); return option ? option.series : []; }\n" + js);
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static String fixed(JsonNode value) {
        return value.isNull() ? "" : String.format(Locale.ROOT, "%.4f", value.asDouble());
    }

    private static List<JsonNode> lines(Path file, String type) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode node = JSON.readTree(line);
            if (node.get("type").asText().equals(type)) {
                found.add(node);
            }
        }
        return found;
    }

    private static void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), Path.of("target", name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void waitForServer(int port, CompletableFuture<CliRun> training) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (training.isDone()) {
                throw new AssertionError("training ended before its dashboard was reached: " + training.get());
            }
            try {
                new Socket("127.0.0.1", port).close();
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("no dashboard on port " + port);
    }
}
