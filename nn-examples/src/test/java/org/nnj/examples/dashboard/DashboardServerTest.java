package org.nnj.examples.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's server over real sockets: what it serves, what it refuses, and the live event stream. */
class DashboardServerTest {

    @Test
    void servesThePageTheChartLibraryTheRunListAndARunsFile(@TempDir Path dir) throws IOException {
        Path runs = Files.createDirectory(dir.resolve("runs"));
        Files.writeString(runs.resolve("adam.jsonl"), "{\"type\":\"end\",\"epochs\":0,\"time\":1}\n");
        Files.writeString(runs.resolve("sgd.jsonl"), "");
        Files.writeString(runs.resolve("notes.txt"), "not a run");
        try (DashboardServer server = DashboardServer.start(new RunsDirectory(runs), "127.0.0.1", 0)) {
            assertTrue(get(server, "/").body().contains("<script src=\"echarts.min.js\">"));
            Response echarts = get(server, "/echarts.min.js");
            assertEquals(200, echarts.status());
            assertTrue(echarts.body().length() > 500_000, "the whole library, from the jar");
            assertEquals("[\"adam\",\"sgd\"]", get(server, "/api/runs").body());
            assertEquals("{\"type\":\"end\",\"epochs\":0,\"time\":1}\n", get(server, "/runs/adam").body());
            assertEquals(404, get(server, "/runs/notes").status());
            assertEquals(404, get(server, "/nothing").status());
        }
    }

    @Test
    void servesARunsTwoPicturesAndNoOtherFile(@TempDir Path dir) throws IOException {
        Path runs = Files.createDirectory(dir.resolve("runs"));
        Files.writeString(runs.resolve("cnn.jsonl"), "{}\n");
        Files.writeString(runs.resolve("cnn.filters.png"), "FILTERS");
        Files.writeString(runs.resolve("cnn.maps.png"), "MAPS");
        Files.writeString(runs.resolve("cnn.other.png"), "OTHER");
        Files.writeString(runs.resolve("gone.filters.png"), "NO RUN");
        Files.writeString(dir.resolve("secret.png"), "SECRET");
        Files.createSymbolicLink(runs.resolve("mlp.maps.png"), dir.resolve("secret.png"));
        Files.writeString(runs.resolve("mlp.jsonl"), "{}\n");
        try (DashboardServer server = DashboardServer.start(new RunsDirectory(runs), "127.0.0.1", 0)) {
            Response filters = get(server, "/runs/cnn/filters.png");
            assertEquals(200, filters.status());
            assertEquals("FILTERS", filters.body());
            assertTrue(filters.headers().contains("Content-type: image/png"), filters.headers());
            assertEquals("MAPS", get(server, "/runs/cnn/maps.png").body());
            for (String refused : List.of("/runs/cnn/other.png", "/runs/gone/filters.png", "/runs/mlp/maps.png",
                    "/runs/cnn/filters", "/runs/cnn/../secret.png", "/runs/cnn/..%2F..%2Fsecret.png",
                    "/runs/cnn/%2e%2e/secret.png", "/runs/cnn/filters.png/x", "/runs/cnn%2Ffilters.png/maps.png",
                    "/runs/../secret.png", "/runs/cnn/filters.png%00")) {
                Response r = get(server, refused);
                assertEquals(404, r.status(), refused);
                assertFalse(r.body().contains("SECRET") || r.body().contains("OTHER") || r.body().contains("NO RUN"),
                        refused + " leaked " + r.body());
            }
        }
    }

