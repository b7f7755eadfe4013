package cn.gov.ledger.api.reporting;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static cn.gov.ledger.api.testing.Postings.income;
import static cn.gov.ledger.api.testing.Postings.surplusAllocation;
import static cn.gov.ledger.api.testing.Postings.surplusUse;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.api.testing.ProblemAssertions;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 使用非财政拨款结余 and 结余分配: a unit with 事业收入 uses surplus and allocates part of it; table 01
 * reports both on their lines and still balances; a unit's appropriations have no such surplus.
 */
class NonFiscalSurplusTest extends LedgerIntegrationTest {

    @Test
    void tableOneShowsSurplusUsedAndAllocatedAndBalances() {
        String unit = newUnit();
        String own = businessIndicator(unit);
        client.post("/api/v1/indicators/" + own + "/incomes", income(LedgerClient.id("I"), "3000.00")).expect(201);
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), own, "2500.00")).expect(201);
        String useId = LedgerClient.id("U");
        client.post("/api/v1/indicators/" + own + "/surplus-uses", surplusUse(useId, "1000.00")).expect(201);
        long sequence = client.post("/api/v1/indicators/" + own + "/surplus-allocations",
                surplusAllocation(LedgerClient.id("SA"), "200.00")).expect(201).body().path("sequence").asLong();

        LedgerClient.Answer read = readIndicator(own, sequence);
        assertThat(read.text("surplusUsed")).isEqualTo("1000.00");
        assertThat(read.text("allocated")).isEqualTo("200.00");
        assertThat(read.text("income")).isEqualTo("3000.00");
        assertThat(read.text("spent")).isEqualTo("2500.00");
        assertThat(read.text("fundsBalance")).isEqualTo("1300.00");

        JsonNode t01 = client.get("/api/v1/reports/final-accounts?fiscalYear=2024&departmentCode=D" + unit
                + "&unit=yuan&minSequence=" + sequence).expect(200).body().path("tables").path("01");
        assertThat(line(t01, "income", "事业收入")).isEqualTo("3000.00");
        assertThat(line(t01, "income", "本年收入合计")).isEqualTo("3000.00");
        assertThat(line(t01, "income", "使用非财政拨款结余")).isEqualTo("1000.00");
        assertThat(line(t01, "income", "年初结转和结余")).isEqualTo("0.00");
        assertThat(line(t01, "income", "总计")).isEqualTo("4000.00");
        assertThat(line(t01, "expenditure", "本年支出合计")).isEqualTo("2500.00");
        assertThat(line(t01, "expenditure", "结余分配")).isEqualTo("200.00");
        assertThat(line(t01, "expenditure", "年末结转和结余")).isEqualTo("1300.00");
        assertThat(line(t01, "expenditure", "总计")).isEqualTo("4000.00");

        // sent again it is the same posting; with another amount it conflicts, and nothing more is written
        Map<String, Long> before = sumsOfEvents(own);
        assertThat(client.post("/api/v1/indicators/" + own + "/surplus-uses", surplusUse(useId, "1000.00"))
                .status()).isEqualTo(200);
        ProblemAssertions.assertProblem(client.post("/api/v1/indicators/" + own + "/surplus-uses",
                surplusUse(useId, "900.00")), 409, "ID_CONFLICT");
        assertThat(sumsOfEvents(own)).isEqualTo(before);
    }

    @Test
    void refusesAnAppropriationAndAnAllocationBeyondTheBalance() {
        String unit = newUnit();
        String appropriated = newIndicator(unit, "1000.00");
        LedgerClient.Answer onAppropriation = client.post("/api/v1/indicators/" + appropriated + "/surplus-uses",
                surplusUse(LedgerClient.id("U"), "10.00"));
        ProblemAssertions.assertProblem(onAppropriation, 422, "FUND_SOURCE_NOT_NON_FISCAL");
        assertThat(onAppropriation.body().path("fundSource").asText()).isEqualTo("GENERAL_BUDGET");

        String own = businessIndicator(unit);
        client.post("/api/v1/indicators/" + own + "/surplus-uses", surplusUse(LedgerClient.id("U"), "300.00"))
                .expect(201);
        LedgerClient.Answer tooMuch = client.post("/api/v1/indicators/" + own + "/surplus-allocations",
                surplusAllocation(LedgerClient.id("SA"), "300.01"));
        ProblemAssertions.assertProblem(tooMuch, 409, "ALLOCATION_EXCEEDS_BALANCE");
        assertThat(tooMuch.body().path("fundsBalance").asText()).isEqualTo("300.00");
        assertThat(sumsOfEvents(own)).doesNotContainKey("allocated");

        ProblemAssertions.assertProblem(client.post("/api/v1/indicators/" + own + "/surplus-allocations",
                surplusAllocation(LedgerClient.id("SA"), "0.00")), 400, "VALIDATION_FAILED");
    }

    /** A BASIC indicator of 事业收入 for the unit, budgeted 5,000.00. */
    private String businessIndicator(String unit) {
        Map<String, Object> body = new LinkedHashMap<>(appropriation(LedgerClient.id("IND"), unit, "5000.00"));
        body.put("fundSource", "BUSINESS");
        client.post("/api/v1/indicators", body).expect(201);
        return body.get("indicatorId").toString();
    }

    private static String line(JsonNode table, String section, String name) {
        for (JsonNode row : table.path("rows")) {
            if (name.equals(row.path("name").asText()) && section.equals(row.path("section").asText())) {
                return row.path("cells").path("amount").asText();
            }
        }
        return null;
    }
}
