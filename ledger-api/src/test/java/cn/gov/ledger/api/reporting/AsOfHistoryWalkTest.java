package cn.gov.ledger.api.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No read as of any day shows negative spending or negative authority: the worked example's data,
 * read over HTTP as of every day of 2024, one balances read per day grouped by indicator (a roll-up
 * is the sum of its indicators, so it cannot be negative where none of them is).
 */
class AsOfHistoryWalkTest extends LedgerIntegrationTest {

    @Test
    void everyDayOf2024ShowsNoIndicatorWithNegativeSpentOrAuthority() {
        long loaded = WorkedExample.load(client);
        List<String> negative = new ArrayList<>();
        int days = 0;
        int rows = 0;
        for (LocalDate day = LocalDate.of(2024, 1, 1); day.getYear() == 2024; day = day.plusDays(1)) {
            LedgerClient.Answer balances = client.get("/api/v1/balances?fiscalYear=2024&departmentCode="
                    + WorkedExample.DEPARTMENT + "&groupBy=indicator&asOf=" + day + "&minSequence=" + loaded)
                    .expect(200);
            for (JsonNode row : balances.body().path("rows")) {
                rows++;
                for (String figure : List.of("spent", "authorityLeft")) {
                    if (new BigDecimal(row.path(figure).asText()).signum() < 0) {
                        negative.add(day + " " + row.path("key").path("indicator").asText() + " " + figure + " "
                                + row.path(figure).asText());
                    }
                }
            }
            days++;
        }
        assertThat(days).isEqualTo(366);
        // the year's indicators appear as they open: by December, all of them
        assertThat(rows).isGreaterThan(366 * 10);
        assertThat(negative).as("figures below zero as of a day").isEmpty();
    }
}
