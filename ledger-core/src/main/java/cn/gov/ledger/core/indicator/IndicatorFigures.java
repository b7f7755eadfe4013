package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.money.Money;

/**
 * The running figures of an indicator, in 元. Budget = initial + adjustments + carried in;
 * authority left = budget − spent (never negative); funds balance = carried in + income + surplus
 * used − spent − allocated.
 *
 * @param initial     年初预算
 * @param adjustments 调整: 追加, 调减 and 调剂 in and out
 * @param carriedIn   年初结转和结余
 * @param income      收入
 * @param spent       支出, less reversals
 * @param surplusUsed 使用非财政拨款结余
 * @param allocated   结余分配
 */
public record IndicatorFigures(Money initial, Money adjustments, Money carriedIn, Money income, Money spent,
                               Money surplusUsed, Money allocated) {

    public static final IndicatorFigures NONE =
            new IndicatorFigures(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    /** Figures with no surplus used or allocated. */
    public IndicatorFigures(Money initial, Money adjustments, Money carriedIn, Money income, Money spent) {
        this(initial, adjustments, carriedIn, income, spent, Money.ZERO, Money.ZERO);
    }

    public Money budget() {
        return initial.plus(adjustments).plus(carriedIn);
    }

    public Money authorityLeft() {
        return budget().minus(spent);
    }

    /** 年末结转和结余 */
    public Money fundsBalance() {
        return carriedIn.plus(income).plus(surplusUsed).minus(spent).minus(allocated);
    }

    /** These figures with {@code movement} added. */
    public IndicatorFigures plus(FigureMovement movement) {
        Money a = movement.amount();
        return switch (movement.figure()) {
            case INITIAL -> new IndicatorFigures(initial.plus(a), adjustments, carriedIn, income, spent, surplusUsed, allocated);
            case ADJUSTMENT -> new IndicatorFigures(initial, adjustments.plus(a), carriedIn, income, spent, surplusUsed, allocated);
            case CARRIED_IN -> new IndicatorFigures(initial, adjustments, carriedIn.plus(a), income, spent, surplusUsed, allocated);
            case INCOME -> new IndicatorFigures(initial, adjustments, carriedIn, income.plus(a), spent, surplusUsed, allocated);
            case SPENT -> new IndicatorFigures(initial, adjustments, carriedIn, income, spent.plus(a), surplusUsed, allocated);
            case SURPLUS_USED -> new IndicatorFigures(initial, adjustments, carriedIn, income, spent, surplusUsed.plus(a), allocated);
            case ALLOCATED -> new IndicatorFigures(initial, adjustments, carriedIn, income, spent, surplusUsed, allocated.plus(a));
        };
    }
}
