package cn.gov.ledger.api.yearend;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Year-end close of a unit: every open indicator carried into next year, once. */
class FiscalYearCloseTest extends LedgerIntegrationTest {

    @Test
    void closingCarriesEveryOpenIndicatorAndARepeatChangesNothing() {
        String unit = newUnit();
        String basic = newIndicator(unit, "1000.00");
        Map<String, Object> projectBody = appropriation(LedgerClient.id("IND"), unit, "500.00");
        projectBody.put("kind", "PROJECT");
        projectBody.put("projectName", "信息化建设");
        String project = projectBody.get("indicatorId").toString();
        client.post("/api/v1/indicators", projectBody);
        Map<String, Object> finishedBody = appropriation(LedgerClient.id("IND"), unit, "200.00");
        finishedBody.put("kind", "PROJECT");
        finishedBody.put("projectName", "已完成项目");
        String finished = finishedBody.get("indicatorId").toString();
        client.post("/api/v1/indicators", finishedBody);
        for (String indicator : List.of(basic, project, finished)) {
            client.post("/api/v1/indicators/" + indicator + "/incomes", Map.of("incomeId", LedgerClient.id("I"),
                    "amount", "300.00", "effectiveDate", "2024-02-01"));
            client.post("/api/v1/expenditures", expenditure(LedgerClient.id("E"), indicator, "100.00"));
        }

        LedgerClient.Answer close = client.post("/api/v1/fiscal-years/2024/close", Map.of("unitCode", unit,
                "defaultSplit", "SURPLUS_ALL", "surplusDisposition", "RECAPTURE",
                "overrides", List.of(Map.of("indicatorId", project, "targetIndicatorId", "NEXT-" + project,
                        "surplusDisposition", "CARRY"))));

        assertThat(close.status()).as("%s", close.body()).isEqualTo(200);
        assertThat(close.body().path("carriedForward").asLong()).isEqualTo(3);
        long sequence = close.body().path("sequence").asLong();
        // BASIC carries its whole balance over; the project with an override carries its surplus;
        // the other project's balance, all surplus by default, is taken back
        assertThat(readIndicator(basic + "-2025", sequence).text("carriedIn")).isEqualTo("200.00");
        assertThat(readIndicator("NEXT-" + project, sequence).text("carriedIn")).isEqualTo("200.00");
        assertThat(readIndicator(finished + "-2025", sequence).text("carriedIn")).isEqualTo("0.00");
        assertThat(readIndicator(finished, sequence).text("status")).isEqualTo("CLOSED");

        long events = eventCount();
        LedgerClient.Answer again = client.post("/api/v1/fiscal-years/2024/close", Map.of("unitCode", unit));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("carriedForward").asLong()).isZero();
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aCloseWithoutScopeIsRefused() {
        LedgerClient.Answer answer = client.post("/api/v1/fiscal-years/2024/close", Map.of());
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("VALIDATION_FAILED");
    }
}
