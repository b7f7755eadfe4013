package cn.gov.ledger.api.security;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.projections.unit.UnitVersion;
import cn.gov.ledger.projections.unit.UnitVersions;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one check of a key's scope (KeyScope) for reads: a read of a unit, a department or an
 * indicator outside the scope of the request's key is refused with 403 {@value #CODE}. The refusal
 * names nothing and is the same whether what was asked for exists or not, so that a scoped key
 * learns nothing outside its scope. Unscoped keys read everything.
 */
@Component
public class ScopeCheck {

    public static final String CODE = "SCOPE_NOT_ALLOWED";

    private final UnitVersions units;

    ScopeCheck(UnitVersions units) {
        this.units = units;
    }

    /**
     * The department (部门) a unit belongs to now (its latest version), or null for a unit not
     * registered: the only place scopes learn it, for reads and postings alike.
     */
    public String departmentOf(String unitCode) {
        return units.find(unitCode, null, null).map(UnitVersion::departmentCode).orElse(null);
    }

    /** Whether the holder may read the figures of a department or of a unit (exactly one of them given). */
    public boolean mayRead(ApiKeys.Holder holder, String departmentCode, String unitCode) {
        KeyScope scope = holder.scope();
        if (scope.unscoped()) {
            return true;
        }
        return unitCode != null ? scope.includesUnit(unitCode, this::departmentOf) : scope.includesDepartment(departmentCode);
    }

    /** Refuses the request's read of a department or a unit outside its key's scope. */
    public void requireRead(String departmentCode, String unitCode) {
        if (!mayRead(currentHolder(), departmentCode, unitCode)) {
            throw refused();
        }
    }

    /**
     * Refuses the request's read of an indicator, given the unit it belongs to or empty when it does
     * not exist: a scoped key gets the same refusal for both, the caller's own answer (404) is left
     * to unscoped keys.
     */
    public void requireIndicator(Optional<String> unitCode) {
        ApiKeys.Holder holder = currentHolder();
        if (!holder.scope().unscoped() && (unitCode.isEmpty() || !mayRead(holder, null, unitCode.get()))) {
            throw refused();
        }
    }

    /** Whether the request's key may see the unit, whose department is known; for lists, which leave out the others. */
    public boolean maySee(UnitVersion unit) {
        KeyScope scope = currentHolder().scope();
        return scope.unscoped() || scope.includesUnit(unit.unitCode(), code -> unit.departmentCode());
    }

    /** The request's key holder, once Spring Security has let it through. */
    public static ApiKeys.Holder currentHolder() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication key) {
            return key.holder();
        }
        throw new IllegalStateException("a read reached a controller without an authenticated key");
    }

    private static ApiProblem refused() {
        return new ApiProblem(HttpStatus.FORBIDDEN, CODE, "this key may not read outside its departments and units");
    }
}
