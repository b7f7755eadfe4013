package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.batch;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.expenditureItem;
import static cn.gov.ledger.api.testing.Postings.item;
import static cn.gov.ledger.api.testing.Postings.reversal;
import static cn.gov.ledger.api.testing.Postings.reversalItem;
import static cn.gov.ledger.api.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 调账: an expenditure booked to the wrong indicator moves to the right one, as a linked reversal and
 * re-posting in one posting, seen on both indicators, in the posting lookup and as of any date.
 */
class ExpenditureMoveTest extends LedgerIntegrationTest {

    private static final String REASON = "记错指标，更正至正确指标";

    @Test
    void aMoveTakesTheExpenditureToTheTargetOnBothIndicatorsAndInTheLookup() {
        String unit = newUnit();
        String wrong = newIndicator(unit, "1000.00");
        String right = newIndicator(unit, "500.00");
        String expenditureId = LedgerClient.id("E");
        client.post("/api/v1/expenditures", expenditure(expenditureId, wrong, "200.00")).expect(201);
        String before = LedgerClient.knownAtBetweenPostings().toString();
        long events = eventCount();

        String moveId = LedgerClient.id("M");
        JsonNode answer = client.post(movesOf(expenditureId), move(moveId, right, null)).expect(201).body();

        assertThat(answer.path("type").asText()).isEqualTo("EXPENDITURE_MOVE");
        assertThat(answer.path("indicatorId").asText()).as("where the expenditure is now").isEqualTo(right);
        assertThat(eventCount()).as("one event out, one in").isEqualTo(events + 2);
        long sequence = answer.path("sequence").asLong();
        assertThat(readIndicator(wrong, sequence).text("spent")).isEqualTo("0.00");
        assertThat(readIndicator(wrong, sequence).text("authorityLeft")).isEqualTo("1000.00");
        assertThat(readIndicator(right, sequence).text("spent")).isEqualTo("200.00");
        assertThat(readIndicator(right, sequence).text("authorityLeft")).isEqualTo("300.00");

        // the auditor's replay of each indicator from its own events agrees
        LedgerClient.Answer source = client.get("/api/v1/audit/indicators/" + wrong + "/replay").expect(200);
        LedgerClient.Answer target = client.get("/api/v1/audit/indicators/" + right + "/replay").expect(200);
        assertThat(source.text("spent")).isEqualTo("0.00");
        assertThat(source.body().path("events").asInt()).as("appropriated, spent, moved out").isEqualTo(3);
        assertThat(target.text("spent")).isEqualTo("200.00");
        assertThat(target.body().path("events").asInt()).as("appropriated, moved in").isEqualTo(2);
        assertThat(linkedEvent(wrong, "ExpenditureMovedOut")).containsEntry("toIndicatorId", right)
                .containsEntry("moveId", moveId).containsEntry("expenditureId", expenditureId);
        assertThat(linkedEvent(right, "ExpenditureMovedIn")).containsEntry("fromIndicatorId", wrong)
                .containsEntry("moveId", moveId).containsEntry("expenditureId", expenditureId)
                .containsEntry("economicCode", "{\"value\":\"30201\"}");

        // the audit trail of each indicator has its half, with the move's id
        assertThat(auditTypes(wrong, moveId)).containsExactly("ExpenditureMovedOut");
        assertThat(auditTypes(right, moveId)).containsExactly("ExpenditureMovedIn");

        // the lookup shows both events of the one posting
        JsonNode posting = client.get("/api/v1/postings/" + moveId).expect(200).body().path("postings").get(0);
        List<String> seen = new ArrayList<>();
        posting.path("events").forEach(e -> seen.add(e.path("type").asText() + " " + e.path("indicatorId").asText()));
        assertThat(seen).containsExactlyInAnyOrder("ExpenditureMovedOut " + wrong, "ExpenditureMovedIn " + right);

        // effective on the expenditure's own date: as of any date it is on the right indicator, while
        // as known before the move it was on the wrong one
        assertThat(spent(wrong, "?asOf=2024-01-31")).isEqualTo("0.00");
        assertThat(spent(right, "?asOf=2024-01-31")).isEqualTo("0.00");
        assertThat(spent(wrong, "?asOf=2024-02-01")).isEqualTo("0.00");
        assertThat(spent(right, "?asOf=2024-02-01")).isEqualTo("200.00");
        assertThat(spent(wrong, "?knownAt=" + before)).isEqualTo("200.00");
        assertThat(spent(right, "?knownAt=" + before)).isEqualTo("0.00");

        // sent again: the first answer, nothing written; the same id saying otherwise is a conflict
        long afterMove = eventCount();
        LedgerClient.Answer repeat = client.post(movesOf(expenditureId), move(moveId, right, null)).expect(200);
        assertThat(repeat.body().path("sequence").asLong()).isEqualTo(sequence);
        assertProblem(client.post(movesOf(expenditureId), move(moveId, wrong, null)), 409, "ID_CONFLICT");
        assertThat(eventCount()).isEqualTo(afterMove);

        assertThat(client.post("/api/v1/operations/reconciliation?deep=true", Map.of()).expect(200).text("state"))
                .isEqualTo("CONSISTENT");
    }

