package cn.gov.ledger.core.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentageTest {

    private static Money wan(String wan) {
        return Money.ofYuan(new BigDecimal(wan).movePointRight(4));
    }

    @Test
    void theSeedsWorkedExample() {
        // 工信产业项目管理经费: 106.57 of 130.8 万元 executed = 81.48 %, score 8.15
        assertThat(Percentage.of(wan("106.57"), wan("130.8"))).contains(new BigDecimal("81.48"));
        assertThat(Percentage.executionRateScore(wan("106.57"), wan("130.8"))).contains(new BigDecimal("8.15"));
    }

    /** 第五部分: every project of the seed's performance table follows the rule. */
    @ParameterizedTest(name = "project {0}")
    @CsvSource({
            "1,  16,       16,       100.00, 10.00",
            "2,  99.2,     99.2,     100.00, 10.00",
            "3,  119.5,    114.3,    95.65,  9.56",
            "4,  72,       71.67,    99.54,  9.95",
            "5,  130.8,    106.57,   81.48,  8.15",
            "6,  316,      304.52,   96.37,  9.64",
            "7,  5049,     4778.89,  94.65,  9.47",
            "8,  564.77,   564.77,   100.00, 10.00",
            "9,  14.4,     14.4,     100.00, 10.00",
            "10, 500,      286.77,   57.35,  5.74",
            "11, 7900,     7600,     96.20,  9.62",
            "12, 1.04,     1.04,     100.00, 10.00",
            "13, 480,      424,      88.33,  8.83",
            "14, 67771.68, 58598.89, 86.47,  8.65",
            "15, 1900,     1900,     100.00, 10.00",
            "16, 1804,     1804,     100.00, 10.00",
            "17, 2799,     2799,     100.00, 10.00",
            "18, 377,      0,        0.00,   0.00"
    })
    void everyProjectOfTheSeed(int no, String budgetWan, String executedWan, String rate, String score) {
        assertThat(Percentage.of(wan(executedWan), wan(budgetWan))).contains(new BigDecimal(rate));
        assertThat(Percentage.executionRateScore(wan(executedWan), wan(budgetWan))).contains(new BigDecimal(score));
    }

    @Test
    void noRateWhereTheBaseIsZero() {
        assertThat(Percentage.of(Money.parse("5.00"), Money.ZERO)).isEmpty();
        assertThat(Percentage.of(Money.ZERO, Money.ZERO)).isEmpty();
        assertThat(Percentage.executionRateScore(Money.parse("5.00"), Money.ZERO)).isEmpty();
    }

    @Test
    void theScoreIsCappedAtTen() {
        assertThat(Percentage.executionRateScore(Money.parse("150.00"), Money.parse("100.00")))
                .contains(new BigDecimal("10.00"));
        assertThat(Percentage.executionRateScore(Money.parse("100.01"), Money.parse("100.00")))
                .contains(new BigDecimal("10.00"));
        // the rate itself is not capped
        assertThat(Percentage.of(Money.parse("150.00"), Money.parse("100.00"))).contains(new BigDecimal("150.00"));
    }

    @Test
    void roundsHalfUpNotHalfEven() {
        // 1 / 800 = 0.125 %: half-even would give 0.12
        assertThat(Percentage.of(Money.parse("1.00"), Money.parse("800.00"))).contains(new BigDecimal("0.13"));
        // 10 × 81.45 / 100 = 8.145: half-even would give 8.14
        assertThat(Percentage.executionRateScore(Money.parse("81.45"), Money.parse("100.00")))
                .contains(new BigDecimal("8.15"));
        assertThat(Percentage.of(Money.parse("1.00"), Money.parse("3.00"))).contains(new BigDecimal("33.33"));
        assertThat(Percentage.of(Money.parse("2.00"), Money.parse("3.00"))).contains(new BigDecimal("66.67"));
    }
}
