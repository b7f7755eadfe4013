package cn.gov.ledger.api.posting;

import java.util.Set;

/**
 * Who sends a posting, and the correlation id that ties its events to the request.
 *
 * @param units the units the caller may post to; null for any unit
 */
public record Caller(String principal, String correlationId, Set<String> units) {

    public boolean mayPostTo(String unitCode) {
        return units == null || units.contains(unitCode);
    }
}
