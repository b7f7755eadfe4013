package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.security.ApiKeyAuthentication;
import cn.gov.ledger.api.security.ApiKeys;
import cn.gov.ledger.api.security.Role;
import cn.gov.ledger.api.web.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who sends a posting, and the correlation id that ties its events to the request.
 *
 * @param units the units the caller may post to; null for any unit
 */
public record Caller(String principal, String correlationId, Set<String> units) {

    /** The holder of an API key: ADMIN posts anywhere, POSTER to its units. */
    public static Caller of(ApiKeys.Holder holder, String correlationId) {
        return new Caller(holder.name(), correlationId, holder.role() == Role.ADMIN ? null : holder.units());
    }

    /** The request's authenticated key holder, once Spring Security has let it through. */
    public static Caller of(HttpServletRequest request) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication key) {
            return of(key.holder(), CorrelationIdFilter.of(request));
        }
        throw new IllegalStateException("a posting reached a controller without an authenticated key");
    }

    public boolean mayPostTo(String unitCode) {
        return units == null || units.contains(unitCode);
    }
}
