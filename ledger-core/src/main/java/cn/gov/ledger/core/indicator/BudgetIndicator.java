package cn.gov.ledger.core.indicator;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import cn.gov.ledger.core.classification.Classifications;
import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.money.Money;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A budget indicator (预算指标), the unit of budget control: every payment is made against one.
 * It decides every command of docs/domain.md and holds its invariants; its state is rebuilt from its
 * events only.
 */
public class BudgetIndicator {

    @AggregateIdentifier
    private String indicatorId;
    private final IndicatorState state = new IndicatorState();

    protected BudgetIndicator() {
        // for Axon: the state comes from the events
    }

    /** Codes are checked against the lists of the indicator's own fiscal year. */
    @CommandHandler
    public BudgetIndicator(AppropriateBudget command, Classifications classifications) {
        IndicatorAttributes a = command.attributes();
        requireListed(classifications.functionalRefusal(a.fiscalYear(), a.functionalCode()), "functionalCode");
        if (a.economicCode() != null) {
            requireListed(classifications.economicRefusal(a.fiscalYear(), a.economicCode()), "economicCode");
        }
        if (command.amount().isNegative()) {
            throw new LedgerRejection(RejectionReason.INVALID_AMOUNT, "an appropriation cannot be negative");
        }
        requireInFiscalYear(a.fiscalYear(), command.effectiveDate());
        apply(new BudgetAppropriated(command.indicatorId(), a, command.amount(), command.initial(),
                command.effectiveDate(), command.documentRef()));
    }

    /** Opens next year's indicator with last year's balance; see {@link YearEndCarryForward}. */
    BudgetIndicator(CarriedIn opening) {
        apply(opening);
    }

    @CommandHandler
    public void handle(AdjustBudget command) {
        requireOpen();
        requireInFiscalYear(command.effectiveDate());
        requireNotBeforeOpening(command.effectiveDate());
        if (command.amount().isZero()) {
            throw new LedgerRejection(RejectionReason.INVALID_AMOUNT, "an adjustment cannot be zero");
        }
        if (state.figures().authorityLeft().plus(command.amount()).isNegative()) {
            throw new LedgerRejection(RejectionReason.BUDGET_BELOW_SPENT,
                    "the adjustment would bring the budget below what is already spent",
                    Map.of("authorityLeft", state.figures().authorityLeft().toString()));
        }
        apply(new BudgetAdjusted(indicatorId, command.adjustmentId(), command.amount(), command.reason(),
                command.effectiveDate(), command.documentRef()));
    }

    @CommandHandler
    public void handle(RecordIncome command) {
        requireOpen();
        requireInFiscalYear(command.effectiveDate());
        requireNotBeforeOpening(command.effectiveDate());
        requirePositive(command.amount(), "income");
        apply(new IncomeRecorded(indicatorId, command.incomeId(), command.amount(), command.effectiveDate(),
                command.description()));
    }

    /** 使用非财政拨款结余: a source of funds like income, on an indicator of a non-appropriation fund source. */
    @CommandHandler
    public void handle(UseNonFiscalSurplus command) {
        requireOpen();
        requireNonFiscal();
        requireInFiscalYear(command.effectiveDate());
        requireNotBeforeOpening(command.effectiveDate());
        requirePositive(command.amount(), "use of surplus");
        apply(new NonFiscalSurplusUsed(indicatorId, command.useId(), command.amount(), command.effectiveDate(),
                command.reason()));
    }

    /** 结余分配: takes from the funds balance of an indicator of a non-appropriation fund source. */
    @CommandHandler
    public void handle(AllocateSurplus command) {
        requireOpen();
        requireNonFiscal();
        requireInFiscalYear(command.effectiveDate());
        requireNotBeforeOpening(command.effectiveDate());
        requirePositive(command.amount(), "allocation");
        requireFundsBalance(command.amount());
        apply(new SurplusAllocated(indicatorId, command.allocationId(), command.amount(), command.effectiveDate(),
                command.reason()));
    }

    /** The economic code is checked against the list of the indicator's fiscal year. */
    @CommandHandler
    public void handle(RecordExpenditure command, Classifications classifications) {
        requireOpen();
        EconomicCode code = command.economicCode();
        requireListed(classifications.economicRefusal(state.attributes().fiscalYear(), code), "economicCode");
        requireEconomicCodeAllowed(code);
        requireInFiscalYear(command.effectiveDate());
        requireNotBeforeOpening(command.effectiveDate());
        requirePositive(command.amount(), "expenditure");
        if (state.expenditure(command.expenditureId()).isPresent()) {
            throw new LedgerRejection(RejectionReason.ID_CONFLICT, "expenditure " + command.expenditureId() + " exists");
        }
        requireAuthority(command.amount());
        apply(new ExpenditureRecorded(indicatorId, command.expenditureId(), command.amount(), code,
                command.effectiveDate(), command.voucherNo(), command.payee(), command.description()));
    }