    @Test
    void noRequestReadsAFileOutsideTheRunsDirectory(@TempDir Path dir) throws IOException {
        Path runs = Files.createDirectory(dir.resolve("runs"));
        Files.writeString(runs.resolve("a.jsonl"), "{}\n");
        // A metrics-looking file just outside, and a link inside that points to it.
        Files.writeString(dir.resolve("secret.jsonl"), "SECRET\n");
        Files.createSymbolicLink(runs.resolve("link.jsonl"), dir.resolve("secret.jsonl"));
        List<String> attacks = List.of("/runs/../../etc/passwd", "/runs/..%2F..%2Fetc%2Fpasswd",
                "/runs/%2e%2e/%2e%2e/etc/passwd", "/runs/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                "/runs/..%252F..%252Fetc%252Fpasswd", "/runs/%2Fetc%2Fpasswd", "/runs//etc/passwd",
                "/runs/..\\..\\etc\\passwd", "/runs/../secret", "/runs/..%2Fsecret", "/runs/%2e%2e%2fsecret",
                "/runs/link", "/runs/.%2E/secret", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                "/runs/a%00", "/runs/a/../../secret");
        try (DashboardServer server = DashboardServer.start(new RunsDirectory(runs), "127.0.0.1", 0)) {
            for (String attack : attacks) {
                Response r = get(server, attack);
                assertTrue(r.status() == 404 || r.status() == 400, attack + " answered " + r.status());
                assertFalse(r.body().contains("SECRET") || r.body().contains("root:"), attack + " leaked " + r.body());
            }
            Response events = firstEvents(server, "/events?run=..%2Fsecret&run=link&run=a", "data: a\t{}");
            assertFalse(events.body().contains("SECRET"), events.body());
            assertEquals("[\"a\"]", get(server, "/api/runs").body(), "the link is not a run");
        }
    }

    @Test
    void everyEndpointIsReadOnlyAndAnswersItsLoopbackAddressOnly(@TempDir Path dir) throws IOException {
        try (DashboardServer server = DashboardServer.start(new RunsDirectory(dir), "127.0.0.1", 0)) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                Response r = request(server, method + " /api/runs HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                        + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                assertEquals(405, r.status(), method);
            }
            Response rebinding = request(server, "GET /api/runs HTTP/1.1\r\nHost: evil.example:" + server.port()
                    + "\r\nConnection: close\r\n\r\n");
            assertEquals(403, rebinding.status());
            assertEquals("127.0.0.1", server.uri().getHost());
        }
    }

    @Test
    void theEventStreamSendsARunFromItsFirstLineThenEachNewLineAsItIsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("live.jsonl");
        Files.writeString(file, "{\"type\":\"start\"}\n{\"type\":\"st");
        try (DashboardServer server = DashboardServer.start(new RunsDirectory(dir), "127.0.0.1", 0);
             Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /events?run=live HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertTrue(in.readLine().startsWith("HTTP/1.1 200"));
            assertEquals("data: [\"live\"]", readUntil(in, "data: ["));
            assertEquals("data: live\t{\"type\":\"start\"}", readUntil(in, "data: live"));
            // The half-written line comes when its newline does, whole.
            Files.writeString(file, "ep\"}\n", StandardOpenOption.APPEND);
            assertEquals("data: live\t{\"type\":\"step\"}", readUntil(in, "data: live"));
        }
    }

    private static String readUntil(BufferedReader in, String prefix) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the stream ended before a line starting " + prefix);
    }

    record Response(int status, String headers, String body) {
    }

    static Response get(DashboardServer server, String rawPath) throws IOException {
        return request(server, "GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nConnection: close\r\n\r\n");
    }

    /** Sends {@code request} as written (no client normalizes the path) and reads the whole response. */
    static Response request(DashboardServer server, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            return new Response(status, bodyStart < 0 ? response : response.substring(0, bodyStart),
                    bodyStart < 0 ? "" : response.substring(bodyStart + 4));
        }
    }

    /** Reads an event stream until a line starting {@code until} arrives; everything read as the body. */
    static Response firstEvents(DashboardServer server, String rawPath, String until) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder body = new StringBuilder();
            int status = Integer.parseInt(in.readLine().substring(9, 12));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                body.append(line).append('\n');
                if (line.startsWith(until)) {
                    return new Response(status, "", body.toString());
                }
            }
            throw new AssertionError("no " + until + " in " + body);
        }
    }
}