    @Test
    void aMoveFromALaterDateLeavesEarlierReadsOnTheSource() {
        String unit = newUnit();
        String wrong = newIndicator(unit, "1000.00");
        String right = newIndicator(unit, "500.00");
        String expenditureId = LedgerClient.id("E");
        client.post("/api/v1/expenditures", expenditure(expenditureId, wrong, "200.00")).expect(201);

        long sequence = client.post(movesOf(expenditureId), move(LedgerClient.id("M"), right, "2024-06-01"))
                .expect(201).body().path("sequence").asLong();

        readIndicator(right, sequence).expect(200);
        assertThat(spent(wrong, "?asOf=2024-05-31")).isEqualTo("200.00");
        assertThat(spent(right, "?asOf=2024-05-31")).isEqualTo("0.00");
        assertThat(spent(wrong, "?asOf=2024-06-01")).isEqualTo("0.00");
        assertThat(spent(right, "?asOf=2024-06-01")).isEqualTo("200.00");
    }

    @Test
    void aMovedExpenditureIsReversedAndMovedAgainWhereItIsNow() {
        String unit = newUnit();
        String first = newIndicator(unit, "1000.00");
        String second = newIndicator(unit, "1000.00");
        String third = newIndicator(unit, "1000.00");
        String expenditureId = LedgerClient.id("E");
        client.post("/api/v1/expenditures", expenditure(expenditureId, first, "300.00")).expect(201);
        client.post(movesOf(expenditureId), move(LedgerClient.id("M"), second, null)).expect(201);

        String reversalId = LedgerClient.id("R");
        LedgerClient.Answer reversed = client.post("/api/v1/expenditures/" + expenditureId + "/reversals",
                reversal(reversalId, "100.00")).expect(201);
        assertThat(reversed.text("indicatorId")).isEqualTo(second);
        long sequence = client.post(movesOf(expenditureId), move(LedgerClient.id("M"), third, null)).expect(201)
                .body().path("sequence").asLong();

        // the reversal sent again after the move is still the same posting
        LedgerClient.Answer repeat = client.post("/api/v1/expenditures/" + expenditureId + "/reversals",
                reversal(reversalId, "100.00")).expect(200);
        assertThat(repeat.body()).isEqualTo(reversed.body());

        assertThat(readIndicator(first, sequence).text("spent")).isEqualTo("0.00");
        assertThat(readIndicator(second, sequence).text("spent")).isEqualTo("0.00");
        assertThat(readIndicator(third, sequence).text("spent")).isEqualTo("200.00");
    }

    @Test
    void aBatchMayPostMoveAndReverseAnExpenditureInOrder() {
        String unit = newUnit();
        String wrong = newIndicator(unit, "1000.00");
        String right = newIndicator(unit, "1000.00");
        String expenditureId = LedgerClient.id("E");
        Map<String, Object> moveItem = item("EXPENDITURE_MOVE", move(LedgerClient.id("M"), right, null));
        moveItem.put("expenditureId", expenditureId);

        JsonNode results = client.post("/api/v1/postings:batch", batch(true,
                expenditureItem(expenditureId, wrong, "300.00"), moveItem,
                reversalItem(LedgerClient.id("R"), expenditureId, "50.00"))).expect(200).body().path("results");

        assertThat(results.get(1).path("status").asInt()).isEqualTo(201);
        long sequence = results.get(2).path("result").path("sequence").asLong();
        assertThat(readIndicator(wrong, sequence).text("spent")).isEqualTo("0.00");
        assertThat(readIndicator(right, sequence).text("spent")).isEqualTo("250.00");
    }

