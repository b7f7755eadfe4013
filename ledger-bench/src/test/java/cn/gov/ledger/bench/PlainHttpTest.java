package cn.gov.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator's connection reads each kind of answer whole and keeps in step over many. */
class PlainHttpTest {

    /** Longer than the connection's buffer, and not a whole number of reads. */
    private static final String LARGE = "x".repeat(100_003);

    private HttpServer server;
    private final List<String> bodies = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/post", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (bodies) {
                bodies.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            }
            byte[] answer = ("{\"code\":\"" + (body.equals("large") ? LARGE : body) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            switch (body) {
                case "created" -> exchange.sendResponseHeaders(201, answer.length);
                case "large" -> exchange.sendResponseHeaders(422, answer.length);
                case "chunked" -> exchange.sendResponseHeaders(503, 0);
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
    void readsContentLengthChunkedAndClosingAnswers() throws Exception {
        try (PlainHttp http = new PlainHttp(server.getAddress().getPort(), "/post", "Bearer k", 5000)) {
            for (int i = 0; i < 50; i++) {
                assertThat(http.post("created")).isEqualTo(new PlainHttp.Answer(201, null));
                assertThat(http.post("chunked")).isEqualTo(new PlainHttp.Answer(503, "{\"code\":\"chunked\"}"));
            }
            assertThat(http.post("large")).isEqualTo(new PlainHttp.Answer(422, "{\"code\":\"" + LARGE + "\"}"));
            assertThat(http.post("created")).isEqualTo(new PlainHttp.Answer(201, null));
            assertThat(http.post("refused")).isEqualTo(new PlainHttp.Answer(400, "{\"code\":\"refused\"}"));
            assertThat(http.post("created").status()).as("a connection opened again").isEqualTo(201);
        }
        assertThat(bodies).hasSize(104).allMatch(line -> line.startsWith("Bearer k "));
    }
}
