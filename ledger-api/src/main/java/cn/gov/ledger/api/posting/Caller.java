package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.security.ApiKeyAuthentication;
import cn.gov.ledger.api.security.ApiKeys;
import cn.gov.ledger.api.security.KeyScope;
import cn.gov.ledger.api.security.Role;
import cn.gov.ledger.api.web.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who sends a posting, and the correlation id that ties its events to the request.
 *
 * @param scope the departments and units the caller may post to; null for anywhere
 */
public record Caller(String principal, String correlationId, KeyScope scope) {

    /** The holder of an API key: ADMIN posts anywhere, POSTER within its scope (an unscoped POSTER nowhere). */
    public static Caller of(ApiKeys.Holder holder, String correlationId) {
        return new Caller(holder.name(), correlationId, holder.role() == Role.ADMIN ? null : holder.scope());
    }

    /** The request's authenticated key holder, once Spring Security has let it through. */
    public static Caller of(HttpServletRequest request) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication key) {
            return of(key.holder(), CorrelationIdFilter.of(request));
        }
        throw new IllegalStateException("a posting reached a controller without an authenticated key");
    }

    /** @param departmentOf the department of a unit (ScopeCheck.departmentOf), asked only when needed */
    public boolean mayPostTo(String unitCode, Function<String, String> departmentOf) {
        return scope == null || scope.includesUnit(unitCode, departmentOf);
    }
}
