package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The postings DirectPostingFilter takes in are answered as the controller answers them, and every
 * request it cannot answer the same way goes down the security chain to the controller, body and all.
 */
class DirectPostingFilterTest extends LedgerIntegrationTest {

    /** What differs from one answer to the next whoever gives it. */
    private static final Set<String> PER_ANSWER = Set.of("date", "x-correlation-id", "content-length",
            "transfer-encoding", "connection", "keep-alive");

    @Autowired
    DirectPostingFilter filter;

    @Autowired
    MeterRegistry meters;

    /** The chain reads a percent-encoded id as MVC decodes it; the filter leaves such paths to it. */
    @Test
    void answersWithTheHeadersOfTheChain() {
        String indicator = newIndicator(newUnit(), "100.00");
        String encoded = indicator.replace("-", "%2D");
        LedgerClient.Answer direct = client.post("/api/v1/indicators/" + indicator + "/incomes",
                Map.of("incomeId", LedgerClient.id("I"), "amount", "1.00", "effectiveDate", "2024-02-01"));
        LedgerClient.Answer chain = client.post("/api/v1/indicators/" + encoded + "/incomes",
                Map.of("incomeId", LedgerClient.id("I"), "amount", "1.00", "effectiveDate", "2024-02-01"));
        assertThat(direct.status()).isEqualTo(201);
        assertThat(chain.status()).isEqualTo(201);
        assertThat(headers(direct.raw().headers())).isEqualTo(headers(chain.raw().headers()));

        LedgerClient.Answer refusedDirect = client.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("E"), indicator, "1000.00"));
        LedgerClient.Answer refusedChain = client.post("/api/v1/indicators/" + encoded + "/adjustments",
                Map.of("adjustmentId", LedgerClient.id("A"), "amount", "-1000.00", "reason", "调减",
                        "effectiveDate", "2024-02-01"));
        assertThat(refusedDirect.code()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(refusedDirect.text("instance")).isEqualTo("/api/v1/expenditures");
        assertThat(refusedChain.code()).isNotNull();
        assertThat(headers(refusedDirect.raw().headers())).isEqualTo(headers(refusedChain.raw().headers()));
        assertThat(direct.raw().headers().firstValue("X-Correlation-Id")).isPresent();
    }

    /**
     * A posting answered here is timed once in http.server.requests, under its endpoint and status
     * and with the tags Spring's observation gives the chain's answers. (A timer is recorded as the
     * answer is sent, so the counts are polled, within a bound.)
     */
    @Test
    void timesItsAnswersAsTheObservationTimesTheChains() {
        String indicator = newIndicator(newUnit(), "100.00");
        long created = requests("/api/v1/expenditures", "201");
        long refused = requests("/api/v1/expenditures", "409");
        long chain = requests("/api/v1/indicators/{indicatorId}/incomes", "201");

        assertThat(client.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), indicator, "1.00"))
                .status()).isEqualTo(201);
        assertThat(client.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), indicator, "1000.00"))
                .status()).isEqualTo(409);
        assertThat(client.post("/api/v1/indicators/" + indicator.replace("-", "%2D") + "/incomes",
                Map.of("incomeId", LedgerClient.id("I"), "amount", "1.00", "effectiveDate", "2024-02-01"))
                .status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(requests("/api/v1/expenditures", "201")).isEqualTo(created + 1);
            assertThat(requests("/api/v1/expenditures", "409")).isEqualTo(refused + 1);
            assertThat(requests("/api/v1/indicators/{indicatorId}/incomes", "201")).isEqualTo(chain + 1);
        });
        Set<String> direct = tagKeys(meters.get("http.server.requests").tag("uri", "/api/v1/expenditures")
                .tag("status", "201").timer());
        Set<String> observed = tagKeys(meters.get("http.server.requests")
                .tag("uri", "/api/v1/indicators/{indicatorId}/incomes").timer());
        assertThat(direct).isEqualTo(observed).contains("uri", "status", "outcome", "method");
        assertThat(meters.get("http.server.requests").tag("uri", "/api/v1/expenditures").tag("status", "409")
                .timer().getId().getTag("outcome")).isEqualTo("CLIENT_ERROR");
    }

    /** The caller's correlation id is echoed and carried onto the posting's events, as by CorrelationIdFilter. */
    @Test
    void givesItsPostingsTheCallersCorrelationId() throws Exception {
        String indicator = newIndicator(newUnit(), "100.00");
        String expenditureId = LedgerClient.id("E");
        String body = "{\"expenditureId\":\"" + expenditureId + "\",\"indicatorId\":\"" + indicator
                + "\",\"amount\":\"1.00\",\"economicCode\":\"30201\",\"effectiveDate\":\"2024-02-01\"}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/expenditures"))
                .header("Authorization", "Bearer " + LedgerClient.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", "batch-2024-02:17")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(answer.headers().firstValue("X-Correlation-Id")).hasValue("batch-2024-02:17");
        assertThat(jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'correlationId'"
                + " FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%ExpenditureRecorded'",
                String.class, indicator)).isEqualTo("batch-2024-02:17");
    }

    private long requests(String uri, String status) {
        return meters.find("http.server.requests").tag("uri", uri).tag("status", status).timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private static Set<String> tagKeys(Timer timer) {
        return timer.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
    }

    @Test
    void leavesToTheChainWhatItCannotAnswerAsTheControllerWould() throws Exception {
        String indicator = newIndicator(newUnit(), "100.00");
        String valid = "{\"expenditureId\":\"" + LedgerClient.id("E") + "\",\"indicatorId\":\"" + indicator
                + "\",\"amount\":\"1.00\",\"economicCode\":\"30201\",\"effectiveDate\":\"2024-02-01\"}";

        assertThat(passedOn(request("POST", "/api/v1/expenditures", LedgerClient.ADMIN_KEY, valid)))
                .as("taken in").isNull();
        assertThat(passedOn(request("POST", "/api/v1/expenditures", POSTER_KEY, valid)))
                .as("a POSTER's, for a unit not its own: the controller's refusal, answered here").isNull();
        String income = "{\"indicatorId\":\"IND-not-this-one\",\"incomeId\":\"" + LedgerClient.id("I")
                + "\",\"amount\":\"2.00\",\"effectiveDate\":\"2024-02-01\"}";
        long events = eventCount(indicator);
        assertThat(passedOn(request("POST", "/api/v1/indicators/" + indicator + "/incomes", LedgerClient.ADMIN_KEY,
                income))).as("taken in, for the path's indicator").isNull();
        assertThat(eventCount(indicator)).isEqualTo(events + 1);
        assertThat(eventCount("IND-not-this-one")).isZero();

        assertThat(passedOn(request("POST", "/api/v1/expenditures", null, valid))).as("no key").isEqualTo(valid);
        assertThat(passedOn(request("POST", "/api/v1/expenditures", "unknown-key-0123456789", valid)))
                .as("unknown key").isEqualTo(valid);
        assertThat(passedOn(request("POST", "/api/v1/expenditures", VIEWER_KEY, valid))).as("viewer").isEqualTo(valid);
        String broken = valid.substring(0, valid.length() - 1);
        assertThat(passedOn(request("POST", "/api/v1/expenditures", LedgerClient.ADMIN_KEY, broken)))
                .as("broken JSON, readable again").isEqualTo(broken);
        String wrongType = valid.replace("\"1.00\"", "[1]");
        assertThat(passedOn(request("POST", "/api/v1/expenditures", LedgerClient.ADMIN_KEY, wrongType)))
                .as("a field of the wrong type").isEqualTo(wrongType);
        assertThat(passedOn(request("POST", "/api/v1/expenditures", LedgerClient.ADMIN_KEY, "")))
                .as("no body").isEqualTo("");

        MockHttpServletRequest text = request("POST", "/api/v1/expenditures", LedgerClient.ADMIN_KEY, valid);
        text.setContentType("text/plain");
        assertThat(passedOn(text)).as("another content type").isEqualTo(valid);
        MockHttpServletRequest csv = request("POST", "/api/v1/expenditures", LedgerClient.ADMIN_KEY, valid);
        csv.addHeader("Accept", "text/csv");
        assertThat(passedOn(csv)).as("an Accept without JSON").isEqualTo(valid);
        assertThat(passedOn(request("PUT", "/api/v1/expenditures", LedgerClient.ADMIN_KEY, valid)))
                .as("another method").isEqualTo(valid);
        for (String path : new String[] {"/api/v1/indicators/" + indicator.replace("-", "%2D") + "/incomes",
                "/api/v1/indicators/../incomes", "/api/v1/indicators//incomes", "/api/v1/indicators/x;a=b/incomes",
                "/api/v1/expenditures/x/adjustments", "/api/v1/indicators/x/incomes/", "/api/v1/units"}) {
            assertThat(passedOn(request("POST", path, LedgerClient.ADMIN_KEY, income))).as(path).isEqualTo(income);
        }
    }

    /** Without a Content-Length (chunked) the limit is found while reading, here: 413, nothing written. */
    @Test
    void refusesAChunkedBodyPastTheLimitAndWritesNothing() throws Exception {
        String indicator = newIndicator(newUnit(), "100.00");
        StringBuilder json = new StringBuilder("{\"expenditureId\":\"" + LedgerClient.id("E") + "\",\"indicatorId\":\""
                + indicator + "\",\"amount\":\"1.00\",\"economicCode\":\"30201\",\"effectiveDate\":\"2024-02-01\","
                + "\"padding\":\"");
        while (json.length() < 16 * 1024 * 1024 + 100_000) {
            json.append("0123456789");
        }
        byte[] body = json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
        long events = eventCount();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/expenditures"))
                .header("Authorization", "Bearer " + LedgerClient.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        assertThat(eventCount()).isEqualTo(events);
    }

    private static MockHttpServletRequest request(String method, String path, String key, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType("application/json");
        if (key != null) {
            request.addHeader("Authorization", "Bearer " + key);
        }
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /** The body the chain read if the filter passed the request on, null if the filter answered it. */
    private String passedOn(MockHttpServletRequest request) throws Exception {
        AtomicReference<String> read = new AtomicReference<>();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (passed, answer) ->
                read.set(new String(passed.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
        if (read.get() == null) {
            assertThat(response.getStatus()).as(response.getContentAsString()).isIn(201, 403);
            assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        return read.get();
    }

    private static Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> kept = new TreeMap<>();
        headers.map().forEach((name, values) -> {
            if (!PER_ANSWER.contains(name.toLowerCase())) {
                kept.put(name.toLowerCase(), String.join(",", values));
            }
        });
        return kept;
    }
}
