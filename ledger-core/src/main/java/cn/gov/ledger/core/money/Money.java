package cn.gov.ledger.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * An exact amount of CNY, kept in 分 (fen, 0.01 元). Every figure of the ledger is a {@code Money};
 * there is no floating point anywhere on the way from the request to the report.
 */
public record Money(long fen) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    /** Amounts of 10^15 元 and above are refused (docs/domain.md "Money"). */
    private static final long LIMIT_FEN = 100_000_000_000_000_000L;

    /** Plain decimal 元 with at most two decimals: no exponent, no NaN, no grouping. */
    private static final Pattern YUAN = Pattern.compile("-?\\d{1,16}(\\.\\d{1,2})?");

    public Money {
        if (fen >= LIMIT_FEN || fen <= -LIMIT_FEN) {
            throw new IllegalArgumentException("amount must be below 10^15 元");
        }
    }

    /** Parses an amount in 元 as the API sends it, e.g. {@code "9530800.00"}. */
    public static Money parse(String yuan) {
        if (yuan == null || !YUAN.matcher(yuan).matches()) {
            throw new IllegalArgumentException("amount must be a decimal in 元 with at most two decimals");
        }
        return ofYuan(new BigDecimal(yuan));
    }

    public static Money ofYuan(BigDecimal yuan) {
        BigDecimal fen = yuan.movePointRight(2);
        if (fen.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("amount has more than two decimals");
        }
        if (fen.abs().compareTo(BigDecimal.valueOf(LIMIT_FEN)) >= 0) {
            throw new IllegalArgumentException("amount must be below 10^15 元");
        }
        return new Money(fen.longValueExact());
    }

    public static Money ofFen(long fen) {
        return new Money(fen);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(fen, other.fen));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(fen, other.fen));
    }

    public Money negate() {
        return new Money(-fen);
    }

    public boolean isNegative() {
        return fen < 0;
    }

    public boolean isPositive() {
        return fen > 0;
    }

    public boolean isZero() {
        return fen == 0;
    }

    public boolean isLessThan(Money other) {
        return fen < other.fen;
    }

    public Money min(Money other) {
        return fen <= other.fen ? this : other;
    }

    public BigDecimal toYuan() {
        return BigDecimal.valueOf(fen, 2);
    }

    /** The amount in 万元, rounded half-up to 0.01 万元 as published reports round each cell. */
    public BigDecimal toWanRounded() {
        return BigDecimal.valueOf(fen, 6).setScale(2, RoundingMode.HALF_UP);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(fen, other.fen);
    }

    /** The amount in 元 with two decimals, as the API writes it. */
    @Override
    public String toString() {
        return toYuan().toPlainString();
    }
}
