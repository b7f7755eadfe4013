package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.classification.Classifications;
import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.classification.FunctionalCode;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Classification codes: a malformed one is a validation failure, one not in its fiscal year's list
 * UNKNOWN_CODE (an expenditure's, whose fiscal year is its indicator's, is checked by the indicator).
 */
final class ClassificationCodes {

    private ClassificationCodes() {
    }

    static FunctionalCode functional(Violations v, String field, String value) {
        if (v.required(field, value) == null) {
            return null;
        }
        try {
            FunctionalCode code = new FunctionalCode(value);
            if (!code.isItem()) {
                v.reject(field, "postings use a 项 (7 digits)");
            }
            return code;
        } catch (IllegalArgumentException e) {
            v.reject(field, e.getMessage());
            return null;
        }
    }

    static EconomicCode economic(Violations v, String field, String value) {
        if (v.required(field, value) == null) {
            return null;
        }
        try {
            return new EconomicCode(value);
        } catch (IllegalArgumentException e) {
            v.reject(field, e.getMessage());
            return null;
        }
    }

    /** An appropriation's codes against the lists of its fiscal year, before the command is sent. */
    static void requireListed(Classifications lists, int fiscalYear, FunctionalCode functional, EconomicCode economic) {
        lists.functionalRefusal(fiscalYear, functional).ifPresent(refusal -> {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_CODE", refusal, Map.of("field", "functionalCode"));
        });
        if (economic != null) {
            lists.economicRefusal(fiscalYear, economic).ifPresent(refusal -> {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_CODE", refusal, Map.of("field", "economicCode"));
            });
        }
    }
}
