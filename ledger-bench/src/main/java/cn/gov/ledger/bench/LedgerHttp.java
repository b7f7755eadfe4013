package cn.gov.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The service's REST API over one {@link HttpClient} (HTTP/1.1, keep-alive: the client keeps one
 * connection per concurrent caller and reuses it).
 */
final class LedgerHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final int port;
    private final String base;
    private final String authorization;
    private final Duration timeout;

    LedgerHttp(int port, String apiKey, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Bearer " + apiKey;
        this.timeout = timeout;
    }

    /** The service's address, for a load generator of its own (wrk). */
    String base() {
        return base;
    }

    int port() {
        return port;
    }

    String authorization() {
        return authorization;
    }

    Duration timeout() {
        return timeout;
    }

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", authorization).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET whose body is read and dropped: for timing reads without holding their answers. */
    int getDiscarding(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", authorization).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET of a JSON answer that must be 200. */
    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return parse(response.body());
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problem's {@code code}, or the status when the body is not a problem. */
    static String problemCode(HttpResponse<String> response) {
        return problemCode(response.statusCode(), response.body());
    }

    static String problemCode(int status, String body) {
        try {
            JsonNode code = JSON.readTree(body).path("code");
            return code.isTextual() ? code.asText() : "HTTP_" + status;
        } catch (IOException | RuntimeException e) {
            return "HTTP_" + status;
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 400 ? s : s.substring(0, 400) + "...";
    }
}