    @CommandHandler
    public void handle(ReverseExpenditure command) {
        requireOpen();
        IndicatorState.SpentItem item = requireExpenditure(command.expenditureId());
        requireInFiscalYear(command.effectiveDate());
        CorrectionRules.requireNotBeforeExpenditure(command.expenditureId(), item, command.effectiveDate());
        Money amount = command.amount() == null ? item.left() : command.amount();
        if (command.amount() != null) {
            requirePositive(amount, "reversal");
        }
        if (!amount.isPositive() || item.left().isLessThan(amount)) {
            throw new LedgerRejection(RejectionReason.REVERSAL_EXCEEDS_EXPENDITURE,
                    "only " + item.left() + " of expenditure " + command.expenditureId() + " is left to reverse",
                    Map.of("leftToReverse", item.left().toString()));
        }
        apply(new ExpenditureReversed(indicatorId, command.reversalId(), command.expenditureId(), amount,
                item.economicCode(), command.reason(), command.effectiveDate()));
    }

    /** 收入冲销: takes back all or part of an income; the funds balance falls with it. */
    @CommandHandler
    public void handle(ReverseIncome command) {
        requireOpen();
        IndicatorState.ReceivedItem item = requireIncome(command.incomeId());
        requireInFiscalYear(command.effectiveDate());
        CorrectionRules.requireNotBeforeIncome(command.incomeId(), item, command.effectiveDate());
        Money amount = command.amount() == null ? item.left() : command.amount();
        if (command.amount() != null) {
            requirePositive(amount, "income reversal");
        }
        CorrectionRules.requireIncomeLeft(command.incomeId(), item, amount);
        apply(new IncomeReversed(indicatorId, command.reversalId(), command.incomeId(), amount, command.reason(),
                command.effectiveDate()));
    }

    /**
     * 更正指标金额: sets the appropriation's amount to what it should have been, effective at the
     * appropriation's date, so it must leave authority as of every date since then not negative.
     */
    @CommandHandler
    public void handle(CorrectAppropriation command, YearLock years) {
        requireOpen();
        requireYearOpen(years);
        IndicatorState.Appropriation appropriation = requireAppropriation();
        Money change = CorrectionRules.requireCorrection(appropriation, command.correctedAmount());
        requireAuthorityAtEveryDate(appropriation.effectiveDate(), change);
        apply(new AppropriationCorrected(indicatorId, command.correctionId(), change, command.correctedAmount(),
                appropriation.initial(), command.reason(), command.documentRef(), appropriation.effectiveDate()));
    }

    // --- the two-indicator commands, decided by BudgetTransfers and YearEndCarryForward ---

    void transferOut(TransferBudget command) {
        requireOpen();
        requireInFiscalYear(command.effectiveDate());
        requireNotBeforeOpening(command.effectiveDate());
        requirePositive(command.amount(), "transfer");
        requireAuthority(command.amount());
        apply(new BudgetTransferredOut(indicatorId, command.transferId(), command.toIndicatorId(),
                command.amount(), command.reason(), command.effectiveDate(), command.documentRef()));
    }

    void transferIn(TransferBudget command, IndicatorAttributes source, boolean acrossKindsAllowed) {
        requireOpen();
        TwoIndicatorRules.requireTransferAllowed(source, state.attributes(), command.acrossKinds(), acrossKindsAllowed);
        requireNotBeforeOpening(command.effectiveDate());
        apply(new BudgetTransferredIn(indicatorId, command.transferId(), command.fromIndicatorId(),
                command.amount(), command.reason(), command.effectiveDate(), command.documentRef()));
    }

    /** Decides the year-end split without applying it. */
    CarriedForward planCarryForward(CarryForward command) {
        requireOpen();
        requireInFiscalYear(command.effectiveDate());
        requireNotBeforeOpening(command.effectiveDate());
        Money balance = state.figures().fundsBalance();
        Money carryOver = command.carryOverAmount() == null ? balance : command.carryOverAmount();
        if (balance.isNegative() || carryOver.isNegative() || balance.isLessThan(carryOver)) {
            throw new LedgerRejection(RejectionReason.CARRY_FORWARD_SPLIT_INVALID,
                    "carry-over " + carryOver + " and surplus must add up to the funds balance " + balance,
                    Map.of("fundsBalance", balance.toString()));
        }
        Money surplus = balance.minus(carryOver);
        if (surplus.isPositive() && state.attributes().kind() == ExpenditureKind.BASIC) {
            throw new LedgerRejection(RejectionReason.SURPLUS_ON_BASIC_INDICATOR,
                    "basic expenditure only carries over: the carry-over must be the whole balance " + balance);
        }
        if (command.targetIndicatorId() == null || command.targetIndicatorId().equals(indicatorId)) {
            throw new LedgerRejection(RejectionReason.CARRY_FORWARD_TARGET_INVALID, "the target must be another indicator");
        }
        SurplusDisposition disposition = Objects.requireNonNullElse(command.surplusDisposition(), SurplusDisposition.CARRY);
        return new CarriedForward(indicatorId, command.targetIndicatorId(), carryOver, surplus, disposition,
                command.effectiveDate());
    }

