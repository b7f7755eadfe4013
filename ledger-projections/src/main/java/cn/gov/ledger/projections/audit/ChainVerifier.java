package cn.gov.ledger.projections.audit;

import cn.gov.ledger.projections.audit.ChainVerification.Failure;
import cn.gov.ledger.projections.position.ProjectionPosition;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the event chain from the event store and compares it, link by link in global order,
 * with {@code event_chain}. Reads one consistent snapshot (a read-only REPEATABLE READ
 * transaction); the events come as one stream in index order, fetched {@value #PAGE} rows at a
 * time, so memory stays flat whatever the size of the ledger.
 *
 * <p>Events above the last link are pending, and so is an unlinked event below it that the
 * event-chain processor has not seen yet (a gap of its tracking token: a late commit it will
 * still link). An unlinked event the processor has already passed is an error.
 */
public class ChainVerifier {

    static final int PAGE = 1000;

    private static final String EVENTS_WITH_LINKS = """
            SELECT %s, c.global_index AS link_index, c.hash, c.previous_hash
            FROM domain_event_entry e LEFT JOIN event_chain c ON c.global_index = e.global_index
            WHERE e.global_index <= ?
            ORDER BY e.global_index""".formatted(StoredEvent.columns("e"));

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate snapshot;
    private final ProjectionPosition chainPosition;

    /** @param chainPosition how far the event-chain processor has come */
    public ChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, ProjectionPosition chainPosition) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(PAGE);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.chainPosition = chainPosition;
    }

    /**
     * Verifies the whole chain; with {@code expectHead} (a hash kept earlier, lower-case hex) it is
     * valid only if that hash is the hash of one of its links.
     */
    public ChainVerification verify(String expectHead) {
        return snapshot.execute(status -> verifyInSnapshot(expectHead));
    }

    private ChainVerification verifyInSnapshot(String expectHead) {
        Link head = jdbc.query("SELECT global_index, hash FROM event_chain ORDER BY global_index DESC LIMIT 1",
                (rs, n) -> new Link(rs.getLong("global_index"), rs.getString("hash"))).stream().findFirst()
                .orElse(new Link(Long.MIN_VALUE, null));
        Walk walk = streaming.query(EVENTS_WITH_LINKS, (ResultSetExtractor<Walk>) rs -> walk(rs, expectHead),
                head.globalIndex());
        findDeletedEvent(walk, head);
        long pendingAbove = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index > ?",
                Long.class, head.globalIndex());
        if (walk.failure == null && pendingAbove > 0) {
            long firstPending = jdbc.queryForObject(
                    "SELECT min(global_index) FROM domain_event_entry WHERE global_index > ?", Long.class,
                    head.globalIndex());
            if (chainPosition.covers(firstPending)) {
                walk.fail(firstPending, Failure.LINK_MISSING);
            }
        }
        Failure failure = walk.failure;
        Long expectedHeadSequence = null;
        if (expectHead != null) {
            expectedHeadSequence = walk.expectedHead != null || failure == null ? walk.expectedHead
                    : jdbc.queryForList("SELECT global_index FROM event_chain WHERE hash = ?", Long.class, expectHead)
                            .stream().findFirst().orElse(null);
            if (failure == null && expectedHeadSequence == null) {
                failure = Failure.UNKNOWN_HEAD;
            }
        }
        return new ChainVerification(failure == null, walk.checked, walk.inFlight + pendingAbove, head.hash(),
                head.hash() == null ? null : head.globalIndex(), walk.firstBad, failure,
                failure == null ? null : failure.description(), expectedHeadSequence);
    }

    /**
     * Walks the events in global order with their links, up to the first one that does not verify,
     * and notes where the expected head is. The walk reads every link anyway, so the head needs no
     * index on the hash (a random key, which made each new link's insert write a random page); only a
     * walk that stopped early looks further for it, by a scan.
     */
    private Walk walk(ResultSet rs, String expectHead) throws SQLException {
        Walk walk = new Walk();
        String previous = ChainHash.GENESIS;
        while (rs.next()) {
            StoredEvent event = StoredEvent.read(rs);
            rs.getLong("link_index");
            if (rs.wasNull()) {
                if (chainPosition.covers(event.globalIndex())) {
                    walk.fail(event.globalIndex(), Failure.LINK_MISSING);
                    break;
                }
                walk.inFlight++;
                continue;
            }
            if (!previous.equals(rs.getString("previous_hash"))) {
                walk.fail(event.globalIndex(), Failure.LINK_BROKEN);
                break;
            }
            String hash = rs.getString("hash");
            if (!ChainHash.link(previous, event).equals(hash)) {
                walk.fail(event.globalIndex(), Failure.EVENT_ALTERED);
                break;
            }
            if (hash.equals(expectHead)) {
                walk.expectedHead = event.globalIndex();
            }
            walk.checked++;
            walk.lastLinked = event.globalIndex();
            previous = hash;
        }
        return walk;
    }

    /**
     * A link the walk passed over belongs to no event: its event was deleted, and that comes before
     * whatever the walk stopped at (typically the next link, which no longer follows).
     */
    private void findDeletedEvent(Walk walk, Link head) {
        long before = walk.firstBad != null ? walk.firstBad : head.globalIndex() + 1;
        Long orphan = jdbc.queryForObject("""
                SELECT min(c.global_index) FROM event_chain c
                WHERE c.global_index > ? AND c.global_index < ?
                  AND NOT EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.global_index = c.global_index)""",
                Long.class, walk.lastLinked, before);
        if (orphan != null) {
            walk.fail(orphan, Failure.EVENT_MISSING);
        }
    }

    private record Link(long globalIndex, String hash) {
    }

    private static final class Walk {
        long checked;
        long inFlight;
        long lastLinked = Long.MIN_VALUE;
        Long expectedHead;
        Long firstBad;
        Failure failure;

        void fail(long globalIndex, Failure why) {
            firstBad = globalIndex;
            failure = why;
        }
    }
}
