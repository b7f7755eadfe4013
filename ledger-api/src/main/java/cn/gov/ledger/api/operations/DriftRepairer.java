package cn.gov.ledger.api.operations;

import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.projections.balance.BalanceProjection;
import cn.gov.ledger.projections.reconciliation.Drift;
import cn.gov.ledger.projections.reconciliation.DriftDetector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keeps the read models from drifting silently: runs the {@link DriftDetector} every
 * {@code ledger.reconciliation.interval} and on demand ({@code POST /api/v1/operations/reconciliation}),
 * and when events are missing repairs the read models by replay: the "balances" processor is stopped, its tokens reset (BalanceProjection's reset handler
 * empties its tables), started again, and once it has caught up with the event store the read
 * models are checked again.
 *
 * <p>Exposes {@code ledger.readmodel.drift} (what the last check found missing), the counter
 * {@code ledger.readmodel.repairs} (by {@code outcome}), and the state for the {@code readModels}
 * health indicator. One run at a time: a run waits for the one in progress.
 */
@Service
public class DriftRepairer {

    private static final Logger log = LoggerFactory.getLogger(DriftRepairer.class);
    private static final long POLL_MILLIS = 100;

    /** Where the read models stand after a run. */
    public enum State {
        /** the last check found nothing missing */
        CONSISTENT,
        /** the last check found drift, and no repair was asked for */
        DRIFTED,
        /** drift was found and the read models are being replayed */
        REPAIRING,
        /** drift was found, replayed, and the check after the replay found nothing missing */
        REPAIRED,
        /** drift was found and the repair did not end in a consistent check */
        REPAIR_FAILED
    }

    /**
     * @param replayedUpTo the newest event in the store when the replay started: the replay waited for it
     * @param caughtUp     whether the processor reached it within {@code catch-up-timeout}
     * @param after        the check after the replay, if it caught up
     * @param failure      why the repair did not succeed, or null
     */
    public record Repair(Instant startedAt, long replayedUpTo, Duration took, boolean caughtUp, Drift after,
                         String failure) {
    }

    /** One run: what the check found and, if it repaired, how that went. */
    public record Outcome(State state, Drift found, Repair repair) {
        public boolean healthy() {
            return state == State.CONSISTENT || state == State.REPAIRED;
        }
    }

    private final DriftDetector detector;
    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final LedgerProperties.Reconciliation settings;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicLong drift = new AtomicLong();
    private final Counter repaired;
    private final Counter failed;
    private volatile Outcome last;

    public DriftRepairer(DriftDetector detector, EventProcessingConfiguration processing,
                               JdbcTemplate jdbc, LedgerProperties properties, MeterRegistry meters) {
        this.detector = detector;
        this.processing = processing;
        this.jdbc = jdbc;
        this.settings = properties.reconciliation();
        Gauge.builder("ledger.readmodel.drift", drift, AtomicLong::doubleValue)
                .description("Events the read models lacked at the last check (plus, for a deep check, "
                        + "indicators whose sums differed); 0 once repaired")
                .register(meters);
        this.repaired = repairs(meters, "repaired");
        this.failed = repairs(meters, "failed");
    }

