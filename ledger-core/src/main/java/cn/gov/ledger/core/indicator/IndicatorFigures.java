package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;

/**
 * The running figures of an indicator, in 元. Budget = initial + adjustments + carried in;
 * authority left = budget − spent (never negative); funds balance = carried in + income − spent.
 *
 * @param initial     年初预算
 * @param adjustments 调整: 追加, 调减 and 调剂 in and out
 * @param carriedIn   年初结转和结余
 * @param income      收入
 * @param spent       支出, less reversals
 */
public record IndicatorFigures(Money initial, Money adjustments, Money carriedIn, Money income, Money spent) {

    public static final IndicatorFigures NONE =
            new IndicatorFigures(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    public Money budget() {
        return initial.plus(adjustments).plus(carriedIn);
    }

    public Money authorityLeft() {
        return budget().minus(spent);
    }

    /** 年末结转和结余 */
    public Money fundsBalance() {
        return carriedIn.plus(income).minus(spent);
    }

    /** These figures with {@code movement} added. */
    public IndicatorFigures plus(FigureMovement movement) {
        Money amount = movement.amount();
        return switch (movement.figure()) {
            case INITIAL -> new IndicatorFigures(initial.plus(amount), adjustments, carriedIn, income, spent);
            case ADJUSTMENT -> new IndicatorFigures(initial, adjustments.plus(amount), carriedIn, income, spent);
            case CARRIED_IN -> new IndicatorFigures(initial, adjustments, carriedIn.plus(amount), income, spent);
            case INCOME -> new IndicatorFigures(initial, adjustments, carriedIn, income.plus(amount), spent);
            case SPENT -> new IndicatorFigures(initial, adjustments, carriedIn, income, spent.plus(amount));
        };
    }
}
