package cn.gov.ledger.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event as the event store holds it, for auditors: what happened, when it took effect, when
 * the ledger accepted it, who posted it and under which id.
 */
public record RecordedEvent(long sequence,
                            String indicatorId,
                            long indicatorSequence,
                            String type,
                            String effectiveDate,
                            Instant recordedAt,
                            String postedBy,
                            String postingId,
                            String correlationId,
                            JsonNode payload) {
}