    private static Counter repairs(MeterRegistry meters, String outcome) {
        return Counter.builder("ledger.readmodel.repairs")
                .description("Repairs of the read models by replay, by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }

    /** The last run's outcome, or null before the first check. */
    public Outcome last() {
        return last;
    }

    public LedgerProperties.Reconciliation settings() {
        return settings;
    }

    @Scheduled(fixedDelayString = "${ledger.reconciliation.interval:5m}",
            initialDelayString = "${ledger.reconciliation.interval:5m}")
    void onSchedule() {
        try {
            reconcile(settings.repair(), false);
        } catch (RuntimeException e) {
            log.error("The scheduled reconciliation of the read models failed", e);
        }
    }

    /**
     * Compares the read models with the event store and, if something is missing and
     * {@code repair} is set, replays them and checks again.
     *
     * @param deep also compare every indicator's figures with the sums of its events (reads every payload)
     */
    public Outcome reconcile(boolean repair, boolean deep) {
        running.lock();
        try {
            Drift found = detector.check(deep);
            drift.set(found.total());
            if (!found.drifted()) {
                return remember(new Outcome(State.CONSISTENT, found, null));
            }
            log.warn("The read models have drifted from the event store: missing events {} (movements {}, "
                            + "closures {}), the first at global index {}; indicators whose sums differ: {}; "
                            + "checked up to {}; {}",
                    found.missingEvents(), found.missingMovements(), found.missingClosures(), found.firstMissing(),
                    found.deep() ? found.mismatchedIndicators() + " " + found.firstMismatched() : "not compared",
                    found.checkedUpTo(), repair ? "repairing by replay" : "not repairing");
            if (!repair) {
                return remember(new Outcome(State.DRIFTED, found, null));
            }
            remember(new Outcome(State.REPAIRING, found, null));
            Repair done = replay(deep);
            if (done.after() != null) {
                drift.set(done.after().total());
            }
            State state = done.failure() == null ? State.REPAIRED : State.REPAIR_FAILED;
            (state == State.REPAIRED ? repaired : failed).increment();
            if (state == State.REPAIRED) {
                log.info("The read models were replayed up to {} in {} ms and agree with the event store again",
                        done.replayedUpTo(), done.took().toMillis());
            } else {
                log.error("The repair of the read models failed: {}", done.failure());
            }
            return remember(new Outcome(state, found, done));
        } finally {
            running.unlock();
        }
    }

    private Outcome remember(Outcome outcome) {
        last = outcome;
        return outcome;
    }

    private Repair replay(boolean deep) {
        Instant started = Instant.now();
        long head = jdbc.queryForObject("SELECT COALESCE(max(global_index), -1) FROM domain_event_entry", Long.class);
        StreamingEventProcessor processor = processing.eventProcessor(BalanceProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElse(null);
        if (processor == null) {
            return new Repair(started, head, Duration.between(started, Instant.now()), false, null,
                    "no streaming processor '" + BalanceProjection.PROCESSING_GROUP + "'");
        }
        String failure = null;
        try {
            processor.shutDown();
            // every segment must be unclaimed: on several nodes, the others' processors hold theirs
            processor.resetTokens();
        } catch (RuntimeException e) {
            log.error("Could not reset the '{}' processor", BalanceProjection.PROCESSING_GROUP, e);
            failure = "the reset failed: " + e.getMessage();
        } finally {
            processor.start();
        }
        if (failure != null) {
            return new Repair(started, head, Duration.between(started, Instant.now()), false, null, failure);
        }
        long deadline = System.nanoTime() + settings.catchUpTimeout().toNanos();
        while (!caughtUp(head)) {
            if (System.nanoTime() > deadline) {
                return new Repair(started, head, Duration.between(started, Instant.now()), false, null,
                        "the replay did not reach " + head + " within " + settings.catchUpTimeout()
                                + "; it goes on, and the next check tells");
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Repair(started, head, Duration.between(started, Instant.now()), false, null,
                        "interrupted while waiting for the replay");
            }
        }
        Drift after = detector.check(deep);
        return new Repair(started, head, Duration.between(started, Instant.now()), true, after,
                after.drifted() ? after.total() + " still missing after the replay" : null);
    }

    /**
     * The replay has handled every event up to the head of the store. (Its replay token remains
     * until the first event after the reset's position, which may be a long time on a quiet ledger.)
     */
    private boolean caughtUp(long head) {
        return detector.coverage().coveredUpTo() >= head;
    }

    // ------------------------------------------------------------------ views for the API and the health

    static Map<String, Object> describe(Outcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", outcome.state());
        body.putAll(describe(outcome.found()));
        Repair repair = outcome.repair();
        if (repair != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("startedAt", repair.startedAt());
            r.put("replayedUpTo", repair.replayedUpTo());
            r.put("tookMillis", repair.took().toMillis());
            r.put("caughtUp", repair.caughtUp());
            r.put("failure", repair.failure());
            r.put("after", repair.after() == null ? null : describe(repair.after()));
            body.put("repair", r);
        }
        return body;
    }

    static Map<String, Object> describe(Drift drift) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checkedAt", drift.checkedAt());
        body.put("checkedUpTo", drift.checkedUpTo());
        body.put("inFlight", drift.inFlight());
        body.put("replaying", drift.replaying());
        body.put("missingEvents", drift.missingEvents());
        body.put("missingMovements", drift.missingMovements());
        body.put("missingClosures", drift.missingClosures());
        body.put("firstMissing", drift.firstMissing());
        body.put("deep", drift.deep());
        if (drift.deep()) {
            body.put("mismatchedIndicators", drift.mismatchedIndicators());
            body.put("firstMismatched", drift.firstMismatched());
        }
        body.put("tookMillis", drift.took().toMillis());
        return body;
    }
}
