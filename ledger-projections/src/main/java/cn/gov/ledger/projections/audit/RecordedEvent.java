package cn.gov.ledger.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event as the event store holds it, for auditors: what happened, when it took effect, when
 * the ledger accepted it, who posted it and under which id.
 *
 * @param indicatorId       the indicator whose event it is, or null for a budget unit's event
 * @param unitCode          the budget unit whose event it is (UnitRegistered, UnitChanged), or null
 * @param indicatorSequence the event's number within its indicator (or unit)
 */
public record RecordedEvent(long sequence,
                            String indicatorId,
                            String unitCode,
                            long indicatorSequence,
                            String type,
                            String effectiveDate,
                            Instant recordedAt,
                            String postedBy,
                            String postingId,
                            String correlationId,
                            JsonNode payload) {
}
