package org.nnj.examples.dashboard;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.nnj.examples.Checks;
import org.nnj.examples.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Serves the dashboard of a runs directory: finished runs, and runs that other processes are training. */
@Command(name = "dashboard",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the training dashboard of the runs in a directory, live while they train.",
            "",
            "The runs are what ./nn train --runs DIR (or --ui) records: their loss, accuracy,",
            "learning rate, speed and gradient norms, overlaid."
        })
public final class DashboardCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "The runs directory, with one NAME.jsonl file per run.")
    Path dir;

    @Option(names = "--port", paramLabel = "PORT", description = "The port (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int port = UiOptions.DEFAULT_PORT;

    @Option(names = "--host", paramLabel = "HOST",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host = "127.0.0.1";

    @Option(names = "--seconds", paramLabel = "N",
            description = "Stop after N seconds (default: serve until interrupted, Ctrl-C).")
    Integer seconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Checks checks = Checks.of(spec).inputDirectory("DIR", dir).between("--port", port, 0, 65_535)
                .positive("--seconds", seconds);
        RunsDirectory runs = new RunsDirectory(dir);
        DashboardServer server;
        try {
            server = DashboardServer.start(runs, host, port);
        } catch (UncheckedIOException e) {
            throw checks.fail("--port", e.getMessage());
        }
        try (server) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("dashboard of " + runs.path() + " (" + Text.count(runs.list().size(), "run") + "): " + server.uri()
                    + (seconds == null ? "; Ctrl-C stops it" : "; for " + seconds + " s"));
            out.flush();
            CountDownLatch never = new CountDownLatch(1);
            if (seconds == null) {
                never.await();
            } else {
                never.await(seconds, TimeUnit.SECONDS);
            }
        }
        return 0;
    }
}