    void carryForward(CarriedForward decided) {
        apply(decided);
    }

    void receiveCarryIn(CarriedIn carriedIn) {
        requireOpen();
        if (!state.attributes().equals(carriedIn.attributes())) {
            throw new LedgerRejection(RejectionReason.CARRY_FORWARD_TARGET_INVALID,
                    "indicator " + indicatorId + " is not next year's indicator of " + carriedIn.sourceIndicatorId());
        }
        apply(carriedIn);
    }

    /**
     * The reversal half of a move (调账), decided by {@link ExpenditureMoves}: all that is left of
     * the expenditure leaves, effective on the command's date or else the expenditure's own.
     */
    ExpenditureMovedOut moveOut(MoveExpenditure command) {
        requireOpen();
        IndicatorState.SpentItem item = requireExpenditure(command.expenditureId());
        if (!item.left().isPositive()) {
            throw new LedgerRejection(RejectionReason.NOTHING_LEFT_TO_MOVE,
                    "nothing is left of expenditure " + command.expenditureId() + " to move");
        }
        LocalDate date = Objects.requireNonNullElse(command.effectiveDate(), item.effectiveDate());
        requireInFiscalYear(date);
        CorrectionRules.requireNotBeforeExpenditure(command.expenditureId(), item, date);
        ExpenditureMovedOut out = new ExpenditureMovedOut(indicatorId, command.moveId(), command.expenditureId(),
                command.targetIndicatorId(), item.left(), item.economicCode(), command.reason(), date);
        apply(out);
        return out;
    }

    /** The re-posting half of a move: the target takes the expenditure as it was paid. */
    void moveIn(ExpenditureMovedOut out, IndicatorAttributes source, ExpenditureMoves.Paid paid) {
        requireOpen();
        TwoIndicatorRules.requireMoveAllowed(source, state.attributes());
        requireEconomicCodeAllowed(out.economicCode());
        requireNotBeforeOpening(out.effectiveDate());
        if (state.expenditure(out.expenditureId()).filter(item -> item.left().isPositive()).isPresent()) {
            throw new LedgerRejection(RejectionReason.ID_CONFLICT,
                    "indicator " + indicatorId + " has an expenditure " + out.expenditureId() + " already");
        }
        requireAuthority(out.amount());
        apply(new ExpenditureMovedIn(indicatorId, out.moveId(), out.expenditureId(), out.indicatorId(), out.amount(),
                out.economicCode(), paid.voucherNo(), paid.payee(), paid.description(), out.reason(),
                out.effectiveDate()));
    }

    Optional<String> movedTo(String expenditureId) {
        return state.movedTo(expenditureId);
    }

    IndicatorAttributes attributes() {
        return state.attributes();
    }

    // --- invariants ---

    private void requireOpen() {
        if (state.closed()) {
            throw new LedgerRejection(RejectionReason.INDICATOR_CLOSED, "indicator " + indicatorId + " is closed");
        }
    }

    /** A closed year's reports are published: nothing of it changes until an ADMIN reopens it. */
    void requireYearOpen(YearLock years) {
        IndicatorAttributes a = state.attributes();
        if (years.isClosed(a.unitCode(), a.fiscalYear())) {
            throw new LedgerRejection(RejectionReason.FISCAL_YEAR_CLOSED,
                    "fiscal year " + a.fiscalYear() + " is closed for unit " + a.unitCode() + ": an ADMIN may reopen it");
        }
    }

    /** Only a unit's own (non-appropriation) funds have a non-fiscal surplus to use or allocate. */
    private void requireNonFiscal() {
        if (state.attributes().fundSource().isAppropriation()) {
            throw new LedgerRejection(RejectionReason.FUND_SOURCE_NOT_NON_FISCAL,
                    "indicator " + indicatorId + " is of appropriation fund source " + state.attributes().fundSource()
                            + ": it has no non-fiscal surplus",
                    Map.of("fundSource", state.attributes().fundSource().name()));
        }
    }

