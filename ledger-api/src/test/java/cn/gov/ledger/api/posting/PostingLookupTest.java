package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.income;
import static cn.gov.ledger.api.testing.Postings.transfer;
import static cn.gov.ledger.api.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/postings/{postingId}: what became of a posting, from its receipt and its events. */
class PostingLookupTest extends LedgerIntegrationTest {

    @Test
    void anAcceptedExpenditureIsFoundWithItsAnswerAndItsEvent() {
        String indicator = newIndicator(newUnit(), "1000.00");
        String id = LedgerClient.id("E");
        JsonNode answer = client.post("/api/v1/expenditures", expenditure(id, indicator, "100.00")).expect(201).body();

        JsonNode posting = single(client.get("/api/v1/postings/" + id).expect(200).body());

        assertThat(posting.path("type").asText()).isEqualTo("EXPENDITURE");
        assertThat(posting.path("postingId").asText()).isEqualTo(id);
        assertThat(posting.path("indicatorId").asText()).isEqualTo(indicator);
        assertThat(posting.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(posting.path("answer")).isEqualTo(answer);
        assertThat(posting.path("postedBy").asText()).isNotBlank();
        JsonNode events = posting.path("events");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("sequence").asLong()).isEqualTo(answer.path("sequence").asLong());
        assertThat(events.get(0).path("type").asText()).isEqualTo("ExpenditureRecorded");
        assertThat(events.get(0).path("indicatorId").asText()).isEqualTo(indicator);
        assertThat(Instant.parse(events.get(0).path("recordedAt").asText())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void aTransferShowsBothItsEvents() {
        String unit = newUnit();
        String from = newIndicator(unit, "1000.00");
        String to = newIndicator(unit, "1000.00");
        String id = LedgerClient.id("T");
        client.post("/api/v1/transfers", transfer(id, from, to, "100.00")).expect(201);

        JsonNode events = single(client.get("/api/v1/postings/" + id).expect(200).body()).path("events");

        List<String> seen = new ArrayList<>();
        events.forEach(event -> seen.add(event.path("type").asText() + " " + event.path("indicatorId").asText()));
        assertThat(seen).containsExactlyInAnyOrder("BudgetTransferredOut " + from, "BudgetTransferredIn " + to);
        assertThat(events.get(0).path("sequence").asLong()).isLessThan(events.get(1).path("sequence").asLong());
    }

    /** A carry-forward's id is its source indicator's, as the appropriation that opened it. */
    @Test
    void aCarryForwardShowsItsEventOnEachIndicatorBesideTheAppropriationOfItsId() {
        String source = newIndicator(newUnit(), "1000.00");
        String target = LedgerClient.id("IND-2025");
        client.post("/api/v1/indicators/" + source + "/carry-forward",
                Map.of("targetIndicatorId", target, "effectiveDate", "2024-12-31")).expect(201);

        JsonNode both = client.get("/api/v1/postings/" + source).expect(200).body().path("postings");
        JsonNode carried = single(client.get("/api/v1/postings/" + source + "?type=CARRY_FORWARD").expect(200).body());

        assertThat(both).hasSize(2);
        assertThat(both.get(0).path("events").get(0).path("type").asText()).isEqualTo("BudgetAppropriated");
        List<String> seen = new ArrayList<>();
        carried.path("events").forEach(e -> seen.add(e.path("type").asText() + " " + e.path("indicatorId").asText()));
        assertThat(seen).containsExactly("CarriedForward " + source, "CarriedIn " + target);
    }

    @Test
    void anUnknownIdIsNotFound() {
        assertProblem(client.get("/api/v1/postings/" + LedgerClient.id("NONE")), 404, "POSTING_NOT_FOUND");
    }

    @Test
    void aRefusedPostingLeftNoTraceAndIsNotFound() {
        String indicator = newIndicator(newUnit(), "100.00");
        String id = LedgerClient.id("E");
        assertThat(client.post("/api/v1/expenditures", expenditure(id, indicator, "100.01")).status()).isEqualTo(409);

        assertProblem(client.get("/api/v1/postings/" + id), 404, "POSTING_NOT_FOUND");
    }

    @Test
    void theTypeChoosesAmongPostingsOfOneId() {
        String indicator = newIndicator(newUnit(), "1000.00");
        String id = LedgerClient.id("X");
        client.post("/api/v1/expenditures", expenditure(id, indicator, "100.00")).expect(201);
        client.post("/api/v1/indicators/" + indicator + "/incomes", income(id, "5.00")).expect(201);

        JsonNode both = client.get("/api/v1/postings/" + id).expect(200).body().path("postings");
        JsonNode incomes = client.get("/api/v1/postings/" + id + "?type=INCOME").expect(200).body();

        assertThat(both).hasSize(2);
        assertThat(both.get(0).path("type").asText()).isEqualTo("EXPENDITURE");
        assertThat(both.get(1).path("type").asText()).isEqualTo("INCOME");
        JsonNode income = single(incomes);
        assertThat(income.path("type").asText()).isEqualTo("INCOME");
        assertThat(income.path("events")).hasSize(1);
        assertThat(income.path("events").get(0).path("type").asText()).isEqualTo("IncomeRecorded");
        assertProblem(client.get("/api/v1/postings/" + id + "?type=REVERSAL"), 404, "POSTING_NOT_FOUND");
    }

    @Test
    void aPosterFindsItsOwnPostingsOnly() {
        assertThat(client.put("/api/v1/units/SEC-UNIT-A", Map.of("name", "单位", "departmentCode", "SEC-D",
                "departmentName", "部门")).status()).isIn(200, 201);
        LedgerClient poster = new LedgerClient(port, POSTER_KEY);
        String own = LedgerClient.id("IND");
        poster.post("/api/v1/indicators", appropriation(own, "SEC-UNIT-A", "100.00")).expect(201);
        String others = newIndicator("SEC-UNIT-A", "100.00");

        JsonNode found = single(poster.get("/api/v1/postings/" + own).expect(200).body());

        assertThat(found.path("postedBy").asText()).isEqualTo("finance-system-a");
        assertThat(found.path("events").get(0).path("type").asText()).isEqualTo("BudgetAppropriated");
        assertProblem(poster.get("/api/v1/postings/" + others), 404, "POSTING_NOT_FOUND");
        assertThat(new LedgerClient(port, AUDITOR_KEY).get("/api/v1/postings/" + own).status()).isEqualTo(200);
    }

    @Test
    void aViewerMayNotLookUpPostings() {
        String indicator = newIndicator(newUnit(), "100.00");

        assertThat(new LedgerClient(port, VIEWER_KEY).get("/api/v1/postings/" + indicator).status()).isEqualTo(403);
    }

    private static JsonNode single(JsonNode body) {
        assertThat(body.path("postings")).as("%s", body).hasSize(1);
        return body.path("postings").get(0);
    }
}
