package cn.gov.ledger.api.posting;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The posting_receipt table: one row per accepted posting, written in the posting's own
 * transaction, so the caller's id is taken exactly when the events are stored.
 */
@Component
class PostingReceipts {

    record Receipt(String contentHash, String indicatorId, String response) {
    }

    private final JdbcTemplate jdbc;

    PostingReceipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Receipt> find(PostingType type, String postingId) {
        return jdbc.query("SELECT content_hash, indicator_id, response FROM posting_receipt"
                        + " WHERE posting_type = ? AND posting_id = ?",
                (rs, n) -> new Receipt(rs.getString(1), rs.getString(2), rs.getString(3)),
                type.name(), postingId).stream().findFirst();
    }

    /**
     * Takes the id before the command runs; a concurrent posting with the same id waits here for
     * this transaction and then fails with a duplicate key, to find the receipt on its retry.
     */
    void claim(PreparedPosting posting, String contentHash, String postedBy) {
        jdbc.update("INSERT INTO posting_receipt (posting_type, posting_id, content_hash, indicator_id, sequence,"
                        + " response, posted_by) VALUES (?, ?, ?, ?, 0, '', ?)",
                posting.type().name(), posting.postingId(), contentHash, posting.indicatorId(), postedBy);
    }

    void complete(PreparedPosting posting, long sequence, String response) {
        jdbc.update("UPDATE posting_receipt SET sequence = ?, response = ? WHERE posting_type = ? AND posting_id = ?",
                sequence, response, posting.type().name(), posting.postingId());
    }

    /**
     * The newest global sequence of the events of these indicators, as this transaction sees it:
     * one backward step on the (aggregate, sequence) index per indicator. (A max over
     * {@code aggregate_identifier = ANY(?)} was planned as a scan of the whole event table inside
     * a large batch, whose rows the planner's statistics do not see yet.)
     */
    long sequenceOf(List<String> indicatorIds) {
        long newest = 0;
        for (String indicatorId : indicatorIds) {
            List<Long> last = jdbc.queryForList("SELECT global_index FROM domain_event_entry"
                    + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", Long.class, indicatorId);
            if (!last.isEmpty()) {
                newest = Math.max(newest, last.get(0));
            }
        }
        return newest;
    }
}
