package cn.gov.ledger.core.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** Rates of docs/domain.md "Rates": percentages rounded half-up to 0.01 %, none where the base is zero. */
public final class Percentage {

    private Percentage() {
    }

    /** {@code part / base} as a percentage with two decimals; empty when the base is zero. */
    public static Optional<BigDecimal> of(Money part, Money base) {
        if (base.isZero()) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(part.fen()).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(base.fen()), 2, RoundingMode.HALF_UP));
    }

    /** 预算执行率得分: 10 × execution rate, capped at 10, rounded to 0.01. */
    public static Optional<BigDecimal> executionRateScore(Money executed, Money budget) {
        if (budget.isZero()) {
            return Optional.empty();
        }
        BigDecimal score = BigDecimal.valueOf(executed.fen()).multiply(BigDecimal.TEN)
                .divide(BigDecimal.valueOf(budget.fen()), 2, RoundingMode.HALF_UP);
        return Optional.of(score.min(BigDecimal.TEN.setScale(2)));
    }
}
