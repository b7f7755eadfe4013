package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.adjustmentItem;
import static cn.gov.ledger.api.testing.Postings.appropriationItem;
import static cn.gov.ledger.api.testing.Postings.batch;
import static cn.gov.ledger.api.testing.Postings.carryForwardItem;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.expenditureItem;
import static cn.gov.ledger.api.testing.Postings.incomeItem;
import static cn.gov.ledger.api.testing.Postings.reversalItem;
import static cn.gov.ledger.api.testing.Postings.surplusAllocationItem;
import static cn.gov.ledger.api.testing.Postings.surplusUseItem;
import static cn.gov.ledger.api.testing.Postings.transferItem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.api.testing.Postings;
import cn.gov.ledger.api.testing.ProblemAssertions;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/postings:batch}: one result per posting in order; with {@code atomic}, all or none. */
class BatchPostingTest extends LedgerIntegrationTest {

    private static final String BATCH = "/api/v1/postings:batch";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aNonAtomicBatchAnswersEveryPostingInOrderAndWritesTheGoodOnes() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        String good1 = LedgerClient.id("EXP");
        String badAmount = LedgerClient.id("EXP");
        String income = LedgerClient.id("INC");
        String overspend = LedgerClient.id("EXP");
        String adjustment = LedgerClient.id("ADJ");
        long events = eventCount();

        LedgerClient.Answer answer = client.post(BATCH, batch(false,
                expenditureItem(good1, indicator, "100.00"),
                expenditureItem(badAmount, indicator, "1.005"),
                incomeItem(income, indicator, "50.00"),
                expenditureItem(overspend, indicator, "5000.00"),
                adjustmentItem(adjustment, indicator, "10.00")));

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        JsonNode results = answer.body().path("results");
        assertThat(results).hasSize(5);
        assertThat(statuses(results)).containsExactly(201, 400, 201, 409, 201);
        for (int i = 0; i < 5; i++) {
            assertThat(results.get(i).path("index").asInt()).isEqualTo(i);
        }
        assertThat(results.get(0).path("result").path("postingId").asText()).isEqualTo(good1);
        assertThat(results.get(2).path("result").path("postingId").asText()).isEqualTo(income);
        assertThat(results.get(4).path("result").path("postingId").asText()).isEqualTo(adjustment);
        assertThat(results.get(1).path("problem").path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(results.get(1).path("problem").path("errors").get(0).path("field").asText()).isEqualTo("amount");
        assertThat(results.get(3).path("problem").path("code").asText()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(results.get(3).path("problem").path("authorityLeft").asText()).isEqualTo("900.00");
        assertThat(results.get(1).path("result").isNull()).isTrue();
        assertThat(results.get(0).path("problem").isNull()).isTrue();

        // three postings, one event each
        assertThat(eventCount()).isEqualTo(events + 3);
        long sequence = answer.body().path("sequence").asLong();
        assertThat(sequence).isGreaterThanOrEqualTo(results.get(4).path("result").path("sequence").asLong());
        LedgerClient.Answer figures = readIndicator(indicator, sequence);
        assertThat(figures.text("spent")).isEqualTo("100.00");
        assertThat(figures.text("income")).isEqualTo("50.00");
        assertThat(figures.text("adjustments")).isEqualTo("10.00");
        assertThat(figures.text("authorityLeft")).isEqualTo("910.00");

        // the refused ids were not taken
        assertThat(client.post("/api/v1/expenditures", expenditure(overspend, indicator, "1.00")).status()).isEqualTo(201);
        assertThat(client.post("/api/v1/expenditures", expenditure(badAmount, indicator, "1.00")).status()).isEqualTo(201);
    }

    @Test
    void anAtomicBatchWithAnInvalidPostingWritesNothing() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        String newIndicator = LedgerClient.id("IND");
        String good = LedgerClient.id("EXP");
        Snapshot before = snapshot(indicator);

        LedgerClient.Answer answer = client.post(BATCH, batch(true,
                appropriationItem(newIndicator, unit, "300.00"),
                expenditureItem(good, indicator, "100.00"),
                expenditureItem(LedgerClient.id("EXP"), indicator, "-1.00")));

        ProblemAssertions.assertProblem(answer, 400, "VALIDATION_FAILED");
        assertThat(answer.body().path("index").asInt()).isEqualTo(2);
        assertThat(ProblemAssertions.errorFields(answer)).containsExactly("amount");
        assertNothingWrittenSince(before);
        ProblemAssertions.assertProblem(readIndicator(newIndicator, head()), 404, "INDICATOR_NOT_FOUND");

        LedgerClient.Answer later = client.post("/api/v1/expenditures", expenditure(good, indicator, "100.00"));
        assertThat(later.status()).as("a good posting of the refused batch was not kept: %s", later.body())
                .isEqualTo(201);
    }

