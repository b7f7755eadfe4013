package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.posting.Violations.Sign;
import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.classification.FunctionalCode;
import cn.gov.ledger.core.indicator.AdjustBudget;
import cn.gov.ledger.core.indicator.AppropriateBudget;
import cn.gov.ledger.core.indicator.CarryForward;
import cn.gov.ledger.core.indicator.ExpenditureKind;
import cn.gov.ledger.core.indicator.FundSource;
import cn.gov.ledger.core.indicator.IndicatorAttributes;
import cn.gov.ledger.core.indicator.RecordExpenditure;
import cn.gov.ledger.core.indicator.RecordIncome;
import cn.gov.ledger.core.indicator.ReverseExpenditure;
import cn.gov.ledger.core.indicator.SurplusDisposition;
import cn.gov.ledger.core.indicator.TransferBudget;
import cn.gov.ledger.core.money.Money;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * A posting as a client sends it (docs/api.md, "Writing"). Each kind validates its fields and becomes
 * a ledger-core command; in a batch, {@code type} tells the kinds apart and the ids that single
 * postings carry in their path are fields.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PostingRequest.Appropriation.class, name = "APPROPRIATION"),
        @JsonSubTypes.Type(value = PostingRequest.Adjustment.class, name = "ADJUSTMENT"),
        @JsonSubTypes.Type(value = PostingRequest.Transfer.class, name = "TRANSFER"),
        @JsonSubTypes.Type(value = PostingRequest.Income.class, name = "INCOME"),
        @JsonSubTypes.Type(value = PostingRequest.Expenditure.class, name = "EXPENDITURE"),
        @JsonSubTypes.Type(value = PostingRequest.Reversal.class, name = "REVERSAL"),
        @JsonSubTypes.Type(value = PostingRequest.CarryForwardRequest.class, name = "CARRY_FORWARD"),
        @JsonSubTypes.Type(value = Corrections.IncomeReversal.class, name = "INCOME_REVERSAL"),
        @JsonSubTypes.Type(value = Corrections.AppropriationCorrection.class, name = "AMOUNT_CORRECTION"),
        @JsonSubTypes.Type(value = Corrections.ExpenditureMove.class, name = "EXPENDITURE_MOVE"),
        @JsonSubTypes.Type(value = SurplusPostings.SurplusUse.class, name = "SURPLUS_USE"),
        @JsonSubTypes.Type(value = SurplusPostings.SurplusAllocation.class, name = "SURPLUS_ALLOCATION")})
