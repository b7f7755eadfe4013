package cn.gov.ledger.api.posting;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The posting_receipt table: one row per accepted posting, written in the posting's own
 * transaction, so the caller's id is taken exactly when the events are stored. A concurrent
 * posting with the same id waits on the row's key for that transaction, fails with a duplicate key
 * when it commits, and finds the receipt on its retry. Beside them, where moved expenditures are now.
 */
@Component
class PostingReceipts {

    /** An accepted posting's receipt: what its repeat is compared with, and the answer the repeat gets. */
    record Receipt(String contentHash, PostingResult answer) {

        String indicatorId() {
            return answer.indicatorId();
        }
    }

    /** A receipt as the lookup shows it: the answer the posting was given and who posted it. */
    record Stored(PostingResult answer, String postedBy) {
    }

    /** A receipt to write: the posting, its content hash, the sequence it answered and who posted it. */
    record Accepted(PreparedPosting posting, String contentHash, long sequence, String postedBy) {
    }

    private final JdbcTemplate jdbc;
    private volatile String lastSequenceQuery;

    PostingReceipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The receipts of these postings that exist, by {@link #key}. The keys go as array parameters:
     * the prepared statement's generic plan probes the primary key once per key, where for 1,000
     * keys it can see (a constant array, or a custom plan) PostgreSQL chose a hash join over every
     * receipt while its statistics lagged the table (10x slower; bench/floor.sh).
     */
    Map<String, Receipt> findAll(List<String> keys) {
        String[] types = new String[keys.size()];
        String[] ids = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            int separator = key.indexOf(' ');
            types[i] = key.substring(0, separator);
            ids[i] = key.substring(separator + 1);
        }
        Map<String, Receipt> found = new HashMap<>();
        jdbc.query("SELECT r.posting_type, r.posting_id, r.content_hash, r.indicator_id, r.sequence"
                        + " FROM unnest(?::text[], ?::text[]) AS k(posting_type, posting_id)"
                        + " JOIN posting_receipt r USING (posting_type, posting_id)",
                rs -> {
                    PostingType type = PostingType.valueOf(rs.getString(1));
                    String postingId = rs.getString(2);
                    found.put(key(type, postingId), new Receipt(rs.getString(3),
                            new PostingResult(type, postingId, rs.getString(4), rs.getLong(5))));
                }, types, ids);
        return found;
    }

    /**
     * The receipts with this id among these types, oldest first. The types go as an array so
     * the primary key (type first) is probed once per type.
     */
    List<Stored> withId(String postingId, List<PostingType> types) {
        String[] names = types.stream().map(PostingType::name).toArray(String[]::new);
        return jdbc.query("SELECT posting_type, indicator_id, sequence, posted_by FROM posting_receipt"
                        + " WHERE posting_type = ANY(?::text[]) AND posting_id = ? ORDER BY sequence",
                (rs, n) -> new Stored(new PostingResult(PostingType.valueOf(rs.getString(1)), postingId,
                        rs.getString(2), rs.getLong(3)), rs.getString(4)), names, postingId);
    }

    /**
     * The indicator an accepted expenditure is on: where its latest move took it (expenditure_location),
     * else the one it was posted to.
     */
    Optional<String> indicatorOfExpenditure(String expenditureId) {
        return jdbc.query("SELECT COALESCE((SELECT indicator_id FROM expenditure_location WHERE expenditure_id = ?),"
                        + " (SELECT indicator_id FROM posting_receipt WHERE posting_type = 'EXPENDITURE'"
                        + " AND posting_id = ?))",
                (rs, n) -> rs.getString(1), expenditureId, expenditureId).stream().filter(Objects::nonNull).findFirst();
    }

    /** The indicator an accepted income is on. */
    Optional<String> indicatorOfIncome(String incomeId) {
        return jdbc.queryForList("SELECT indicator_id FROM posting_receipt WHERE posting_type = 'INCOME'"
                + " AND posting_id = ?", String.class, incomeId).stream().findFirst();
    }

    /** Records, in the moves' transaction, where each moved expenditure is now. */
    void moveAll(Map<String, String> indicatorOfExpenditure) {
        jdbc.batchUpdate("INSERT INTO expenditure_location (expenditure_id, indicator_id) VALUES (?, ?)"
                        + " ON CONFLICT (expenditure_id) DO UPDATE SET indicator_id = EXCLUDED.indicator_id",
                List.copyOf(indicatorOfExpenditure.entrySet()), 1000, (statement, moved) -> {
                    statement.setString(1, moved.getKey());
                    statement.setString(2, moved.getValue());
                });
    }

    void insertAll(List<Accepted> accepted) {
        jdbc.batchUpdate("INSERT INTO posting_receipt (posting_type, posting_id, content_hash, indicator_id, sequence,"
                        + " posted_by) VALUES (?, ?, ?, ?, ?, ?)", accepted, 1000,
                (statement, a) -> {
                    statement.setString(1, a.posting().type().name());
                    statement.setString(2, a.posting().postingId());
                    statement.setString(3, a.contentHash());
                    statement.setString(4, a.posting().indicatorId());
                    statement.setLong(5, a.sequence());
                    statement.setString(6, a.postedBy());
                });
    }

    /**
     * The global sequence of the last event this transaction appended: the ledger's position after
     * the write, which a posting answers so the caller can read its own write ({@code minSequence}).
     */
    long lastSequence() {
        String query = lastSequenceQuery;
        if (query == null) {
            // pg_get_serial_sequence searches the catalog, once per posting transaction otherwise;
            // the name it finds, written into the statement, is resolved once when it is planned
            String sequence = jdbc.queryForObject(
                    "SELECT pg_get_serial_sequence('domain_event_entry', 'global_index')", String.class);
            query = "SELECT currval('" + sequence.replace("'", "''") + "'::regclass)";
            lastSequenceQuery = query;
        }
        return jdbc.queryForObject(query, Long.class);
    }

    /** The posting's identity: its type and the caller's id (ids are unique per type). */
    static String key(PostingType type, String postingId) {
        return type.name() + " " + postingId;
    }

    static String key(PreparedPosting posting) {
        return key(posting.type(), posting.postingId());
    }
}
