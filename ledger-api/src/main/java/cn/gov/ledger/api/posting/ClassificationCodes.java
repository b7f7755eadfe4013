package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.classification.ClassificationCatalog;
import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.classification.FunctionalCode;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Classification codes: a malformed one is a validation failure, an unlisted one UNKNOWN_CODE. */
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

    static void requireKnown(FunctionalCode functional, EconomicCode economic) {
        ClassificationCatalog catalog = ClassificationCatalog.standard();
        if (functional != null && !catalog.isKnown(functional)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_CODE",
                    "functional code " + functional + " is not in the code list", Map.of("field", "functionalCode"));
        }
        if (economic != null && !catalog.isKnown(economic)) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNKNOWN_CODE",
                    "economic code " + economic + " is not in the code list", Map.of("field", "economicCode"));
        }
    }
}
