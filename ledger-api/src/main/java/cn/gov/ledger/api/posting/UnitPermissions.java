package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.ApiProblem;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;

/**
 * A POSTER key posts only within its scope (the units listed with it and the units of the
 * departments listed with it): to a new indicator in one of them, and to existing indicators that
 * belong to one of them. Checked per posting inside its transaction, where the
 * units of the indicators (and of those created earlier in the same group) are known.
 */
final class UnitPermissions {

    private UnitPermissions() {
    }

    /**
     * @param unitOf       the unit of each indicator the posting touches that exists
     * @param departmentOf the department of a unit (ScopeCheck.departmentOf)
     */
    static void check(PreparedPosting posting, Caller caller, Map<String, String> unitOf,
                      Function<String, String> departmentOf) {
        if (posting.unitCode() != null) {
            requireMayPostTo(caller, posting.unitCode(), departmentOf);
        }
        for (String indicatorId : posting.indicatorIds()) {
            String unit = unitOf.get(indicatorId);
            if (unit != null) {
                requireMayPostTo(caller, unit, departmentOf);
            }
        }
    }

    private static void requireMayPostTo(Caller caller, String unit, Function<String, String> departmentOf) {
        if (!caller.mayPostTo(unit, departmentOf)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "UNIT_NOT_ALLOWED", "this key may not post to unit " + unit);
        }
    }
}
