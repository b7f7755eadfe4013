package cn.gov.ledger.projections.audit;

import cn.gov.ledger.core.unit.BudgetUnit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the event store itself (Axon's domain_event_entry), in global order, for the audit trail. */
public class EventJournal {

    /** The aggregate type of a budget unit's events, as Axon stores it. */
    private static final String UNIT = BudgetUnit.class.getSimpleName();

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public EventJournal(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Events of one indicator or unit (the aggregate {@code aggregateId}; all, when null) whose
     * effective date lies in [from, to], after {@code afterSequence}, at most {@code limit}.
     */
    public List<RecordedEvent> events(String aggregateId, LocalDate from, LocalDate to, long afterSequence, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT global_index, aggregate_identifier, sequence_number, type, payload_type, payload, meta_data,
                    time_stamp
                FROM domain_event_entry WHERE global_index > ?""");
        List<Object> args = new ArrayList<>(List.of(afterSequence));
        if (aggregateId != null) {
            sql.append(" AND aggregate_identifier = ?");
            args.add(aggregateId);
        }
        if (from != null) {
            sql.append(" AND (convert_from(payload, 'UTF8')::jsonb ->> 'effectiveDate') >= ?");
            args.add(from.toString());
        }
        if (to != null) {
            sql.append(" AND (convert_from(payload, 'UTF8')::jsonb ->> 'effectiveDate') <= ?");
            args.add(to.toString());
        }
        sql.append(" ORDER BY global_index LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> read(rs), args.toArray());
    }

    private RecordedEvent read(ResultSet rs) throws SQLException {
        JsonNode payload = parse(rs.getBytes("payload"));
        JsonNode meta = parse(rs.getBytes("meta_data"));
        String type = rs.getString("payload_type");
        boolean unit = UNIT.equals(rs.getString("type"));
        return new RecordedEvent(rs.getLong("global_index"), unit ? null : rs.getString("aggregate_identifier"),
                unit ? payload.path("unitCode").asText(null) : null, rs.getLong("sequence_number"), type.substring(type.lastIndexOf('.') + 1),
                payload.path("effectiveDate").asText(null), Instant.parse(rs.getString("time_stamp")),
                meta.path("postedBy").asText(null), meta.path("postingId").asText(null),
                meta.path("correlationId").asText(null), payload);
    }

    private JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable event in the store", e);
        }
    }
}