    @Test
    void anAtomicBatchRefusedByTheLedgerAfterEarlierPostingsRollsThemBack() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        String other = newIndicator(unit, "100.00");
        String newIndicator = LedgerClient.id("IND");
        String first = LedgerClient.id("EXP");
        String income = LedgerClient.id("INC");
        String transfer = LedgerClient.id("TRF");
        Snapshot before = snapshot(indicator, other);

        LedgerClient.Answer answer = client.post(BATCH, batch(true,
                appropriationItem(newIndicator, unit, "300.00"),
                expenditureItem(first, indicator, "300.00"),
                incomeItem(income, indicator, "50.00"),
                transferItem(transfer, indicator, other, "100.00"),
                expenditureItem(LedgerClient.id("EXP"), indicator, "600.01")));

        ProblemAssertions.assertProblem(answer, 409, "BUDGET_EXCEEDED");
        assertThat(answer.body().path("index").asInt()).isEqualTo(4);
        // the refusal saw the batch's own earlier postings: 1000 - 300 - 100
        assertThat(answer.text("authorityLeft")).isEqualTo("600.00");
        assertNothingWrittenSince(before);
        assertThat(eventCount(newIndicator)).isZero();
        ProblemAssertions.assertProblem(readIndicator(newIndicator, head()), 404, "INDICATOR_NOT_FOUND");

