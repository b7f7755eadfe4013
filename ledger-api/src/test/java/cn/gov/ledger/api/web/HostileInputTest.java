package cn.gov.ledger.api.web;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.carryForward;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * The corpus of hostile and malformed requests (resources/hostile-requests.jsonl, made by
 * tools/hostile-corpus/generate.py): each gets its documented 4xx problem with its code, and
 * afterwards the event count and every balance are as they were.
 */
class HostileInputTest extends LedgerIntegrationTest {

    @Autowired
    private ServletWebServerApplicationContext server;

    @Autowired
    private BodySizeLimitFilter bodySizeLimit;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Map<String, String> fixtures;

    static Stream<Arguments> corpus() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                HostileInputTest.class.getResourceAsStream("/hostile-requests.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode c = JSON.readTree(line);
                cases.add(Arguments.of(c.path("name").asText(), c));
            }
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(200);
        return cases.stream();
    }

    @BeforeEach
    void fixtures() {
        if (fixtures != null) {
            return;
        }
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        Map<String, Object> restricted = appropriation(LedgerClient.id("IND"), unit, "1000.00");
        restricted.put("economicCode", "30217");
        assertThat(client.post("/api/v1/indicators", restricted).status()).isEqualTo(201);
        String closed = newIndicator(unit, "1000.00");
        assertThat(client.post("/api/v1/indicators/" + closed + "/carry-forward",
                carryForward(closed + "-2025", null, "CARRY")).status()).isEqualTo(201);
        String expenditure = LedgerClient.id("E");
        assertThat(client.post("/api/v1/expenditures", expenditure(expenditure, indicator, "100.00")).status())
                .isEqualTo(201);
        Map<String, String> made = new LinkedHashMap<>();
        made.put("{unit}", unit);
        made.put("{indicator}", indicator);
        made.put("{restricted}", restricted.get("indicatorId").toString());
        made.put("{closed}", closed);
        made.put("{expenditure}", expenditure);
        fixtures = made;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedWithItsCodeAndWritesNothing(String name, JsonNode c) throws Exception {
        String before = ledgerState();

        HttpResponse<String> response = send(c.path("method").asText(), fill(c.path("path").asText()),
                body(c.path("body").asText()), c.path("contentType").asText());

        assertThat(response.statusCode()).as("%s: %s", name, response.body()).isEqualTo(c.path("status").asInt());
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("%s content type", name).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).path("code").asText()).as(name).isEqualTo(c.path("code").asText());
        assertThat(ledgerState()).as("%s changed the ledger", name).isEqualTo(before);
    }

    /**
     * Paths refused for their form, by Spring Security's firewall (an encoded '/' passed through to
     * it by Tomcat): 400 MALFORMED_REQUEST whatever the key, none or one that could post, and whether
     * the request might have taken DirectPostingFilter's way or the chain's.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedPaths")
    void isRefusedForTheFormOfItsPath(String method, String path) throws Exception {
        String before = ledgerState();
        String body = method.equals("GET") ? "" : JSON.writeValueAsString(
                expenditure(LedgerClient.id("E"), fixtures.get("{indicator}"), "1.00"));
        for (String key : new String[] {LedgerClient.ADMIN_KEY, POSTER_KEY, null}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + fill(path)))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String as = method + " " + path + (key == null ? " without a key" : " with a key");
            assertThat(response.statusCode()).as("%s: %s", as, response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(as)
                    .startsWith("application/problem+json");
            assertThat(JSON.readTree(response.body()).path("code").asText()).as(as).isEqualTo("MALFORMED_REQUEST");
        }
        assertThat(ledgerState()).as("%s %s changed the ledger", method, path).isEqualTo(before);
    }

    static Stream<Arguments> malformedPaths() {
        return Stream.of(
                Arguments.of("POST", "/api/v1//expenditures"),
                Arguments.of("POST", "/api/v1/./expenditures"),
                Arguments.of("POST", "/api/v1/expenditures;x=1"),
                Arguments.of("POST", "/api/v1/indicators/a%2Fb/incomes"),
                Arguments.of("POST", "/api/v1/indicators/a%2fb/incomes"),
                Arguments.of("POST", "/api/v1/indicators/{indicator};x=1/incomes"),
                Arguments.of("POST", "/api/v1/indicators/{indicator}/../{indicator}/incomes"),
                Arguments.of("POST", "/api/v1/indicators/%2E%2E/incomes"),
                Arguments.of("POST", "/api/v1/indicators/a%5Cb/incomes"),
                Arguments.of("GET", "/api/v1//units"),
                Arguments.of("GET", "/api/v1/indicators/a%2Fb"));
    }

    /**
     * A body over the limit is refused before it is read; Tomcat then discards the rest of it, up to
     * its swallow size, before closing, so that the client reads its 413 rather than a reset.
     */
    @Test
    void readsAndDiscardsARefusedBodyWellPastTheLimit() {
        long limit = bodySizeLimit.limit();
        AbstractHttp11Protocol<?> http = (AbstractHttp11Protocol<?>) ((TomcatWebServer) server.getWebServer())
                .getTomcat().getConnector().getProtocolHandler();
        assertThat((long) http.getMaxSwallowSize()).isEqualTo(64L * 1024 * 1024).isGreaterThanOrEqualTo(4 * limit);
    }

    /** The event count and the figures of every fixture indicator, once the read model is current. */
    private String ledgerState() {
        long head = head();
        StringBuilder state = new StringBuilder("events=").append(eventCount());
        for (String key : List.of("{indicator}", "{restricted}", "{closed}")) {
            JsonNode read = readIndicator(fixtures.get(key), head).body();
            for (String figure : List.of("initialBudget", "adjustments", "carriedIn", "income", "spent", "status")) {
                state.append(' ').append(key).append(figure).append('=').append(read.path(figure).asText());
            }
        }
        return state.append(" receipts=").append(receiptCount()).toString();
    }

    private String body(String template) throws IOException {
        if (template.equals("{oversized-body}")) {
            return "{\"expenditureId\": \"" + "x".repeat(17 * 1024 * 1024) + "\"}";
        }
        if (template.equals("{batch-of-10001}")) {
            List<Map<String, Object>> postings = new ArrayList<>();
            for (int i = 0; i < 10_001; i++) {
                Map<String, Object> p = expenditure("BIG-" + UUID.randomUUID(), fixtures.get("{indicator}"), "0.01");
                p.put("type", "EXPENDITURE");
                postings.add(p);
            }
            return JSON.writeValueAsString(Map.of("atomic", false, "postings", postings));
        }
        return fill(template);
    }

    private static String fill(String template) {
        String filled = template.replace("{n}", UUID.randomUUID().toString().substring(0, 8));
        for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
            filled = filled.replace(fixture.getKey(), fixture.getValue());
        }
        return filled;
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + LedgerClient.ADMIN_KEY)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