    /** An allocation takes no more than the funds balance. */
    private void requireFundsBalance(Money amount) {
        Money balance = state.figures().fundsBalance();
        if (balance.isLessThan(amount)) {
            throw new LedgerRejection(RejectionReason.ALLOCATION_EXCEEDS_BALANCE,
                    "funds balance " + balance + " is smaller than " + amount,
                    Map.of("fundsBalance", balance.toString()));
        }
    }

    private static void requireListed(Optional<String> refusal, String field) {
        if (refusal.isPresent()) {
            throw new LedgerRejection(RejectionReason.UNKNOWN_CODE, refusal.get(), Map.of("field", field));
        }
    }

    private void requireInFiscalYear(LocalDate date) {
        requireInFiscalYear(state.attributes().fiscalYear(), date);
    }

    private static void requireInFiscalYear(int fiscalYear, LocalDate date) {
        if (date == null || date.getYear() != fiscalYear) {
            throw new LedgerRejection(RejectionReason.EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR,
                    "effective date " + date + " is outside fiscal year " + fiscalYear);
        }
    }

    /**
     * Nothing happens to an indicator before it exists (its appropriation, or its first carry-in):
     * a read as of an earlier date does not count it, so it would miss that posting.
     */
    private void requireNotBeforeOpening(LocalDate date) {
        if (date.isBefore(state.openedOn())) {
            throw new LedgerRejection(RejectionReason.EFFECTIVE_DATE_BEFORE_INDICATOR,
                    "effective date " + date + " is before indicator " + indicatorId + " exists (" + state.openedOn() + ")",
                    Map.of("openedOn", state.openedOn().toString()));
        }
    }

    private IndicatorState.ReceivedItem requireIncome(String incomeId) {
        return state.income(incomeId).orElseThrow(() -> new LedgerRejection(RejectionReason.INCOME_NOT_FOUND,
                "income " + incomeId + " is not on indicator " + indicatorId));
    }

    /** Only an appropriated indicator has an appropriation to correct; one opened by a carry-in has none. */
    private IndicatorState.Appropriation requireAppropriation() {
        return state.appropriation().orElseThrow(() -> new LedgerRejection(RejectionReason.APPROPRIATION_NOT_FOUND,
                "indicator " + indicatorId + " was opened by a carry-forward and has no appropriation to correct"));
    }

    /**
     * 无预算不支出 at every date: a change counting from {@code from} must leave authority left as of
     * each date since then not negative; the first date it would not is named with its authority left.
     */
    private void requireAuthorityAtEveryDate(LocalDate from, Money change) {
        state.shortfall(from, change.fen()).ifPresent(shortfall -> {
            throw new LedgerRejection(RejectionReason.BUDGET_BELOW_SPENT,
                    "as of " + shortfall.date() + " authority left is " + shortfall.authorityLeft()
                            + ": the correction by " + change + " would make it negative",
                    Map.of("date", shortfall.date().toString(), "authorityLeft", shortfall.authorityLeft().toString()));
        });
    }

    private IndicatorState.SpentItem requireExpenditure(String expenditureId) {
        return state.expenditure(expenditureId).orElseThrow(() -> new LedgerRejection(
                RejectionReason.EXPENDITURE_NOT_FOUND,
                "expenditure " + expenditureId + " is not on indicator " + indicatorId));
    }

    /** An indicator restricted to one economic code (the 款 its appropriation names) pays only that. */
    private void requireEconomicCodeAllowed(EconomicCode code) {
        if (state.attributes().economicCode() != null && !state.attributes().economicCode().equals(code)) {
            throw new LedgerRejection(RejectionReason.ECONOMIC_CODE_NOT_ALLOWED,
                    "indicator " + indicatorId + " only pays for economic code " + state.attributes().economicCode());
        }
    }

    private static void requirePositive(Money amount, String what) {
        if (!amount.isPositive()) {
            throw new LedgerRejection(RejectionReason.INVALID_AMOUNT, "the amount of an " + what + " must be positive");
        }
    }

    /** 无预算不支出: authority left = budget − spent must cover the amount. */
    private void requireAuthority(Money amount) {
        if (state.figures().authorityLeft().isLessThan(amount)) {
            throw new LedgerRejection(RejectionReason.BUDGET_EXCEEDED,
                    "authority left " + state.figures().authorityLeft() + " is smaller than " + amount,
                    Map.of("authorityLeft", state.figures().authorityLeft().toString()));
        }
    }

    // --- state, from the events ---

    @EventSourcingHandler
    void on(IndicatorEvent event) {
        indicatorId = event.indicatorId();
        state.apply(event);
    }
}