        LedgerClient.Answer later = client.post("/api/v1/expenditures", expenditure(first, indicator, "300.00"));
        assertThat(later.status()).as("%s", later.body()).isEqualTo(201);
        LedgerClient.Answer laterIncome = client.post("/api/v1/indicators/" + indicator + "/incomes",
                Postings.income(income, "50.00"));
        assertThat(laterIncome.status()).as("%s", laterIncome.body()).isEqualTo(201);
        assertThat(readIndicator(indicator, laterIncome.body().path("sequence").asLong()).text("spent"))
                .isEqualTo("300.00");
    }

    @Test
    void anAtomicBatchOfGoodPostingsOfEveryTypeIsWrittenWhole() {
        String unit = newUnit();
        String a = newIndicator(unit, "1000.00");
        String b = LedgerClient.id("IND");
        String c = LedgerClient.id("IND");
        String d = LedgerClient.id("IND-2025");
        String spendB = LedgerClient.id("EXP");
        String spendC = LedgerClient.id("EXP");
        long events = eventCount();

        List<Map<String, Object>> postings = List.of(
                appropriationItem(b, unit, "500.00"),
                adjustmentItem(LedgerClient.id("ADJ"), a, "100.00"),
                transferItem(LedgerClient.id("TRF"), a, b, "200.00"),
                incomeItem(LedgerClient.id("INC"), b, "300.00"),
                expenditureItem(spendB, b, "600.00"),
                reversalItem(LedgerClient.id("REV"), spendB, "100.00"),
                appropriationItem(c, unit, "100.00"),
                incomeItem(LedgerClient.id("INC"), c, "80.00"),
                expenditureItem(spendC, c, "30.00"),
                carryForwardItem(c, d));
        String correlationId = LedgerClient.id("CORR");
        long head = head();
        LedgerClient.Answer answer = client.post(BATCH, batch(true, postings.toArray(Map[]::new)),
                Map.of("X-Correlation-Id", correlationId));

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        assertThat(answer.body().path("atomic").asBoolean()).isTrue();
        JsonNode results = answer.body().path("results");
        assertThat(statuses(results)).hasSize(postings.size()).containsOnly(201);
        List<String> types = new ArrayList<>();
        results.forEach(r -> types.add(r.path("result").path("type").asText()));
        assertThat(types).containsExactly("APPROPRIATION", "ADJUSTMENT", "TRANSFER", "INCOME", "EXPENDITURE",
                "REVERSAL", "APPROPRIATION", "INCOME", "EXPENDITURE", "CARRY_FORWARD");
        // appropriation, adjustment, transfer out + in, income, expenditure, reversal,
        // appropriation, income, expenditure, carried forward + carried in
        assertThat(eventCount()).isEqualTo(events + 12);
        // each event carries who posted it, its own posting's id and the request's correlation id, nothing else
        List<Map<String, String>> expected = new ArrayList<>();
        results.forEach(r -> {
            String type = r.path("result").path("type").asText();
            Map<String, String> meta = Map.of("postedBy", "admin", "postingId", r.path("result").path("postingId").asText(),
                    "correlationId", correlationId);
            expected.add(meta);
            if (type.equals("TRANSFER") || type.equals("CARRY_FORWARD")) {
                expected.add(meta);
            }
        });
        List<Map<String, String>> stored = jdbc.query(
                "SELECT meta_data FROM domain_event_entry WHERE global_index > ? ORDER BY global_index",
                (rs, n) -> metaData(rs.getBytes(1)), head);
        assertThat(stored).containsExactlyElementsOf(expected);

        long sequence = answer.body().path("sequence").asLong();
        LedgerClient.Answer figuresA = readIndicator(a, sequence);
        assertThat(figuresA.text("initialBudget")).isEqualTo("1000.00");
        assertThat(figuresA.text("adjustments")).isEqualTo("-100.00");
        assertThat(figuresA.text("authorityLeft")).isEqualTo("900.00");
        LedgerClient.Answer figuresB = readIndicator(b, sequence);
        assertThat(figuresB.text("initialBudget")).isEqualTo("500.00");
        assertThat(figuresB.text("adjustments")).isEqualTo("200.00");
        assertThat(figuresB.text("income")).isEqualTo("300.00");
        assertThat(figuresB.text("spent")).isEqualTo("500.00");
        assertThat(figuresB.text("authorityLeft")).isEqualTo("200.00");
        assertThat(figuresB.text("fundsBalance")).isEqualTo("-200.00");
        LedgerClient.Answer figuresC = readIndicator(c, sequence);
        assertThat(figuresC.text("status")).isEqualTo("CLOSED");
        LedgerClient.Answer figuresD = readIndicator(d, sequence);
        assertThat(figuresD.status()).isEqualTo(200);
        assertThat(figuresD.body().path("fiscalYear").asInt()).isEqualTo(2025);
        assertThat(figuresD.text("carriedIn")).isEqualTo("50.00");
        assertThat(figuresD.text("sourceIndicatorId")).isEqualTo(c);
    }

    /** 使用非财政拨款结余 and 结余分配 in a batch: an allocation sees the surplus used earlier in it. */
    @Test
    void surplusUseAndAllocationInAnAtomicBatch() {
        String unit = newUnit();
        String own = LedgerClient.id("IND");
        Map<String, Object> business = appropriationItem(own, unit, "500.00");
        business.put("fundSource", "BUSINESS");
        LedgerClient.Answer refused = client.post(BATCH, batch(true, business,
                surplusUseItem(LedgerClient.id("U"), own, "400.00"),
                surplusAllocationItem(LedgerClient.id("SA"), own, "400.01")));
        ProblemAssertions.assertProblem(refused, 409, "ALLOCATION_EXCEEDS_BALANCE");
        assertThat(refused.body().path("index").asInt()).isEqualTo(2);
        assertThat(eventCount(own)).isZero();

        LedgerClient.Answer answer = client.post(BATCH, batch(true, business,
                surplusUseItem(LedgerClient.id("U"), own, "400.00"),
                surplusAllocationItem(LedgerClient.id("SA"), own, "400.00")));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        answer.body().path("results").forEach(r -> types.add(r.path("result").path("type").asText()));
        assertThat(types).containsExactly("APPROPRIATION", "SURPLUS_USE", "SURPLUS_ALLOCATION");
        LedgerClient.Answer read = readIndicator(own, answer.body().path("sequence").asLong());
        assertThat(read.text("surplusUsed")).isEqualTo("400.00");
        assertThat(read.text("allocated")).isEqualTo("400.00");
        assertThat(read.text("fundsBalance")).isEqualTo("0.00");
    }

    @Test
    void aBatchThatRepeatsAnAcceptedPostingAnswers200ForIt() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        String spent = LedgerClient.id("EXP");
        LedgerClient.Answer single = client.post("/api/v1/expenditures", expenditure(spent, indicator, "100.00"));
        assertThat(single.status()).isEqualTo(201);
        long events = eventCount();

        LedgerClient.Answer each = client.post(BATCH, batch(false,
                expenditureItem(spent, indicator, "100.00"),
                incomeItem(LedgerClient.id("INC"), indicator, "20.00")));
        assertThat(each.status()).as("%s", each.body()).isEqualTo(200);
        assertThat(statuses(each.body().path("results"))).containsExactly(200, 201);
        assertThat(each.body().path("results").get(0).path("result").path("sequence").asLong())
                .isEqualTo(single.body().path("sequence").asLong());
        assertThat(eventCount()).isEqualTo(events + 1);

        LedgerClient.Answer all = client.post(BATCH, batch(true,
                expenditureItem(spent, indicator, "100.00"),
                expenditureItem(LedgerClient.id("EXP"), indicator, "50.00")));
        assertThat(all.status()).as("%s", all.body()).isEqualTo(200);
        assertThat(statuses(all.body().path("results"))).containsExactly(200, 201);
        assertThat(eventCount()).isEqualTo(events + 2);

        LedgerClient.Answer figures = readIndicator(indicator, all.body().path("sequence").asLong());
        assertThat(figures.text("spent")).isEqualTo("150.00");
        assertThat(figures.text("income")).isEqualTo("20.00");

        // the same id with other content in a batch is a conflict
        LedgerClient.Answer conflict = client.post(BATCH, batch(false, expenditureItem(spent, indicator, "100.01")));
        assertThat(statuses(conflict.body().path("results"))).containsExactly(409);
        assertThat(conflict.body().path("results").get(0).path("problem").path("code").asText()).isEqualTo("ID_CONFLICT");
    }

    @Test
    void aPostingRepeatedWithinOneAtomicBatchIsWrittenOnce() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        String spent = LedgerClient.id("EXP");
        long events = eventCount();
        LedgerClient.Answer answer = client.post(BATCH, batch(true,
                expenditureItem(spent, indicator, "70.00"),
                expenditureItem(spent, indicator, "70.00")));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        assertThat(statuses(answer.body().path("results"))).containsExactly(201, 200);
        assertThat(eventCount()).isEqualTo(events + 1);
        assertThat(readIndicator(indicator, answer.body().path("sequence").asLong()).text("spent")).isEqualTo("70.00");
    }

    @Test
    void aReversalOfAnExpenditurePostedEarlierInTheSameAtomicBatchWorks() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        String partly = LedgerClient.id("EXP");
        String wholly = LedgerClient.id("EXP");
        LedgerClient.Answer answer = client.post(BATCH, batch(true,
                expenditureItem(partly, indicator, "400.00"),
                reversalItem(LedgerClient.id("REV"), partly, "150.00"),
                expenditureItem(wholly, indicator, "100.00"),
                reversalItem(LedgerClient.id("REV"), wholly, null)));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        JsonNode results = answer.body().path("results");
        assertThat(statuses(results)).containsExactly(201, 201, 201, 201);
        assertThat(results.get(1).path("result").path("indicatorId").asText()).isEqualTo(indicator);
        LedgerClient.Answer figures = readIndicator(indicator, answer.body().path("sequence").asLong());
        assertThat(figures.text("spent")).isEqualTo("250.00");
        assertThat(figures.text("authorityLeft")).isEqualTo("750.00");

        // and too much reversed in the batch refuses it whole
        String third = LedgerClient.id("EXP");
        Snapshot before = snapshot(indicator);
        LedgerClient.Answer over = client.post(BATCH, batch(true,
                expenditureItem(third, indicator, "10.00"),
                reversalItem(LedgerClient.id("REV"), third, "10.01")));
        ProblemAssertions.assertProblem(over, 409, "REVERSAL_EXCEEDS_EXPENDITURE");
        assertThat(over.body().path("index").asInt()).isEqualTo(1);
        assertNothingWrittenSince(before);
    }

    @Test
    void aReversalInANonAtomicBatchFindsAnExpenditureEarlierInIt() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        String spent = LedgerClient.id("EXP");
        LedgerClient.Answer answer = client.post(BATCH, batch(false,
                expenditureItem(spent, indicator, "40.00"),
                reversalItem(LedgerClient.id("REV"), spent, "15.00")));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        assertThat(statuses(answer.body().path("results"))).containsExactly(201, 201);
        assertThat(readIndicator(indicator, answer.body().path("sequence").asLong()).text("spent")).isEqualTo("25.00");
    }

    /** Each posting is decided on the state its predecessors in the batch left, as if posted one by one. */
    @Test
    void aNonAtomicBatchDecidesEachPostingAfterThoseBeforeIt() {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        String e1 = LedgerClient.id("EXP");
        String e3 = LedgerClient.id("EXP");
        long events = eventCount();

        LedgerClient.Answer answer = client.post(BATCH, batch(false,
                appropriationItem(indicator, unit, "100.00"),
                expenditureItem(e1, indicator, "60.00"),
                expenditureItem(LedgerClient.id("EXP"), indicator, "60.00"),
                expenditureItem(e3, indicator, "40.00"),
                reversalItem(LedgerClient.id("REV"), e1, "10.00"),
                expenditureItem(e1, indicator, "60.00"),
                expenditureItem(e3, indicator, "40.01"),
                expenditureItem(LedgerClient.id("EXP"), indicator, "10.00"),
                expenditureItem(LedgerClient.id("EXP"), indicator, "0.01")));

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        JsonNode results = answer.body().path("results");
        assertThat(statuses(results)).containsExactly(201, 201, 409, 201, 201, 200, 409, 201, 409);
        assertThat(results.get(2).path("problem").path("authorityLeft").asText()).isEqualTo("40.00");
        assertThat(results.get(6).path("problem").path("code").asText()).isEqualTo("ID_CONFLICT");
        assertThat(results.get(8).path("problem").path("code").asText()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(results.get(5).path("result")).isEqualTo(results.get(1).path("result"));
        assertThat(eventCount()).isEqualTo(events + 5);
        LedgerClient.Answer figures = readIndicator(indicator, answer.body().path("sequence").asLong());
        assertThat(figures.text("spent")).isEqualTo("100.00");
        assertThat(figures.text("authorityLeft")).isEqualTo("0.00");
    }

    @Test
    void anEmptyOrMalformedBatchIsRefused() {
        long events = eventCount();
        LedgerClient.Answer empty = client.post(BATCH, Map.of("atomic", true, "postings", List.of()));
        ProblemAssertions.assertProblem(empty, 400, "VALIDATION_FAILED");
        assertThat(ProblemAssertions.errorFields(empty)).containsExactly("postings");
        ProblemAssertions.assertProblem(client.post(BATCH, Map.of("atomic", false, "postings", List.of())), 400,
                "VALIDATION_FAILED");
        ProblemAssertions.assertProblem(client.post(BATCH, Map.of("atomic", false)), 400, "VALIDATION_FAILED");

        Map<String, Object> unknownType = new LinkedHashMap<>();
        unknownType.put("type", "BRIBE");
        unknownType.put("amount", "1.00");
        ProblemAssertions.assertProblem(client.post(BATCH, batch(false, unknownType)), 400, "VALIDATION_FAILED");
        Map<String, Object> noType = expenditureItem(LedgerClient.id("EXP"), LedgerClient.id("IND"), "1.00");
        noType.remove("type");
        ProblemAssertions.assertProblem(client.post(BATCH, batch(false, noType)), 400, "VALIDATION_FAILED");
        ProblemAssertions.assertProblem(client.postRaw(BATCH, "{\"atomic\":true,\"postings\":[", "application/json"),
                400, "VALIDATION_FAILED");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aBatchItemMissingTheIdItsSingleEndpointCarriesInThePathIsRefusedAlone() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        Map<String, Object> adjustment = adjustmentItem(LedgerClient.id("ADJ"), indicator, "10.00");
        adjustment.remove("indicatorId");
        Map<String, Object> reversal = reversalItem(LedgerClient.id("REV"), null, "1.00");
        Map<String, Object> carry = carryForwardItem(null, LedgerClient.id("IND-2025"));
        LedgerClient.Answer answer = client.post(BATCH, batch(false, adjustment, reversal, carry,
                incomeItem(LedgerClient.id("INC"), indicator, "5.00")));
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        JsonNode results = answer.body().path("results");
        assertThat(statuses(results)).containsExactly(400, 400, 400, 201);
        assertThat(results.get(0).path("problem").path("errors").toString()).contains("indicatorId");
        assertThat(results.get(1).path("problem").path("errors").toString()).contains("expenditureId");
        assertThat(results.get(2).path("problem").path("errors").toString()).contains("indicatorId");
        LedgerClient.Answer figures = readIndicator(indicator, answer.body().path("sequence").asLong());
        assertThat(figures.text("adjustments")).isEqualTo("0.00");
        assertThat(figures.text("income")).isEqualTo("5.00");
    }

    @Test
    void aBatchAboveTheLimitIsTooLargeAndWritesNothing() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "100000.00");
        long events = eventCount();
        List<Map<String, Object>> postings = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            postings.add(incomeItem("INC-" + indicator + "-" + i, indicator, "1.00"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("atomic", false);
        body.put("postings", postings);
        LedgerClient.Answer answer = client.post(BATCH, body);
        ProblemAssertions.assertProblem(answer, 413, "BATCH_TOO_LARGE");
        assertThat(eventCount()).isEqualTo(events);
    }

    // ------------------------------------------------------------------ helpers

    private static List<Integer> statuses(JsonNode results) {
        List<Integer> statuses = new ArrayList<>();
        results.forEach(r -> statuses.add(r.path("status").asInt()));
        return statuses;
    }

    private static Map<String, String> metaData(byte[] json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