public sealed interface PostingRequest permits PostingRequest.Appropriation, PostingRequest.Adjustment,
        PostingRequest.Transfer, PostingRequest.Income, PostingRequest.Expenditure, PostingRequest.Reversal,
        PostingRequest.CarryForwardRequest, Corrections.IncomeReversal, Corrections.AppropriationCorrection,
        Corrections.ExpenditureMove, SurplusPostings.SurplusUse, SurplusPostings.SurplusAllocation {

    PostingType type();

    /** The caller's id of this posting, which makes it idempotent. */
    String postingId();

    PreparedPosting prepare(PostingContext context);

    /** POST /api/v1/indicators */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    record Appropriation(String indicatorId, Integer fiscalYear, String unitCode, FundSource fundSource,
                         String functionalCode, ExpenditureKind kind, String projectCode, String projectName,
                         String economicCode, String amount, Boolean initial, LocalDate effectiveDate,
                         String documentRef) implements PostingRequest {

        @Override
        public PostingType type() {
            return PostingType.APPROPRIATION;
        }

        @Override
        public String postingId() {
            return indicatorId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("indicatorId", indicatorId);
            v.required("fiscalYear", fiscalYear);
            if (fiscalYear != null && (fiscalYear < 1990 || fiscalYear > 2999)) {
                v.reject("fiscalYear", "must be a year between 1990 and 2999");
            }
            v.id("unitCode", unitCode);
            v.required("fundSource", fundSource);
            v.required("kind", kind);
            FunctionalCode functional = ClassificationCodes.functional(v, "functionalCode", functionalCode);
            EconomicCode economic = economicCode == null ? null
                    : ClassificationCodes.economic(v, "economicCode", economicCode);
            v.text("projectCode", projectCode, false);
            v.text("projectName", projectName, kind == ExpenditureKind.PROJECT);
            Money money = v.amount("amount", amount, true, Sign.NOT_NEGATIVE);
            v.required("effectiveDate", effectiveDate);
            v.text("documentRef", documentRef, false);
            v.throwIfAny();
            ClassificationCodes.requireListed(context.classifications(), fiscalYear, functional, economic);
            if (!context.unitExists(unitCode)) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_CODE",
                        "unit " + unitCode + " is not registered (PUT /api/v1/units/{unitCode})",
                        Map.of("field", "unitCode"));
            }
            IndicatorAttributes attributes = new IndicatorAttributes(fiscalYear, unitCode, fundSource, functional,
                    kind, projectCode, projectName, economic);
            return new PreparedPosting(type(), indicatorId, indicatorId, List.of(indicatorId), unitCode,
                    new AppropriateBudget(indicatorId, attributes, money, !Boolean.FALSE.equals(initial),
                            effectiveDate, documentRef));
        }
    }

    /** POST /api/v1/indicators/{indicatorId}/adjustments */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    record Adjustment(String indicatorId, String adjustmentId, String amount, String reason, LocalDate effectiveDate,
                      String documentRef) implements PostingRequest {

        /** The adjustment of the indicator its path names, whatever the body says. */
        Adjustment forIndicator(String pathIndicatorId) {
            return new Adjustment(pathIndicatorId, adjustmentId, amount, reason, effectiveDate, documentRef);
        }

        @Override
        public PostingType type() {
            return PostingType.ADJUSTMENT;
        }

        @Override
        public String postingId() {
            return adjustmentId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("indicatorId", indicatorId);
            v.id("adjustmentId", adjustmentId);
            Money money = v.amount("amount", amount, true, Sign.NOT_ZERO);
            v.text("reason", reason, true);
            v.required("effectiveDate", effectiveDate);
            v.text("documentRef", documentRef, false);
            v.throwIfAny();
            return new PreparedPosting(type(), adjustmentId, indicatorId, List.of(indicatorId), null,
                    new AdjustBudget(indicatorId, adjustmentId, money, reason, effectiveDate, documentRef));
        }
    }

    /** POST /api/v1/transfers */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    record Transfer(String transferId, String fromIndicatorId, String toIndicatorId, String amount, String reason,
                    LocalDate effectiveDate, String documentRef, Boolean acrossKinds) implements PostingRequest {

        @Override
        public PostingType type() {
            return PostingType.TRANSFER;
        }

        @Override
        public String postingId() {
            return transferId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("transferId", transferId);
            v.id("fromIndicatorId", fromIndicatorId);
            v.id("toIndicatorId", toIndicatorId);
            Money money = v.amount("amount", amount, true, Sign.POSITIVE);
            v.text("reason", reason, true);
            v.required("effectiveDate", effectiveDate);
            v.text("documentRef", documentRef, false);
            v.throwIfAny();
            return new PreparedPosting(type(), transferId, fromIndicatorId, List.of(fromIndicatorId, toIndicatorId),
                    null,
                    new TransferBudget(transferId, fromIndicatorId, toIndicatorId, money, reason, effectiveDate,
                            documentRef, Boolean.TRUE.equals(acrossKinds)));
        }
    }

    /** POST /api/v1/indicators/{indicatorId}/incomes */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    record Income(String indicatorId, String incomeId, String amount, LocalDate effectiveDate, String description)
            implements PostingRequest {

        /** The income of the indicator its path names, whatever the body says. */
        Income forIndicator(String pathIndicatorId) {
            return new Income(pathIndicatorId, incomeId, amount, effectiveDate, description);
        }

        @Override
        public PostingType type() {
            return PostingType.INCOME;
        }

        @Override
        public String postingId() {
            return incomeId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("indicatorId", indicatorId);
            v.id("incomeId", incomeId);
            Money money = v.amount("amount", amount, true, Sign.POSITIVE);
            v.required("effectiveDate", effectiveDate);
            v.text("description", description, false);
            v.throwIfAny();
            return new PreparedPosting(type(), incomeId, indicatorId, List.of(indicatorId), null,
                    new RecordIncome(indicatorId, incomeId, money, effectiveDate, description));
        }
    }

    /** POST /api/v1/expenditures */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    record Expenditure(String expenditureId, String indicatorId, String amount, String economicCode,
                       LocalDate effectiveDate, String voucherNo, String payee, String description)
            implements PostingRequest {

        @Override
        public PostingType type() {
            return PostingType.EXPENDITURE;
        }

        @Override
        public String postingId() {
            return expenditureId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("expenditureId", expenditureId);
            v.id("indicatorId", indicatorId);
            Money money = v.amount("amount", amount, true, Sign.POSITIVE);
            EconomicCode economic = ClassificationCodes.economic(v, "economicCode", economicCode);
            v.required("effectiveDate", effectiveDate);
            v.text("voucherNo", voucherNo, false);
            v.text("payee", payee, false);
            v.text("description", description, false);
            v.throwIfAny();
            if (!economic.isSection()) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_CODE",
                        "an expenditure carries an economic 款 (5 digits), not " + economic,
                        Map.of("field", "economicCode"));
            }
            return new PreparedPosting(type(), expenditureId, indicatorId, List.of(indicatorId), null,
                    new RecordExpenditure(indicatorId, expenditureId, money, economic, effectiveDate, voucherNo,
                            payee, description));
        }
    }

    /** POST /api/v1/expenditures/{expenditureId}/reversals */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    record Reversal(String expenditureId, String reversalId, String amount, String reason, LocalDate effectiveDate)
            implements PostingRequest {

        /** The reversal of the expenditure its path names, whatever the body says. */
        Reversal ofExpenditure(String pathExpenditureId) {
            return new Reversal(pathExpenditureId, reversalId, amount, reason, effectiveDate);
        }

        @Override
        public PostingType type() {
            return PostingType.REVERSAL;
        }

        @Override
        public String postingId() {
            return reversalId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("expenditureId", expenditureId);
            v.id("reversalId", reversalId);
            Money money = v.amount("amount", amount, false, Sign.POSITIVE);
            v.text("reason", reason, true);
            v.required("effectiveDate", effectiveDate);
            v.throwIfAny();
            String indicatorId = context.indicatorOfExpenditure(expenditureId).orElseThrow(() -> new ApiProblem(
                    HttpStatus.NOT_FOUND, "EXPENDITURE_NOT_FOUND", "expenditure " + expenditureId + " does not exist"));
            return new PreparedPosting(type(), reversalId, indicatorId, List.of(indicatorId), null,
                    new ReverseExpenditure(indicatorId, reversalId, expenditureId, money, reason, effectiveDate));
        }
    }

    /**
     * POST /api/v1/indicators/{indicatorId}/carry-forward. An indicator is carried forward once,
     * so its id is the posting's id.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    record CarryForwardRequest(String indicatorId, String targetIndicatorId, String carryOverAmount,
                               SurplusDisposition surplusDisposition, LocalDate effectiveDate)
            implements PostingRequest {

        /** The carry-forward of the indicator its path names, whatever the body says. */
        CarryForwardRequest forIndicator(String pathIndicatorId) {
            return new CarryForwardRequest(pathIndicatorId, targetIndicatorId, carryOverAmount, surplusDisposition,
                    effectiveDate);
        }

        @Override
        public PostingType type() {
            return PostingType.CARRY_FORWARD;
        }

        @Override
        public String postingId() {
            return indicatorId;
        }

        @Override
        public PreparedPosting prepare(PostingContext context) {
            Violations v = new Violations();
            v.id("indicatorId", indicatorId);
            v.id("targetIndicatorId", targetIndicatorId);
            Money money = v.amount("carryOverAmount", carryOverAmount, false, Sign.NOT_NEGATIVE);
            v.required("effectiveDate", effectiveDate);
            v.throwIfAny();
            return new PreparedPosting(type(), indicatorId, indicatorId, List.of(indicatorId, targetIndicatorId),
                    null,
                    new CarryForward(indicatorId, targetIndicatorId, money,
                            Objects.requireNonNullElse(surplusDisposition, SurplusDisposition.CARRY), effectiveDate));
        }
    }
}
