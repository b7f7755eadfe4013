package cn.gov.ledger.api.operations;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.api.testing.ProblemAssertions;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.springboot.updates.UpdateCheckConfiguration;
import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Health, metrics, the OpenAPI description, reference data and conditional polling. */
class OperationsTest extends LedgerIntegrationTest {

    @Test
    void healthIsUpWithTheDatabaseAndTheProcessorsLag() {
        LedgerClient.Answer health = client.get("/actuator/health");
        assertThat(health.status()).as("%s", health.body()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        JsonNode components = health.body().path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        JsonNode processors = components.path("processors");
        assertThat(processors.path("status").asText()).isEqualTo("UP");
        assertThat(processors.path("details").has("lag")).as("%s", processors).isTrue();
        assertThat(processors.path("details").path("lag").isIntegralNumber()).isTrue();
        assertThat(processors.path("details").path("lag").asLong()).isNotNegative();
        assertThat(processors.path("details").path("processor").asText()).isEqualTo("balances");
    }

    @Test
    void theProcessorsHealthReachesTheHeadOfTheEventStore() {
        String unit = newUnit();
        LedgerClient.Answer appropriated = client.post("/api/v1/indicators",
                appropriation(LedgerClient.id("IND"), unit, "10.00"));
        assertThat(appropriated.status()).isEqualTo(201);
        // wait (bounded) for the read model to have the write, then the health sees it processed
        long sequence = appropriated.body().path("sequence").asLong();
        assertThat(client.get("/api/v1/balances?fiscalYear=2024&unitCode=" + unit + "&minSequence=" + sequence)
                .status()).isEqualTo(200);
        JsonNode details = client.get("/actuator/health").body().path("components").path("processors").path("details");
        assertThat(details.path("processedSequence").asLong()).isGreaterThanOrEqualTo(sequence);
        assertThat(details.path("headSequence").asLong()).isGreaterThanOrEqualTo(sequence);
        // the event chain links the write too (polled, within a bound), and then its lag is 0 up to the head
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode now = client.get("/actuator/health").body().path("components").path("processors").path("details");
            assertThat(now.path("chainedSequence").asLong()).isGreaterThanOrEqualTo(sequence);
            assertThat(now.path("chainLag").asLong())
                    .isEqualTo(now.path("headSequence").asLong() - now.path("chainedSequence").asLong());
        });
    }

    @Test
    void axonsUpdateCheckerDoesNotCallOut(@Autowired UpdateCheckConfiguration updateCheck) {
        // Axon's own checker is off in tests anyway; the service's setting is what a deployment gets
        assertThat(UsagePropertyProvider.create(updateCheck).getDisabled()).isTrue();
    }

    @Test
    void prometheusExposesLedgerAndAxonMetrics() {
        String unit = newUnit();
        String before = prometheus();
        newIndicator(unit, "10.00");
        HttpResponse<String> scrape = client.get("/actuator/prometheus", Map.of("Accept", "text/plain")).raw();
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        String after = scrape.body();
        Set<String> names = metricNames(after);
        assertThat(names).contains("ledger_postings_total");
        assertThat(after).containsPattern(
                "ledger_postings_total\\{[^}]*outcome=\"created\"[^}]*type=\"APPROPRIATION\"[^}]*\\} [1-9]");
        // the posting counted once more, as created
        assertThat(sum(after, "ledger_postings_total", "type=\"APPROPRIATION\"", "outcome=\"created\""))
                .isEqualTo(sum(before, "ledger_postings_total", "type=\"APPROPRIATION\"", "outcome=\"created\"") + 1);
        // the command bus, the event store and the "balances" processor
        assertThat(names).contains("commandBus_successCounter_total", "commandBus_failureCounter_total",
                "eventStore_ingestedCounter_total", "balances_processedCounter_total", "balances_latency");
        assertThat(sum(after, "commandBus_successCounter_total"))
                .isGreaterThan(sum(before, "commandBus_successCounter_total"));
        assertThat(sum(after, "eventStore_ingestedCounter_total"))
                .isGreaterThan(sum(before, "eventStore_ingestedCounter_total"));
    }

    @Test
    void aRefusedPostingIsCountedWithItsCode() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "10.00");
        String before = prometheus();
        LedgerClient.Answer refused = client.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("EXP"), indicator, "10.01"));
        assertThat(refused.status()).isEqualTo(409);
        String after = prometheus();
        String[] labels = {"type=\"EXPENDITURE\"", "outcome=\"rejected\"", "code=\"BUDGET_EXCEEDED\""};
        assertThat(sum(after, "ledger_postings_total", labels))
                .isEqualTo(sum(before, "ledger_postings_total", labels) + 1);
    }

    @Test
    void theOpenApiDescriptionHasTheBatchEndpoint() {
        LedgerClient.Answer docs = client.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(docs.body()).as("JSON").isNotNull();
        assertThat(docs.body().path("openapi").asText()).startsWith("3.");
        JsonNode paths = docs.body().path("paths");
        assertThat(paths.has("/api/v1/postings:batch")).as("paths: %s", fieldNames(paths)).isTrue();
        assertThat(paths.path("/api/v1/postings:batch").has("post")).isTrue();
        assertThat(fieldNames(paths)).contains("/api/v1/indicators", "/api/v1/expenditures", "/api/v1/transfers",
                "/api/v1/execution-rates", "/api/v1/units/{unitCode}");
    }

    @Test
    void theClassificationsListTheSeedsCodes() {
        LedgerClient.Answer functional = client.get("/api/v1/classifications/functional");
        assertThat(functional.status()).isEqualTo(200);
        assertThat(codes(functional)).contains("215", "21505", "2150501");
        assertThat(nameOf(functional, "2150501")).isEqualTo("行政运行");
        assertThat(codes(functional)).doesNotContain("2150598");

        LedgerClient.Answer economic = client.get("/api/v1/classifications/economic");
        assertThat(economic.status()).isEqualTo(200);
        assertThat(codes(economic)).contains("302", "30217", "30201", "30212", "30231", "31013");
        assertThat(nameOf(economic, "30217")).isEqualTo("公务接待费");
        assertThat(codes(economic)).doesNotContain("99999");
    }

    @Test
    void aUnitIsCreatedThenReplacedAndListed() {
        String unit = LedgerClient.id("U");
        Map<String, String> body = Map.of("name", "辽宁省无线电监测站", "departmentCode", "D" + unit,
                "departmentName", "辽宁省工业和信息化厅");
        LedgerClient.Answer created = client.put("/api/v1/units/" + unit, body);
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        assertThat(created.text("unitCode")).isEqualTo(unit);

        Map<String, String> renamed = Map.of("name", "辽宁省无线电监测站（新）", "departmentCode", "D" + unit,
                "departmentName", "辽宁省工业和信息化厅");
        LedgerClient.Answer replaced = client.put("/api/v1/units/" + unit, renamed);
        assertThat(replaced.status()).as("%s", replaced.body()).isEqualTo(200);

        LedgerClient.Answer list = client.get("/api/v1/units");
        assertThat(list.status()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode candidate : list.body().path("rows")) {
            if (unit.equals(candidate.path("unitCode").asText())) {
                row = candidate;
            }
        }
        assertThat(row).as("unit %s in %s", unit, list.body()).isNotNull();
        assertThat(row.path("name").asText()).isEqualTo("辽宁省无线电监测站（新）");
        assertThat(row.path("departmentCode").asText()).isEqualTo("D" + unit);
        assertThat(row.path("departmentName").asText()).isEqualTo("辽宁省工业和信息化厅");
    }

    @Test
    void aBadUnitIsAValidationFailure() {
        String unit = LedgerClient.id("U");
        LedgerClient.Answer noDepartment = client.put("/api/v1/units/" + unit, Map.of("name", "测试单位"));
        ProblemAssertions.assertProblem(noDepartment, 400, "VALIDATION_FAILED");
        assertThat(ProblemAssertions.errorFields(noDepartment)).contains("departmentCode", "departmentName");

        LedgerClient.Answer badCode = client.put("/api/v1/units/" + unit, Map.of("name", "测试单位",
                "departmentCode", "D 1/2", "departmentName", "测试部门"));
        ProblemAssertions.assertProblem(badCode, 400, "VALIDATION_FAILED");
        assertThat(ProblemAssertions.errorFields(badCode)).containsExactly("departmentCode");

        LedgerClient.Answer blankName = client.put("/api/v1/units/" + unit, Map.of("name", " ",
                "departmentCode", "D1", "departmentName", "测试部门"));
        ProblemAssertions.assertProblem(blankName, 400, "VALIDATION_FAILED");
        assertThat(ProblemAssertions.errorFields(blankName)).containsExactly("name");

        LedgerClient.Answer badUnitCode = client.put("/api/v1/units/" + "U%20" + unit, Map.of("name", "测试单位",
                "departmentCode", "D1", "departmentName", "测试部门"));
        ProblemAssertions.assertProblem(badUnitCode, 400, "VALIDATION_FAILED");
        assertThat(ProblemAssertions.errorFields(badUnitCode)).containsExactly("unitCode");

        ProblemAssertions.assertProblem(client.put("/api/v1/units/" + unit, "{\"name\":"), 400, "VALIDATION_FAILED");

        // none of them was registered
        LedgerClient.Answer list = client.get("/api/v1/units");
        list.body().path("rows").forEach(row -> assertThat(row.path("unitCode").asText()).isNotEqualTo(unit));
    }

    @Test
    void executionRatesAnswerAnETagThatChangesWithANewPosting(@Autowired MeterRegistry meters) throws Exception {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        LedgerClient.Answer spent = client.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("EXP"), indicator, "250.00"));
        assertThat(spent.status()).isEqualTo(201);
        String path = "/api/v1/execution-rates?fiscalYear=2024&unitCode=" + unit + "&groupBy=indicator&asOf=2024-12-31";

        // read once the read model holds everything stored, so the answer is stable
        LedgerClient.Answer first = stableRead(path);
        assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
        String etag = first.raw().headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isNotBlank();
        JsonNode row = first.body().path("rows").get(0);
        assertThat(row.path("spent").asText()).isEqualTo("250.00");
        assertThat(row.path("executionRate").asText()).isEqualTo("25.00");
        assertThat(row.path("timeProgress").asText()).isEqualTo("100.00");

        // a poll without If-None-Match at the same sequence gets the answer already computed
        Counter kept = meters.counter("ledger.reads.execution.rates", "answer", "kept");
        double keptBefore = kept.count();
        LedgerClient.Answer poll = client.get(path);
        assertThat(poll.body()).isEqualTo(first.body());
        assertThat(poll.raw().headers().firstValue("ETag")).hasValue(etag);
        assertThat(kept.count()).isEqualTo(keptBefore + 1);

        Timer notModified = meters.timer("http.server.requests", "method", "GET", "uri", "/api/v1/execution-rates",
                "status", "304", "outcome", "REDIRECTION", "exception", "none", "error", "none");
        long notModifiedBefore = notModified.count();
        LedgerClient.Answer again = client.get(path, Map.of("If-None-Match", etag, "X-Correlation-Id", "poll-304"));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.raw().body()).isEmpty();
        assertThat(again.raw().headers().firstValue("ETag")).hasValue(etag);
        // answered before the correlation id's filter and Spring's observation, it does their part
        assertThat(again.raw().headers().firstValue("X-Correlation-Id")).hasValue("poll-304");
        assertThat(notModified.count()).isEqualTo(notModifiedBefore + 1);

        LedgerClient.Answer other = client.get(path, Map.of("If-None-Match", "W/\"not-the-etag\""));
        assertThat(other.status()).isEqualTo(200);

        // the 304 is answered before the security chain, but not without a valid key
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).header("If-None-Match", etag).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> unknownKey = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + path)).header("If-None-Match", etag)
                .header("Authorization", "Bearer not-a-key-of-this-ledger").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownKey.statusCode()).isEqualTo(401);
        // a parameter the controller refuses is refused as without If-None-Match, and changes nothing
        LedgerClient.Answer badGroup = client.get(path + "&groupBy=nonsense", Map.of("If-None-Match", etag));
        ProblemAssertions.assertProblem(badGroup, 400, "VALIDATION_FAILED");

        LedgerClient.Answer more = client.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("EXP"), indicator, "250.00"));
        assertThat(more.status()).isEqualTo(201);
        LedgerClient.Answer changed = client.get(path + "&minSequence=" + more.body().path("sequence").asLong(),
                Map.of("If-None-Match", etag));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.raw().headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(changed.body().path("rows").get(0).path("spent").asText()).isEqualTo("500.00");
        assertThat(changed.body().path("rows").get(0).path("executionRate").asText()).isEqualTo("50.00");
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Reads the path once the read model has everything the event store holds; if a write of
     * someone else slips in between, reads again (bounded).
     */
    private LedgerClient.Answer stableRead(String path) {
        for (int attempt = 0; attempt < 10; attempt++) {
            long head = head();
            LedgerClient.Answer answer = client.get(path + "&minSequence=" + head);
            String etag = answer.raw().headers().firstValue("ETag").orElse("");
            LedgerClient.Answer check = client.get(path, Map.of("If-None-Match", etag));
            if (check.status() == 304) {
                return answer;
            }
        }
        throw new AssertionError("execution-rates never answered 304 to its own ETag: " + path);
    }

    /** The sum of the samples of a metric whose labels contain all the given ones. */
    private static double sum(String exposition, String name, String... labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                int space = line.lastIndexOf(' ');
                String series = line.substring(0, space);
                boolean matches = true;
                for (String label : labels) {
                    matches &= series.contains(label);
                }
                if (matches) {
                    sum += Double.parseDouble(line.substring(space + 1));
                }
            }
        }
        return sum;
    }

    private static Set<String> metricNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    private static List<String> codes(LedgerClient.Answer answer) {
        List<String> codes = new ArrayList<>();
        answer.body().path("rows").forEach(row -> codes.add(row.path("code").asText()));
        return codes;
    }

    private static String nameOf(LedgerClient.Answer answer, String code) {
        for (JsonNode row : answer.body().path("rows")) {
            if (code.equals(row.path("code").asText())) {
                return row.path("name").asText();
            }
        }
        return null;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
