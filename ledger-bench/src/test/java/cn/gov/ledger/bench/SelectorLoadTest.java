package cn.gov.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator reads each kind of answer whole (Content-Length, chunked, closing the
 * connection, longer than its buffer) and keeps every client in step with its own answers; an
 * answer that is not HTTP fails its request.
 */
class SelectorLoadTest {

    /** Longer than a connection's buffer, and not a whole number of reads. */
    private static final String LARGE = "x".repeat(100_003);

    private HttpServer server;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/post", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String kind = body.substring(0, body.indexOf('-'));
            byte[] answer = ("{\"code\":\"" + (kind.equals("large") ? LARGE : body) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            switch (kind) {
                case "created" -> exchange.sendResponseHeaders(201, answer.length);
                case "chunked" -> exchange.sendResponseHeaders(503, 0);
                case "large" -> exchange.sendResponseHeaders(422, answer.length);
                default -> {
                    exchange.getResponseHeaders().set("Connection", "close");
                    exchange.sendResponseHeaders(400, answer.length);
                }
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void eachClientReadsEachKindOfAnswerWholeAndInStep() throws Exception {
        int port = server.getAddress().getPort();
        byte[] head = SelectorLoad.postHead(port, "/post", "Bearer k");
        String[] kinds = {"created", "chunked", "large", "refused"};
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger sent = new AtomicInteger();
        ClosedLoop.Result result = SelectorLoad.run("test", port, 4, Duration.ofSeconds(2), Duration.ofSeconds(10),
                index -> new SelectorLoad.Client() {
                    private int n;
                    private String body;

                    @Override
                    public byte[] request() {
                        body = kinds[n++ % kinds.length] + "-" + index + "-" + n;
                        sent.incrementAndGet();
                        return SelectorLoad.post(head, body);
                    }

                    @Override
                    public ClosedLoop.Outcome answered(int status, String answer, ClosedLoop.Recorder recorder) {
                        String kind = body.substring(0, body.indexOf('-'));
                        String expected = switch (kind) {
                            case "created" -> "201 null";
                            case "chunked" -> "503 {\"code\":\"" + body + "\"}";
                            case "large" -> "422 {\"code\":\"" + LARGE + "\"}";
                            default -> "400 {\"code\":\"" + body + "\"}";
                        };
                        if (!expected.equals(status + " " + answer)) {
                            mismatches.add(body + ": " + status + " " + answer);
                        }
                        recorder.code(String.valueOf(status));
                        return status == 201 ? ClosedLoop.Outcome.OK : ClosedLoop.Outcome.REJECTED;
                    }

                    @Override
                    public ClosedLoop.Outcome failed(IOException e, ClosedLoop.Recorder recorder) {
                        mismatches.add(body + ": " + e);
                        return ClosedLoop.Outcome.ERROR;
                    }
                });

        assertThat(mismatches).isEmpty();
        assertThat(result.errors()).isZero();
        assertThat(result.ok() + result.rejected()).isEqualTo(sent.get()).isEqualTo(received.size())
                .isEqualTo(result.requests()).isGreaterThan(4 * kinds.length);
        assertThat(result.codes()).containsOnlyKeys("201", "503", "422", "400");
        assertThat(received).allMatch(line -> line.startsWith("Bearer k "));
    }

    /** An answer that is not HTTP fails its request and its connection; the client goes on with a new one. */
    @Test
    void failsAnUnreadableAnswerAndGoesOn() throws Exception {
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket garbage = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!garbage.isClosed()) {
                    try {
                        Socket socket = garbage.accept();
                        connections.incrementAndGet();
                        Thread answering = new Thread(() -> answerGarbage(socket));
                        answering.setDaemon(true);
                        answering.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            int port = garbage.getLocalPort();
            byte[] head = SelectorLoad.postHead(port, "/post", "Bearer k");
            ClosedLoop.Result result = SelectorLoad.run("garbage", port, 1, Duration.ofSeconds(1),
                    Duration.ofSeconds(10), index -> new SelectorLoad.Client() {
                        @Override
                        public byte[] request() {
                            return SelectorLoad.post(head, "{}");
                        }

                        @Override
                        public ClosedLoop.Outcome answered(int status, String answer, ClosedLoop.Recorder recorder) {
                            return ClosedLoop.Outcome.OK;
                        }

                        @Override
                        public ClosedLoop.Outcome failed(IOException e, ClosedLoop.Recorder recorder) {
                            failures.add(e.getMessage());
                            return ClosedLoop.Outcome.ERROR;
                        }
                    });

            assertThat(result.ok()).isZero();
            assertThat(result.errors()).isEqualTo(result.requests()).isGreaterThan(1);
            assertThat(failures).hasSize((int) result.errors())
                    .allMatch(message -> message.startsWith("an answer that is not HTTP/1.1"));
            assertThat(connections.get()).as("a new connection after each failed one").isGreaterThan(1);
        }
    }

    /** Answers every read of a request with a status line that is not HTTP's, and keeps the connection. */
    private static void answerGarbage(Socket socket) {
        try (socket) {
            byte[] buffer = new byte[4096];
            while (socket.getInputStream().read(buffer) > 0) {
                socket.getOutputStream().write("HTTP/9 nonsense\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
        } catch (IOException closedByTheClient) {
            // the client closes a connection that answered garbage
        }
    }
}
