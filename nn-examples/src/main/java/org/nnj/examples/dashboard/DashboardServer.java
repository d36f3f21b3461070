package org.nnj.examples.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's web server: the page, its scripts (ECharts, served from the jar), the list of runs, a run's
 * metrics file and (for a CNN) its two pictures, and a stream of server-sent events that carries each run's new
 * lines to the page as they are written. Every endpoint is read-only (GET and HEAD; anything else is 405), a run is
 * reached only by a listed name ({@link RunsDirectory#find}), and a server bound to a loopback address answers only
 * requests whose {@code Host} is that loopback address, so a web page elsewhere cannot read it through DNS
 * rebinding.
 *
 * <p>Built on the JDK's own HTTP server (module {@code jdk.httpserver}): it is in every JDK, needs no dependency,
 * and a few read-only endpoints and one event stream need nothing more. The event streams read the runs' files
 * on the server's own threads, so training (which only appends lines to a file) never waits for a browser.
 */
public final class DashboardServer implements AutoCloseable {
    /** The ECharts build the page draws with, unpacked from the org.webjars.npm:echarts jar at build time. */
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    /** How often an event stream looks for new lines. */
    static final long POLL_MILLIS = 200;
    /** At most this many pages follow runs at once; more get 503. */
    static final int MAX_STREAMS = 16;

    private final RunsDirectory runs;
    private final HttpServer server;
    private final ExecutorService threads;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private final boolean loopback;
    private volatile boolean closed;

    private DashboardServer(RunsDirectory runs, HttpServer server, ExecutorService threads, boolean loopback) {
        this.runs = runs;
        this.server = server;
        this.threads = threads;
        this.loopback = loopback;
    }

    /**
     * Starts serving {@code runs} on {@code host}:{@code port} (port 0: any free port).
     *
     * @throws UncheckedIOException when the address cannot be bound (say, the port is taken)
     */
    public static DashboardServer start(RunsDirectory runs, String host, int port) {
        try {
            InetAddress address = InetAddress.getByName(host);
            HttpServer http = HttpServer.create(new InetSocketAddress(address, port), 0);
            AtomicInteger count = new AtomicInteger();
            ExecutorService threads = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "nn-dashboard-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            DashboardServer dashboard = new DashboardServer(runs, http, threads, address.isLoopbackAddress());
            http.setExecutor(threads);
            http.createContext("/", dashboard::handle);
            http.start();
            return dashboard;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the dashboard on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The page's address. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Stops serving. Open event streams first send the lines written since their last round (so a page sees the
     * run's last epoch and its end), then end; this waits up to a second for them.
     */
    @Override
    public void close() {
        closed = true;
        try {
            // Taking every stream's permit waits for the open streams' last round, and lets no new one start.
            streams.tryAcquire(MAX_STREAMS, 1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // stop(0), not stop(1): on JDK 17 stop(n) waits the whole n seconds when no request is open
        // (JDK-8304065), which made every ./nn train --ui a second longer. The streams have ended by now.
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain", "read-only: GET and HEAD only\n");
                return;
            }
            if (loopback && !loopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 403, "text/plain", "the dashboard answers requests to its loopback address only\n");
                return;
            }
            // The raw path: a name with %2e%2e or %2f in it stays a name, which then is not a listed run.
            String path = exchange.getRequestURI().getRawPath();
            switch (path) {
                case "/" -> resource(exchange, "index.html", "text/html; charset=utf-8");
                case "/dashboard.js" -> resource(exchange, "dashboard.js", "text/javascript; charset=utf-8");
                case "/echarts.min.js" -> resource(exchange, ECHARTS, "text/javascript; charset=utf-8");
                case "/api/runs" -> send(exchange, 200, "application/json", Json.strings(runs.list()));
                case "/events" -> events(exchange);
                default -> {
                    if (path.startsWith("/runs/")) {
                        run(exchange, path.substring("/runs/".length()));
                    } else {
                        send(exchange, 404, "text/plain", "not found\n");
                    }
                }
            }
        }
    }

    private boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        int port = port();
        return host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port) || host.equals("[::1]:" + port);
    }

    /** {@code /runs/NAME}: the metrics file; {@code /runs/NAME/filters.png} and {@code maps.png}: its pictures. */
    private void run(HttpExchange exchange, String name) throws IOException {
        int slash = name.indexOf('/');
        if (slash >= 0) {
            String picture = name.substring(slash + 1);
            Optional<Path> image = picture.endsWith(".png")
                    ? runs.findImage(name.substring(0, slash), picture.substring(0, picture.length() - ".png".length()))
                    : Optional.empty();
            if (image.isEmpty()) {
                send(exchange, 404, "text/plain", "no such picture\n");
                return;
            }
            sendBytes(exchange, 200, "image/png", Files.readAllBytes(image.get()));
            return;
        }
        Optional<Path> file = runs.find(name);
        if (file.isEmpty()) {
            send(exchange, 404, "text/plain", "no such run\n");
            return;
        }
        send(exchange, 200, "application/x-ndjson", Files.readString(file.get(), StandardCharsets.UTF_8));
    }

    private void resource(HttpExchange exchange, String name, String type) throws IOException {
        try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
            if (in == null) {
                send(exchange, 500, "text/plain", "the jar lacks " + name + "\n");
                return;
            }
            sendBytes(exchange, 200, type, in.readAllBytes());
        }
    }

    /**
     * {@code /events?run=a&run=b}: a server-sent event stream. It sends {@code runs} events with the directory's
     * runs (when they change) and one {@code line} event per metrics line of the runs asked for, from their first
     * line: {@code data: NAME<TAB>LINE}. A page whose connection drops reconnects (the browser's EventSource does)
     * and gets everything again from the start.
     */
    private void events(HttpExchange exchange) throws IOException {
        if (!streams.tryAcquire()) {
            send(exchange, 503, "text/plain", closed ? "the dashboard is closing\n" : "too many open dashboards\n");
            return;
        }
        try {
            List<Tail> tails = new ArrayList<>();
            for (String name : Query.values(exchange.getRequestURI().getRawQuery(), "run")) {
                if (RunsDirectory.validName(name)) {
                    tails.add(new Tail(runs, name));
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            String listed = null;
            long lastWrite = System.nanoTime();
            while (true) {
                boolean last = closed; // once closing, one last round sends what the run wrote last
                StringBuilder events = new StringBuilder();
                String now = Json.strings(runs.list());
                if (!now.equals(listed)) {
                    events.append("event: runs\ndata: ").append(now).append("\n\n");
                    listed = now;
                }
                for (Tail tail : tails) {
                    for (String line : tail.newLines()) {
                        events.append("event: line\ndata: ").append(tail.name).append('\t').append(line).append("\n\n");
                    }
                }
                if (events.isEmpty() && System.nanoTime() - lastWrite > 15_000_000_000L) {
                    events.append(": still here\n\n"); // finds a closed connection, keeps proxies from timing out
                }
                if (!events.isEmpty()) {
                    out.write(events.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.nanoTime();
                }
                if (last) {
                    break;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException | InterruptedException e) {
            // The page went away, or the server is closing: the stream ends.
        } finally {
            streams.release();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        sendBytes(exchange, status, type.contains("charset") ? type : type + "; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
    }

    /** The query parameters of a request, decoded. */
    static final class Query {
        private Query() {
        }

        static List<String> values(String rawQuery, String key) {
            List<String> values = new ArrayList<>();
            if (rawQuery == null) {
                return values;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(key)) {
                    values.add(java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return values;
        }
    }
}
