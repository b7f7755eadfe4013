package cn.gov.ledger.projections.audit;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One row of the event store (domain_event_entry) exactly as stored: the raw bytes of payload and
 * metadata, not objects read back from them, so that a chain hash covers what is really there.
 */
record StoredEvent(long globalIndex,
                   String eventIdentifier,
                   String aggregateIdentifier,
                   long sequenceNumber,
                   String type,
                   String payloadType,
                   String payloadRevision,
                   String timeStamp,
                   byte[] payload,
                   byte[] metaData) {

    /** The columns {@link #read} expects, qualified by the given table alias. */
    static String columns(String alias) {
        return String.join(", ", alias + ".global_index", alias + ".event_identifier", alias + ".aggregate_identifier",
                alias + ".sequence_number", alias + ".type", alias + ".payload_type", alias + ".payload_revision",
                alias + ".time_stamp", alias + ".payload", alias + ".meta_data");
    }

    /** The event of the current row, or null when the row has no event (an outer join's empty side). */
    static StoredEvent read(ResultSet rs) throws SQLException {
        long globalIndex = rs.getLong("global_index");
        if (rs.wasNull()) {
            return null;
        }
        return new StoredEvent(globalIndex, rs.getString("event_identifier"), rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"), rs.getString("type"), rs.getString("payload_type"),
                rs.getString("payload_revision"), rs.getString("time_stamp"), rs.getBytes("payload"),
                rs.getBytes("meta_data"));
    }
}