    @Test
    void refusedMovesSayWhyAndWriteNothing() {
        String unit = newUnit();
        String wrong = newIndicator(unit, "1000.00");
        String right = newIndicator(unit, "500.00");
        String small = newIndicator(unit, "199.99");
        String foreign = newIndicator(newUnit(), "500.00");
        Map<String, Object> restricted = appropriation(LedgerClient.id("IND"), unit, "500.00");
        restricted.put("economicCode", "30217");
        client.post("/api/v1/indicators", restricted).expect(201);
        String expenditureId = LedgerClient.id("E");
        client.post("/api/v1/expenditures", expenditure(expenditureId, wrong, "200.00")).expect(201);
        Snapshot before = snapshot(wrong, right);

        assertProblem(client.post(movesOf(LedgerClient.id("NOPE")), move(LedgerClient.id("M"), right, null)),
                404, "EXPENDITURE_NOT_FOUND");
        assertProblem(client.post(movesOf(expenditureId), move(LedgerClient.id("M"), LedgerClient.id("NOPE"), null)),
                404, "INDICATOR_NOT_FOUND");
        LedgerClient.Answer same = client.post(movesOf(expenditureId), move(LedgerClient.id("M"), wrong, null));
        assertProblem(same, 422, "MOVE_NOT_ALLOWED");
        assertThat(same.text("rule")).isEqualTo("TWO_INDICATORS");
        LedgerClient.Answer otherUnit = client.post(movesOf(expenditureId), move(LedgerClient.id("M"), foreign, null));
        assertProblem(otherUnit, 422, "MOVE_NOT_ALLOWED");
        assertThat(otherUnit.text("rule")).isEqualTo("SAME_UNIT");
        LedgerClient.Answer over = client.post(movesOf(expenditureId), move(LedgerClient.id("M"), small, null));
        assertProblem(over, 409, "BUDGET_EXCEEDED");
        assertThat(over.text("authorityLeft")).isEqualTo("199.99");
        assertProblem(client.post(movesOf(expenditureId),
                move(LedgerClient.id("M"), restricted.get("indicatorId").toString(), null)),
                422, "ECONOMIC_CODE_NOT_ALLOWED");
        assertProblem(client.post(movesOf(expenditureId), move(LedgerClient.id("M"), right, "2024-01-31")),
                422, "EFFECTIVE_DATE_BEFORE_EXPENDITURE");
        Map<String, Object> noReason = move(LedgerClient.id("M"), right, null);
        noReason.remove("reason");
        assertProblem(client.post(movesOf(expenditureId), noReason), 400, "VALIDATION_FAILED");

        assertNothingWrittenSince(before);
        client.post("/api/v1/expenditures/" + expenditureId + "/reversals", reversal(LedgerClient.id("R"), null))
                .expect(201);
        assertProblem(client.post(movesOf(expenditureId), move(LedgerClient.id("M"), right, null)),
                409, "NOTHING_LEFT_TO_MOVE");
    }

    private static String movesOf(String expenditureId) {
        return "/api/v1/expenditures/" + expenditureId + "/moves";
    }

    private static Map<String, Object> move(String moveId, String toIndicatorId, String effectiveDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("moveId", moveId);
        body.put("toIndicatorId", toIndicatorId);
        body.put("reason", REASON);
        if (effectiveDate != null) {
            body.put("effectiveDate", effectiveDate);
        }
        return body;
    }

    /** The types of the indicator's events in the audit trail that the posting wrote. */
    private List<String> auditTypes(String indicator, String postingId) {
        List<String> types = new ArrayList<>();
        client.get("/api/v1/audit/events?indicatorId=" + indicator).expect(200).body().path("rows").forEach(row -> {
            if (row.path("postingId").asText().equals(postingId)) {
                types.add(row.path("type").asText());
            }
        });
        return types;
    }

    /** The spending of an indicator in a slice, once the read model has everything stored. */
    private String spent(String indicator, String slice) {
        return client.get("/api/v1/indicators/" + indicator + slice + "&minSequence=" + head()).expect(200)
                .text("spent");
    }

    /** The payload of the indicator's last event of this type, as stored, its fields as text. */
    private Map<String, String> linkedEvent(String indicator, String type) {
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number DESC LIMIT 1",
                String.class, indicator, "%." + type);
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload).fields().forEachRemaining(
                    field -> fields.put(field.getKey(), field.getValue().isValueNode() ? field.getValue().asText()
                            : field.getValue().toString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return fields;
    }
}
