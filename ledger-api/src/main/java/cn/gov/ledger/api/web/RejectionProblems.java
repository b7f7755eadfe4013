package cn.gov.ledger.api.web;

import cn.gov.ledger.core.indicator.LedgerRejection;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** How a {@link LedgerRejection} is answered over HTTP: the problem for each rejection reason. */
public final class RejectionProblems {

    private RejectionProblems() {
    }

    public static ApiProblem toProblem(LedgerRejection rejection) {
        return switch (rejection.reason()) {
            case INDICATOR_NOT_FOUND, EXPENDITURE_NOT_FOUND, UNIT_NOT_FOUND ->
                    problem(HttpStatus.NOT_FOUND, rejection.reason().name(), rejection);
            case INCOME_NOT_FOUND, APPROPRIATION_NOT_FOUND ->
                    problem(HttpStatus.NOT_FOUND, rejection.reason().name(), rejection);
            case REVERSAL_EXCEEDS_INCOME -> problem(HttpStatus.CONFLICT, rejection.reason().name(), rejection);
            case EFFECTIVE_DATE_BEFORE_INCOME ->
                    problem(HttpStatus.UNPROCESSABLE_ENTITY, rejection.reason().name(), rejection);
            case ALLOCATION_EXCEEDS_BALANCE -> problem(HttpStatus.CONFLICT, rejection.reason().name(), rejection);
            case FUND_SOURCE_NOT_NON_FISCAL ->
                    problem(HttpStatus.UNPROCESSABLE_ENTITY, rejection.reason().name(), rejection);
            case NOTHING_LEFT_TO_MOVE -> problem(HttpStatus.CONFLICT, rejection.reason().name(), rejection);
            case MOVE_NOT_ALLOWED -> problem(HttpStatus.UNPROCESSABLE_ENTITY, rejection.reason().name(), rejection);
            case UNKNOWN_CODE -> problem(HttpStatus.BAD_REQUEST, "UNKNOWN_CODE", rejection);
            case INVALID_AMOUNT -> ApiProblem.validation(
                    Map.of(rejection.details().getOrDefault("field", "amount"), rejection.getMessage()));
            case BUDGET_EXCEEDED, BUDGET_BELOW_SPENT, INDICATOR_CLOSED, REVERSAL_EXCEEDS_EXPENDITURE, ID_CONFLICT,
                 UNIT_ALREADY_REGISTERED, CHANGE_BEFORE_REGISTRATION, FISCAL_YEAR_CLOSED ->
                    problem(HttpStatus.CONFLICT, rejection.reason().name(), rejection);
            case ECONOMIC_CODE_NOT_ALLOWED, EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR, EFFECTIVE_DATE_BEFORE_INDICATOR,
                 EFFECTIVE_DATE_BEFORE_EXPENDITURE, TRANSFER_NOT_ALLOWED,
                 CARRY_FORWARD_SPLIT_INVALID, SURPLUS_ON_BASIC_INDICATOR, CARRY_FORWARD_TARGET_INVALID,
                 UNIT_PARENT_INVALID ->
                    problem(HttpStatus.UNPROCESSABLE_ENTITY, rejection.reason().name(), rejection);
        };
    }

    private static ApiProblem problem(HttpStatus status, String code, LedgerRejection rejection) {
        return new ApiProblem(status, code, rejection.getMessage(), rejection.details());
    }
}
