package cn.gov.ledger.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest
    @CsvSource({
            "9530800.00, 953080000",
            "1,          100",
            "0.5,        50",
            "0.05,       5",
            "0,          0",
            "-12.30,     -1230",
            "999999999999999.99, 99999999999999999"
    })
    void parsesPlainYuanExactlyIntoFen(String yuan, long fen) {
        assertThat(Money.parse(yuan).fen()).isEqualTo(fen);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "1.234",            // more than two decimals
            "0.001",
            "1e5",              // exponent
            "1E5",
            "NaN",
            "Infinity",
            " 1",               // blanks
            "1 ",
            "1,000.00",         // grouping
            "1.",
            ".5",
            "+1",
            "0x10",
            "１",               // full-width digit
            "1000000000000000.00", // 10^15 元
            "1000000000000000",
            "-1000000000000000.00",
            "99999999999999999",    // 10^17 − 1 元
            "123456789012345678901234567890"
    })
    void rejectsAnythingButPlainYuanBelowTenToTheFifteenth(String yuan) {
        assertThatThrownBy(() -> Money.parse(yuan)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofYuanRefusesFractionsOfAFenAndTenToTheFifteenth() {
        assertThat(Money.ofYuan(new BigDecimal("1.230")).fen()).isEqualTo(123);
        assertThatThrownBy(() -> Money.ofYuan(new BigDecimal("1.231"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofYuan(new BigDecimal("1E15"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.ofFen(100_000_000_000_000_000L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesTwoDecimalsInYuan() {
        assertThat(Money.parse("9530800").toString()).isEqualTo("9530800.00");
        assertThat(Money.parse("0.5").toString()).isEqualTo("0.50");
        assertThat(Money.parse("-0.05").toString()).isEqualTo("-0.05");
        assertThat(Money.parse("999999999999999.99").toString()).isEqualTo("999999999999999.99");
    }

    @Test
    void plusAndMinusAreExact() {
        // 0.1 + 0.2 is not 0.3 in binary floating point
        assertThat(Money.parse("0.10").plus(Money.parse("0.20"))).isEqualTo(Money.parse("0.30"));
        assertThat(Money.parse("9530800.00").minus(Money.parse("0.01"))).isEqualTo(Money.parse("9530799.99"));
        assertThat(Money.parse("100.00").minus(Money.parse("100.01"))).isEqualTo(Money.parse("-0.01"));
        assertThat(Money.parse("999999999999999.98").plus(Money.parse("0.01")).fen()).isEqualTo(99_999_999_999_999_999L);
        Money sum = Money.ZERO;
        for (int i = 0; i < 1000; i++) {
            sum = sum.plus(Money.parse("0.01"));
        }
        assertThat(sum).isEqualTo(Money.parse("10.00"));
    }

    @Test
    void sumsAtOrAboveTenToTheFifteenthAreRefused() {
        Money largest = Money.parse("999999999999999.99");
        assertThatThrownBy(() -> largest.plus(Money.parse("0.01"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> largest.negate().minus(Money.parse("0.01"))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "12345.00,    1.23",
            "12350.00,    1.24",   // 1.235 万元 rounds half-up
            "12349.99,    1.23",
            "49.99,       0.00",
            "50.00,       0.01",
            "9530800.00,  953.08",
            "23339800.00, 2333.98",
            "0,           0.00",
            "-12350.00,   -1.24"   // half-up rounds away from zero
    })
    void toWanRoundsEachAmountHalfUpToAHundredthOfAWan(String yuan, String wan) {
        BigDecimal rounded = Money.parse(yuan).toWanRounded();
        assertThat(rounded).isEqualTo(new BigDecimal(wan));
        assertThat(rounded.scale()).isEqualTo(2);
    }

    @Test
    void ordersByAmount() {
        assertThat(Money.parse("0.01")).isGreaterThan(Money.ZERO);
        assertThat(Money.parse("-0.01").isNegative()).isTrue();
        assertThat(Money.parse("99.99").isLessThan(Money.parse("100"))).isTrue();
        assertThat(Money.parse("100").isLessThan(Money.parse("100.00"))).isFalse();
        assertThat(Money.parse("100").min(Money.parse("99.99"))).isEqualTo(Money.parse("99.99"));
    }
}
