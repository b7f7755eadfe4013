package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.posting.Violations.Sign;
import cn.gov.ledger.core.indicator.CorrectAppropriation;
import cn.gov.ledger.core.indicator.MoveExpenditure;
import cn.gov.ledger.core.indicator.ReverseIncome;
import cn.gov.ledger.core.money.Money;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The postings that correct an earlier one (docs/api.md, "Writing"; docs/domain.md): 收入冲销, 更正指标金额
 * and 调账. Kinds of {@link PostingRequest}, in a file of their own.
 */
public final class Corrections {

    private Corrections() {
    }

    /** POST /api/v1/incomes/{incomeId}/reversals: 收入冲销 of all ({@code amount} absent) or part of an income. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    public record IncomeReversal(String incomeId, String reversalId, String amount, String reason, LocalDate effectiveDate)
            implements PostingRequest {

        /** The reversal of the income its path names, whatever the body says. */
        IncomeReversal ofIncome(String pathIncomeId) {
            return new IncomeReversal(pathIncomeId, reversalId, amount, reason, effectiveDate);
        }

        @Override
        public PostingType type() {
            return PostingType.INCOME_REVERSAL;
        }

        @Override
        public String postingId() {
            return reversalId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("incomeId", incomeId);
            v.id("reversalId", reversalId);
            Money money = v.amount("amount", amount, false, Sign.POSITIVE);
            v.text("reason", reason, true);
            v.required("effectiveDate", effectiveDate);
            v.throwIfAny();
            String indicatorId = context.indicatorOfIncome(incomeId).orElseThrow(() -> new ApiProblem(
                    HttpStatus.NOT_FOUND, "INCOME_NOT_FOUND", "income " + incomeId + " does not exist"));
            return new PreparedPosting(type(), reversalId, indicatorId, List.of(indicatorId), null,
                    new ReverseIncome(indicatorId, reversalId, incomeId, money, reason, effectiveDate));
        }
    }

    /**
     * POST /api/v1/indicators/{indicatorId}/appropriation-corrections: 更正指标金额, the amount the
     * indicator's appropriation should have had.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    public record AppropriationCorrection(String indicatorId, String correctionId, String correctedAmount, String reason,
                                   String documentRef) implements PostingRequest {

        /** The correction of the indicator its path names, whatever the body says. */
        AppropriationCorrection forIndicator(String pathIndicatorId) {
            return new AppropriationCorrection(pathIndicatorId, correctionId, correctedAmount, reason, documentRef);
        }

        @Override
        public PostingType type() {
            return PostingType.AMOUNT_CORRECTION;
        }

        @Override
        public String postingId() {
            return correctionId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("indicatorId", indicatorId);
            v.id("correctionId", correctionId);
            Money money = v.amount("correctedAmount", correctedAmount, true, Sign.NOT_NEGATIVE);
            v.text("reason", reason, true);
            v.text("documentRef", documentRef, false);
            v.throwIfAny();
            return new PreparedPosting(type(), correctionId, indicatorId, List.of(indicatorId), null,
                    new CorrectAppropriation(indicatorId, correctionId, money, reason, documentRef));
        }
    }

    /**
     * POST /api/v1/expenditures/{expenditureId}/moves. The answer's indicator is the target, where
     * the expenditure is after the move.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    public record ExpenditureMove(String expenditureId, String moveId, String toIndicatorId, LocalDate effectiveDate,
                           String reason) implements PostingRequest {

        /** The move of the expenditure its path names, whatever the body says. */
        ExpenditureMove ofExpenditure(String pathExpenditureId) {
            return new ExpenditureMove(pathExpenditureId, moveId, toIndicatorId, effectiveDate, reason);
        }

        @Override
        public PostingType type() {
            return PostingType.EXPENDITURE_MOVE;
        }

        @Override
        public String postingId() {
            return moveId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("expenditureId", expenditureId);
            v.id("moveId", moveId);
            v.id("toIndicatorId", toIndicatorId);
            v.text("reason", reason, true);
            v.throwIfAny();
            String postedTo = context.indicatorOfExpenditure(expenditureId).orElseThrow(() -> new ApiProblem(
                    HttpStatus.NOT_FOUND, "EXPENDITURE_NOT_FOUND", "expenditure " + expenditureId + " does not exist"));
            return new PreparedPosting(type(), moveId, toIndicatorId, List.of(postedTo, toIndicatorId), null,
                    new MoveExpenditure(moveId, expenditureId, postedTo, toIndicatorId, effectiveDate, reason));
        }
    }
}
