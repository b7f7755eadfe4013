package cn.gov.ledger.api.posting;

import static java.util.Map.entry;

import cn.gov.ledger.core.indicator.AppropriationCorrected;
import cn.gov.ledger.core.indicator.BudgetAdjusted;
import cn.gov.ledger.core.indicator.BudgetAppropriated;
import cn.gov.ledger.core.indicator.BudgetTransferredIn;
import cn.gov.ledger.core.indicator.BudgetTransferredOut;
import cn.gov.ledger.core.indicator.CarriedForward;
import cn.gov.ledger.core.indicator.CarriedIn;
import cn.gov.ledger.core.indicator.ExpenditureMovedIn;
import cn.gov.ledger.core.indicator.ExpenditureMovedOut;
import cn.gov.ledger.core.indicator.ExpenditureRecorded;
import cn.gov.ledger.core.indicator.ExpenditureReversed;
import cn.gov.ledger.core.indicator.IncomeRecorded;
import cn.gov.ledger.core.indicator.IncomeReversed;
import cn.gov.ledger.core.indicator.NonFiscalSurplusUsed;
import cn.gov.ledger.core.indicator.SurplusAllocated;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The events an accepted posting stored. Its events carry its id in their metadata (not its type),
 * and were appended in its transaction, at or before the sequence its receipt answered. No index
 * covers the metadata, so each event is found on its indicator (the unique index on aggregate and
 * sequence number, read backwards from the newest event), as the newest one at or before the
 * receipt's sequence of the posting's event types with its id. A transfer's and a carry-forward's
 * second event is on the indicator its first names, as is a move's source (its answer names the target).
 */
@Component
class PostingHistory {

    /** One event of a posting: its global sequence, its type's simple name, its indicator and when it was stored. */
    record PostingEvent(long sequence, String type, String indicatorId, Instant recordedAt) {
    }

    private static final Map<PostingType, List<Class<?>>> EVENT_TYPES = Map.ofEntries(
            entry(PostingType.APPROPRIATION, List.of(BudgetAppropriated.class)),
            entry(PostingType.ADJUSTMENT, List.of(BudgetAdjusted.class)),
            entry(PostingType.TRANSFER, List.of(BudgetTransferredOut.class, BudgetTransferredIn.class)),
            entry(PostingType.INCOME, List.of(IncomeRecorded.class)),
            entry(PostingType.EXPENDITURE, List.of(ExpenditureRecorded.class)),
            entry(PostingType.REVERSAL, List.of(ExpenditureReversed.class)),
            entry(PostingType.CARRY_FORWARD, List.of(CarriedForward.class, CarriedIn.class)),
            entry(PostingType.INCOME_REVERSAL, List.of(IncomeReversed.class)),
            entry(PostingType.AMOUNT_CORRECTION, List.of(AppropriationCorrected.class)),
            entry(PostingType.EXPENDITURE_MOVE, List.of(ExpenditureMovedIn.class, ExpenditureMovedOut.class)),
            entry(PostingType.SURPLUS_USE, List.of(NonFiscalSurplusUsed.class)),
            entry(PostingType.SURPLUS_ALLOCATION, List.of(SurplusAllocated.class)));

    /** The payload fields that name the second indicator of a posting that touches two. */
    private static final List<String> COUNTERPART_FIELDS = List.of("toIndicatorId", "targetIndicatorId", "fromIndicatorId");

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PostingHistory(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The events of the posting that answered this result, in global order. */
    List<PostingEvent> eventsOf(PostingResult answer) {
        String[] types = EVENT_TYPES.get(answer.type()).stream().map(Class::getName).toArray(String[]::new);
        List<PostingEvent> events = new ArrayList<>();
        Found first = newestOn(answer.indicatorId(), answer, types);
        if (first != null) {
            events.add(first.event());
            String counterpart = first.counterpart();
            Found second = counterpart == null ? null : newestOn(counterpart, answer, types);
            if (second != null) {
                events.add(second.event());
            }
        }
        events.sort(Comparator.comparingLong(PostingEvent::sequence));
        return events;
    }

    private record Found(PostingEvent event, String counterpart) {
    }

    private Found newestOn(String indicatorId, PostingResult answer, String[] types) {
        List<Found> found = jdbc.query("""
                SELECT global_index, payload_type, time_stamp, payload FROM domain_event_entry
                WHERE aggregate_identifier = ? AND global_index <= ? AND payload_type = ANY(?::text[])
                  AND convert_from(meta_data, 'UTF8')::jsonb ->> 'postingId' = ?
                ORDER BY sequence_number DESC LIMIT 1""",
                (rs, n) -> {
                    String type = rs.getString(2);
                    PostingEvent event = new PostingEvent(rs.getLong(1), type.substring(type.lastIndexOf('.') + 1),
                            indicatorId, Instant.parse(rs.getString(3)));
                    return new Found(event, counterpart(rs.getBytes(4), indicatorId));
                }, indicatorId, answer.sequence(), types, answer.postingId());
        return found.isEmpty() ? null : found.get(0);
    }

    private String counterpart(byte[] payload, String indicatorId) {
        JsonNode node = parse(payload);
        for (String field : COUNTERPART_FIELDS) {
            String other = node.path(field).asText(null);
            if (other != null && !other.equals(indicatorId)) {
                return other;
            }
        }
        return null;
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return json.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable event in the store", e);
        }
    }
}
