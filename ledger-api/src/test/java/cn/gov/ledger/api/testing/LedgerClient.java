package cn.gov.ledger.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client of the REST contract, as a finance system would use it. */
public final class LedgerClient {

    public record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        public String code() {
            return body == null ? null : body.path("code").asText(null);
        }

        public String text(String field) {
            return body.path(field).asText(null);
        }

        /** Asserts the status, naming the request and showing the answer if it is another; answers this. */
        public Answer expect(int expected) {
            assertThat(status).as("%s %s: %s", raw.request().method(), raw.request().uri(), raw.body())
                    .isEqualTo(expected);
            return this;
        }
    }

    /** The ADMIN key the integration tests configure (ledger.security.admin-api-key). */
    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String key;

    public LedgerClient(int port) {
        this(port, ADMIN_KEY);
    }

    /** A client with another key, or none (null). */
    public LedgerClient(int port, String key) {
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
    }

    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /**
     * A moment to read as known at that falls between the postings answered before it and those
     * sent after it. The event store keeps recorded times to the millisecond (Axon's timestamp), so
     * a posting recorded later in the same millisecond counts as known at that moment: this waits
     * (a millisecond at most) for the clock to reach the next one.
     */
    public static Instant knownAtBetweenPostings() {
        Instant moment = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        while (!Instant.now().truncatedTo(ChronoUnit.MILLIS).isAfter(moment)) {
            Thread.onSpinWait();
        }
        return moment;
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
    }

    public Answer get(String path, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    public Answer post(String path, Object body) {
        return sendJson("POST", path, body, Map.of());
    }

    public Answer post(String path, Object body, Map<String, String> headers) {
        return sendJson("POST", path, body, headers);
    }

    public Answer put(String path, Object body) {
        return sendJson("PUT", path, body, Map.of());
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), Map.of());
    }

    public Answer postRaw(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)), Map.of("Content-Type", contentType));
    }

    public Answer putRaw(String path, String body, String contentType) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .PUT(HttpRequest.BodyPublishers.ofString(body)), Map.of("Content-Type", contentType));
    }

    private Answer sendJson(String method, String path, Object body, Map<String, String> headers) {
        try {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(json)), withJson(headers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> withJson(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return all;
    }

    private Answer send(HttpRequest.Builder request, Map<String, String> headers) {
        request.timeout(Duration.ofMinutes(5)).header("Accept", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        headers.forEach(request::setHeader); // an Accept given replaces the JSON one
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            if (!response.body().isEmpty()) {
                try {
                    body = JSON.readTree(response.body());
                } catch (IOException e) {
                    body = null;
                }
            }
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
