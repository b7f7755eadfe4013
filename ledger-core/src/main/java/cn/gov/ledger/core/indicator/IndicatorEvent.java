package cn.gov.ledger.core.indicator;

import java.time.LocalDate;

/**
 * Every event of a budget indicator names it and carries its effective (accounting) date. Sealed,
 * so that a test can hold every event type to {@link FigureMovements}.
 */
public sealed interface IndicatorEvent permits BudgetAppropriated, BudgetAdjusted, BudgetTransferredOut,
        BudgetTransferredIn, IncomeRecorded, ExpenditureRecorded, ExpenditureReversed, CarriedForward, CarriedIn,
        IncomeReversed, AppropriationCorrected,
        ExpenditureMovedOut, ExpenditureMovedIn,
        NonFiscalSurplusUsed, SurplusAllocated {

    String indicatorId();

    LocalDate effectiveDate();
}
