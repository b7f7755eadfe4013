package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README walk-through: a budget's life over HTTP, figure by figure. */
class BudgetLifeTest extends LedgerIntegrationTest {

    @Test
    void appropriateSpendOverspendReverseAndReadBalances() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000000.00");

        String first = LedgerClient.id("E");
        assertThat(client.post("/api/v1/expenditures", expenditure(first, indicator, "600000.00")).status())
                .isEqualTo(201);

        LedgerClient.Answer overspend = client.post("/api/v1/expenditures",
                expenditure(LedgerClient.id("E"), indicator, "500000.00"));
        assertThat(overspend.status()).isEqualTo(409);
        assertThat(overspend.code()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(overspend.text("authorityLeft")).isEqualTo("400000.00");

        LedgerClient.Answer reversal = client.post("/api/v1/expenditures/" + first + "/reversals",
                Map.of("reversalId", LedgerClient.id("R"), "amount", "100000.00", "reason", "红字冲销",
                        "effectiveDate", "2024-03-03"));
        assertThat(reversal.status()).isEqualTo(201);

        LedgerClient.Answer income = client.post("/api/v1/indicators/" + indicator + "/incomes",
                Map.of("incomeId", LedgerClient.id("I"), "amount", "550000.00", "effectiveDate", "2024-03-04"));
        assertThat(income.status()).isEqualTo(201);
        long sequence = income.body().path("sequence").asLong();

        LedgerClient.Answer read = readIndicator(indicator, sequence);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("initialBudget")).isEqualTo("1000000.00");
        assertThat(read.text("spent")).isEqualTo("500000.00");
        assertThat(read.text("income")).isEqualTo("550000.00");
        assertThat(read.text("authorityLeft")).isEqualTo("500000.00");
        assertThat(read.text("fundsBalance")).isEqualTo("50000.00");
        assertThat(read.text("executionRate")).isEqualTo("50.00");
        assertThat(read.text("status")).isEqualTo("OPEN");

        LedgerClient.Answer balances = client.get("/api/v1/balances?fiscalYear=2024&unitCode=" + unit
                + "&groupBy=economicSection&minSequence=" + sequence);
        assertThat(balances.status()).isEqualTo(200);
        Map<String, String> spentByCode = new LinkedHashMap<>();
        balances.body().path("rows").forEach(row ->
                spentByCode.put(row.path("key").path("economicSection").asText("none"), row.path("spent").asText()));
        assertThat(spentByCode).containsEntry("30201", "500000.00");

        LedgerClient.Answer replay = client.get("/api/v1/audit/indicators/" + indicator + "/replay");
        assertThat(replay.text("spent")).isEqualTo("500000.00");
        assertThat(replay.text("fundsBalance")).isEqualTo("50000.00");

        LedgerClient.Answer events = client.get("/api/v1/audit/events?indicatorId=" + indicator);
        assertThat(events.body().path("rows")).hasSize(4);
        assertThat(events.body().path("rows").get(1).path("type").asText()).isEqualTo("ExpenditureRecorded");
        assertThat(events.body().path("rows").get(1).path("postingId").asText()).isEqualTo(first);
        assertThat(events.body().path("rows").get(1).path("effectiveDate").asText()).isEqualTo("2024-02-01");
    }

    @Test
    void asOfAndKnownAtLimitWhatIsCounted() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        client.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), indicator, "100.00"));
        String before = LedgerClient.knownAtBetweenPostings().toString();
        Map<String, Object> late = expenditure(LedgerClient.id("E"), indicator, "50.00");
        late.put("effectiveDate", "2024-06-30");
        long sequence = client.post("/api/v1/expenditures", late).body().path("sequence").asLong();

        assertThat(readIndicator(indicator, sequence).text("spent")).isEqualTo("150.00");
        assertThat(client.get("/api/v1/indicators/" + indicator + "?asOf=2024-03-31").text("spent")).isEqualTo("100.00");
        assertThat(client.get("/api/v1/indicators/" + indicator + "?knownAt=" + before).text("spent"))
                .isEqualTo("100.00");
    }
}
