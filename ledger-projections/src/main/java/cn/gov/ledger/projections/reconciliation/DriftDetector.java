package cn.gov.ledger.projections.reconciliation;

import cn.gov.ledger.core.indicator.CarriedForward;
import cn.gov.ledger.core.indicator.FigureMovements;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the read models of the "balances" processor ({@code rm_movement}, {@code rm_indicator})
 * with the event store, so that an event the processor skipped cannot go unnoticed. A streaming
 * processor on a relational event store can pass over an event whose transaction committed after
 * the processor had given up waiting for it (Axon's gap timeout, AxonFramework issues 4829 and
 * 2958); the token then says "covered" while the read model lacks the event.
 *
 * <p>Up to the position the processor's token has reached, leaving out the token's gaps (events it
 * still waits for), every figure-changing event must have its row in {@code rm_movement} (keyed by
 * the event's identifier) and every CarriedForward must have closed its indicator. Both are found by
 * one anti-join of the events' identifiers with the movements' primary key, streamed, which parses
 * no payload; only its few hits (the CarriedForward events and any missing ones) are then looked up
 * by global index. A deep check ({@link DeepCheck}) also compares the sums of the movements with
 * the events and with what is pre-summed from them.
 */
public class DriftDetector {

    /** The events that write one row each to {@code rm_movement} (BalanceProjection). */
    static final Set<String> MOVEMENT_EVENTS = FigureMovements.movingEvents().stream().map(Class::getName)
            .collect(Collectors.toUnmodifiableSet());

    /** The event that closes its indicator in {@code rm_indicator}. */
    private static final String CLOSURE_EVENT = CarriedForward.class.getName();

    private static final int SAMPLE = 10;
    private static final int LOOKUP_BATCH = 1_000;
    static final int FETCH_SIZE = 10_000;

    private static final String UNMATCHED = """
            SELECT d.global_index FROM domain_event_entry d
            WHERE d.global_index <= ?
              AND NOT EXISTS (SELECT 1 FROM rm_movement m WHERE m.event_id = d.event_identifier)
            ORDER BY d.global_index""";

    private static final String CLASSIFY = """
            SELECT d.global_index, d.payload_type, i.closed_on IS NOT NULL AS closed
            FROM domain_event_entry d LEFT JOIN rm_indicator i ON i.indicator_id = d.aggregate_identifier
            WHERE d.global_index = ANY (?)
            ORDER BY d.global_index""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final Serializer serializer;
    private final String processorName;
    private final DeepCheck deepCheck;

    /**
     * @param transactions  the transactions of the database that holds the event store, the token
     *                      store and the read models
     * @param serializer    the serializer of the token store and the events
     * @param processorName the processor that keeps the read models ("balances")
     */
    public DriftDetector(JdbcTemplate jdbc, PlatformTransactionManager transactions, Serializer serializer,
                                   String processorName) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processorName = processorName;
        this.deepCheck = new DeepCheck(jdbc, serializer);
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /**
     * Reads the processor's coverage and checks the read models up to it, all in one snapshot of
     * the database: the token and the rows it wrote with it are committed together, so what the
     * token covers and the read models agree unless an event was skipped.
     */
    public Drift check(boolean deep) {
        return snapshot.execute(status -> check(coverage(), deep));
    }

    /** The processor's coverage, from its tokens. */
    public ProcessorCoverage coverage() {
        List<TrackingToken> tokens = jdbc.query(
                "SELECT token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment", (rs, n) -> {
                    byte[] bytes = rs.getBytes("token");
                    return bytes == null ? null : serializer.<byte[], TrackingToken>deserialize(
                            new SimpleSerializedObject<>(bytes, byte[].class, rs.getString("token_type"), null));
                }, processorName);
        if (tokens.isEmpty()) {
            return new ProcessorCoverage(-1, new TreeSet<>(), false, 0);
        }
        long coveredUpTo = Long.MAX_VALUE;
        boolean replaying = false;
        SortedSet<Long> gaps = new TreeSet<>();
        for (TrackingToken token : tokens) {
            // a reset's replay token (it may wrap another) stays until the first event after the
            // reset's position; what the read models have is its current token
            while (token instanceof ReplayToken replay) {
                replaying = true;
                token = replay.getCurrentToken();
            }
            coveredUpTo = Math.min(coveredUpTo, token == null ? -1 : token.position().orElse(-1));
            if (token instanceof GapAwareTrackingToken gapAware) {
                gaps.addAll(gapAware.getGaps());
            }
        }
        return new ProcessorCoverage(coveredUpTo, gaps, replaying, tokens.size());
    }

    /**
     * Checks the read models against the events the given coverage says were handled. Call it in
     * a transaction of its own (as {@link #check(boolean)} does) for a consistent answer.
     */
    public Drift check(ProcessorCoverage coverage, boolean deep) {
        Instant started = Instant.now();
        long upTo = coverage.coveredUpTo();
        SortedSet<Long> inFlight = coverage.gaps().headSet(upTo + 1);

        // 1. events without a movement row: an anti-join of the two primary keys, streamed
        LongList unmatched = new LongList();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(UNMATCHED);
            statement.setFetchSize(FETCH_SIZE);
            statement.setLong(1, upTo);
            return statement;
        }, rs -> {
            long index = rs.getLong(1);
            if (!inFlight.contains(index)) {
                unmatched.add(index);
            }
        });

        // 2. of those (CarriedForward events, and any skipped), which should have had one
        long missingMovements = 0;
        long missingClosures = 0;
        List<Long> firstMissing = new ArrayList<>();
        for (int from = 0; from < unmatched.size(); from += LOOKUP_BATCH) {
            Long[] batch = unmatched.slice(from, Math.min(unmatched.size(), from + LOOKUP_BATCH));
            List<Unmatched> rows = jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement(CLASSIFY);
                statement.setArray(1, connection.createArrayOf("bigint", batch));
                return statement;
            }, (rs, n) -> new Unmatched(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
            for (Unmatched row : rows) {
                boolean missing = false;
                if (MOVEMENT_EVENTS.contains(row.payloadType())) {
                    missingMovements++;
                    missing = true;
                } else if (CLOSURE_EVENT.equals(row.payloadType()) && !row.indicatorClosed()) {
                    missingClosures++;
                    missing = true;
                }
                if (missing && firstMissing.size() < SAMPLE) {
                    firstMissing.add(row.globalIndex());
                }
            }
        }

        // 3. deep: each indicator's sums against its events', its year totals and the checkpoint
        Long mismatched = null;
        List<String> firstMismatched = new ArrayList<>();
        if (deep) {
            Set<String> mismatchedIds = deepCheck.mismatched(upTo, inFlight.toArray(Long[]::new));
            mismatched = (long) mismatchedIds.size();
            mismatchedIds.stream().limit(SAMPLE).forEach(firstMismatched::add);
        }
        return new Drift(upTo, inFlight.size(), coverage.replaying(), missingMovements, missingClosures,
                firstMissing, mismatched, firstMismatched, started, Duration.between(started, Instant.now()));
    }

    /** An event the anti-join found without a movement row. */
    private record Unmatched(long globalIndex, String payloadType, boolean indicatorClosed) {
    }

    /** A growable list of primitive longs: the unmatched events of a large ledger, without boxing them all. */
    private static final class LongList {
        private long[] values = new long[64];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        Long[] slice(int from, int to) {
            Long[] slice = new Long[to - from];
            for (int i = from; i < to; i++) {
                slice[i - from] = values[i];
            }
            return slice;
        }
    }
}
