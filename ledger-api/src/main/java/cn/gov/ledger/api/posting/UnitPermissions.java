package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.ApiProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A POSTER key posts only to its own units: to a new indicator in one of them, and to existing
 * indicators that belong to one of them. Checked per posting inside its transaction, where the
 * units of the indicators (and of those created earlier in the same group) are known.
 */
final class UnitPermissions {

    private UnitPermissions() {
    }

    /** @param unitOf the unit of each indicator the posting touches that exists */
    static void check(PreparedPosting posting, Caller caller, Map<String, String> unitOf) {
        if (posting.unitCode() != null) {
            requireMayPostTo(caller, posting.unitCode());
        }
        for (String indicatorId : posting.indicatorIds()) {
            String unit = unitOf.get(indicatorId);
            if (unit != null) {
                requireMayPostTo(caller, unit);
            }
        }
    }

    private static void requireMayPostTo(Caller caller, String unit) {
        if (!caller.mayPostTo(unit)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "UNIT_NOT_ALLOWED", "this key may not post to unit " + unit);
        }
    }
}
