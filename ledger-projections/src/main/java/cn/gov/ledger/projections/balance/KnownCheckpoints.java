package cn.gov.ledger.projections.balance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checkpoints of the journal, for reads as known at a moment (knownAt, 截至记账时点;
 * V12__known_checkpoints.sql): per key, the sum of every movement recorded through a checkpoint's
 * moment. A read as known at T sums the latest checkpoint at or before T and the movements recorded
 * after it up to T, so it reads a bounded tail of the journal, not all of it.
 */
final class KnownCheckpoints {

    /**
     * The service's rule: the next checkpoint comes once at least 4 movements per key the latest
     * holds follow it, and at least 10,000, so checkpoints hold at most about a fifth as many rows as
     * the journal, and a read sums about five times as many rows as there are keys (or 10,000 more).
     */
    static final KnownCheckpoints SERVICE = new KnownCheckpoints(10_000, 4);

    /** A movement as a checkpoint counts it. */
    record Counted(int keyId, long amount, Instant recordedAt) {
    }

    private static final String COUNT = """
            UPDATE rm_known_checkpoint SET movements_after = movements_after + ?
            WHERE checkpoint = (SELECT max(checkpoint) FROM rm_known_checkpoint)
            RETURNING checkpoint, movements_after, keys, checkpoint > 0 AND known_through >= ?, known_through < ?""";

    /** Movements written after checkpoints that were already past their recorded time. */
    private static final String ADD_LATE = """
            INSERT INTO rm_known_sum (checkpoint, key_id, amount)
            SELECT c.checkpoint, m.key_id, sum(m.amount)
            FROM unnest(?::int[], ?::bigint[], ?::timestamptz[]) AS m(key_id, amount, recorded_at)
            JOIN rm_known_checkpoint c ON c.checkpoint > 0 AND c.known_through >= m.recorded_at
            GROUP BY 1, 2
            ON CONFLICT (checkpoint, key_id) DO UPDATE SET amount = rm_known_sum.amount + EXCLUDED.amount""";

    /** The next checkpoint: the latest one's sums and the movements recorded after it through the new moment. */
    private static final String WRITE = """
            WITH latest AS (SELECT known_through FROM rm_known_checkpoint WHERE checkpoint = ?),
            sums AS (
                INSERT INTO rm_known_sum (checkpoint, key_id, amount)
                SELECT ?, key_id, sum(amount) FROM (
                    SELECT key_id, amount FROM rm_known_sum WHERE checkpoint = ?
                    UNION ALL
                    SELECT m.key_id, m.amount FROM rm_movement m
                    WHERE m.recorded_at > (SELECT known_through FROM latest) AND m.recorded_at <= ?) u
                GROUP BY key_id
                RETURNING 1)
            INSERT INTO rm_known_checkpoint (checkpoint, known_through, movements_after, keys)
            SELECT ?, ?, 0, count(*) FROM sums""";

    private final int minimumMovements;
    private final int movementsPerKey;

    /**
     * @param minimumMovements the fewest movements after a checkpoint before the next one
     * @param movementsPerKey  and at least this many per key the latest one holds
     */
    KnownCheckpoints(int minimumMovements, int movementsPerKey) {
        this.minimumMovements = minimumMovements;
        this.movementsPerKey = movementsPerKey;
    }

    /**
     * Counts the movements a batch has just written to the journal, in its transaction: adds those
     * recorded at or before a checkpoint to it, and writes the next checkpoint when it is due (not
     * after a batch recorded wholly before the latest one).
     */
    void count(JdbcTemplate jdbc, List<Counted> written) {
        if (written.isEmpty()) {
            return;
        }
        Instant earliest = written.stream().map(Counted::recordedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant latest = written.stream().map(Counted::recordedAt).max(Comparator.naturalOrder()).orElseThrow();
        jdbc.execute((Connection c) -> {
            int checkpoint;
            long movementsAfter;
            int keys;
            boolean late;
            boolean advances;
            try (PreparedStatement count = c.prepareStatement(COUNT)) {
                count.setLong(1, written.size());
                count.setTimestamp(2, Timestamp.from(earliest));
                count.setTimestamp(3, Timestamp.from(latest));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    checkpoint = rs.getInt(1);
                    movementsAfter = rs.getLong(2);
                    keys = rs.getInt(3);
                    late = rs.getBoolean(4);
                    advances = rs.getBoolean(5);
                }
            }
            if (late) {
                try (PreparedStatement add = c.prepareStatement(ADD_LATE)) {
                    ArrayParameters.bind(c, add, 1, "int4", written, Counted::keyId);
                    ArrayParameters.bind(c, add, 2, "int8", written, Counted::amount);
                    ArrayParameters.bind(c, add, 3, "varchar", written, m -> m.recordedAt().toString());
                    add.executeUpdate();
                }
            }
            if (advances && movementsAfter >= Math.max(minimumMovements, (long) movementsPerKey * keys)) {
                write(c, checkpoint, Timestamp.from(latest));
            }
            return null;
        });
    }

    /** The next checkpoint, at the latest recorded time of the batch that made it due. */
    private static void write(Connection c, int latest, Timestamp through) throws SQLException {
        try (PreparedStatement write = c.prepareStatement(WRITE)) {
            write.setInt(1, latest);
            write.setInt(2, latest + 1);
            write.setInt(3, latest);
            write.setTimestamp(4, through);
            write.setInt(5, latest + 1);
            write.setTimestamp(6, through);
            write.executeUpdate();
        }
    }

    @Override
    public String toString() {
        return "KnownCheckpoints(every " + minimumMovements + " movements, " + movementsPerKey + " per key)";
    }

    /** Empties them, for a replay of the journal from the start. */
    static void reset(JdbcTemplate jdbc) {
        jdbc.update("DELETE FROM rm_known_sum");
        jdbc.update("DELETE FROM rm_known_checkpoint WHERE checkpoint > 0");
        jdbc.update("UPDATE rm_known_checkpoint SET movements_after = 0, keys = 0");
    }

    /**
     * The sums per key ({@code key_id, amount}) of the movements recorded at or before
     * {@code knownAt}: the latest checkpoint at or before it and the journal after that checkpoint.
     * Appends the parameters to {@code args}.
     */
    static String sumsKnownAt(Timestamp knownAt, List<Object> args) {
        args.addAll(List.of(knownAt, knownAt));
        return "WITH c AS (SELECT checkpoint, known_through FROM rm_known_checkpoint WHERE known_through <= ?"
                + " ORDER BY checkpoint DESC LIMIT 1)"
                + " SELECT key_id, sum(amount) AS amount FROM ("
                + "SELECT key_id, amount FROM rm_known_sum WHERE checkpoint = (SELECT checkpoint FROM c)"
                + " UNION ALL SELECT key_id, amount FROM rm_movement m"
                + " WHERE m.recorded_at > (SELECT known_through FROM c) AND m.recorded_at <= ?) u GROUP BY 1";
    }
}
