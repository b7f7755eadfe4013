package cn.gov.ledger.api.reading;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.config.ClockConfiguration;
import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The ledger's time zone ({@code ledger.time-zone}, Asia/Shanghai by default) decides "today", time
 * progress (序时进度) and the day of a {@code knownAt}, whatever the JVM's zone. The clock stands at
 * 2024-06-30T20:00Z, which is 2024-07-01 04:00 in Shanghai.
 */
class LedgerTimeZoneTest extends LedgerIntegrationTest {

    static final Instant NOW = Instant.parse("2024-06-30T20:00:00Z");

    /** The ledger's clock stopped at {@link #NOW}, in the zone the ledger is configured with. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock(LedgerProperties properties) {
            return Clock.fixed(NOW, properties.timeZone());
        }
    }

    @Test
    void timeProgressIsForTodayInShanghai() {
        String unit = newUnit();
        String indicator = newIndicator(unit, "1000.00");
        long sequence = spend(indicator, "2024-02-01");

        LedgerClient.Answer rates = client.get("/api/v1/execution-rates?fiscalYear=2024&unitCode=" + unit
                + "&minSequence=" + sequence);

        assertThat(rates.status()).isEqualTo(200);
        assertThat(rates.body().path("rows").get(0).path("timeProgress").asText())
                .as("2024-07-01 is the 183rd of 366 days; 2024-06-30, UTC's day, would be 49.73")
                .isEqualTo("50.00");
    }

    @Test
    void aKnownAtOnlyReadHasTheTimeProgressOfKnownAtsDay() {
        String unit = newUnit();
        String indicator = LedgerClient.id("IND");
        Map<String, Object> appropriation = appropriation(indicator, unit, "1000.00");
        appropriation.put("fiscalYear", 2030);
        appropriation.put("effectiveDate", "2030-01-05");
        assertThat(client.post("/api/v1/indicators", appropriation).status()).isEqualTo(201);
        long sequence = spend(indicator, "2030-02-01");

        // recorded now, so known at this moment of 2030, which is 2030-07-01 04:00 in Shanghai
        LedgerClient.Answer rates = client.get("/api/v1/execution-rates?fiscalYear=2030&unitCode=" + unit
                + "&knownAt=2030-06-30T20:00:00Z&minSequence=" + sequence);

        assertThat(rates.status()).isEqualTo(200);
        assertThat(rates.body().path("rows").get(0).path("timeProgress").asText())
                .as("2030-07-01 is the 182nd of 365 days; today (2024) would be 0.00, 2030-06-30 49.59")
                .isEqualTo("49.86");
    }

    @Test
    void aReportNamesItsKnownAtInTheLedgersTime() {
        String unit = newUnit();
        long sequence = spend(newIndicator(unit, "1000.00"), "2024-02-01");

        LedgerClient.Answer csv = client.get("/api/v1/reports/final-accounts?fiscalYear=2024&unitCode=" + unit
                + "&format=csv&knownAt=2030-06-30T20:00:00Z&minSequence=" + sequence);

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().body()).contains("截至记账时点 2030-07-01T04:00+08:00");
    }

    @Test
    void theSettingDecidesTheDay() {
        ApplicationContextRunner ledger = new ApplicationContextRunner()
                .withUserConfiguration(Settings.class, ClockConfiguration.class, FixedClock.class, LedgerCalendar.class);
        ledger.run(context -> {
            LedgerCalendar calendar = context.getBean(LedgerCalendar.class);
            assertThat(calendar.today()).as("Asia/Shanghai by default").isEqualTo(LocalDate.of(2024, 7, 1));
        });
        ledger.withPropertyValues("ledger.time-zone=UTC").run(context -> {
            LedgerCalendar calendar = context.getBean(LedgerCalendar.class);
            assertThat(calendar.today()).isEqualTo(LocalDate.of(2024, 6, 30));
            assertThat(TimeProgress.of(2024, calendar.progressDay(null, null))).hasToString("49.73");
            assertThat(calendar.progressDay(null, Instant.parse("2030-06-30T20:00:00Z")))
                    .isEqualTo(LocalDate.of(2030, 6, 30));
        });
    }

    @EnableConfigurationProperties(LedgerProperties.class)
    static class Settings {
    }

    /** Spends 100.00 on the indicator at the effective date; answers the posting's sequence. */
    private long spend(String indicator, String effectiveDate) {
        Map<String, Object> body = expenditure(LedgerClient.id("EXP"), indicator, "100.00");
        body.put("effectiveDate", effectiveDate);
        LedgerClient.Answer answer = client.post("/api/v1/expenditures", body);
        assertThat(answer.status()).as("spend: %s", answer.body()).isEqualTo(201);
        return answer.body().path("sequence").asLong();
    }
}
