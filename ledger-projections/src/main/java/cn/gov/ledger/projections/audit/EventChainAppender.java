package cn.gov.ledger.projections.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Chains every event of the event store, in global order, into {@code event_chain}: each link's
 * hash covers the event's stored row and the previous link's hash (see {@link ChainHash}).
 * Runs in a tracking processor of its own ({@value #PROCESSING_GROUP}), one segment, so links
 * are written one after the other and the balances are not slowed down. The events of a batch
 * are linked together when the batch commits, in its transaction, a few statements per batch.
 *
 * <p>Events are found by their identifier, not by the tracking token's position: an event that
 * commits after a later one (concurrent postings) is delivered late, as Axon fills the gap, and
 * then the token's position is the highest index seen, not the event's own. Such an event is
 * linked in its place and the links above it, written moments before, are linked again onto it,
 * each only if it verified as it stood.
 *
 * <p>The chain is evidence: a reset keeps every link, and a replay writes nothing.
 */
@ProcessingGroup(EventChainAppender.PROCESSING_GROUP)
@DisallowReplay
public class EventChainAppender {

    public static final String PROCESSING_GROUP = "event-chain";

    private static final Logger log = LoggerFactory.getLogger(EventChainAppender.class);

    private static final String BATCH = EventChainAppender.class.getName() + ".batch";
    private static final String EVENTS = "SELECT " + StoredEvent.columns("e") + " FROM domain_event_entry e WHERE ";

    private final JdbcTemplate jdbc;

    public EventChainAppender(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        if (!CurrentUnitOfWork.isStarted()) {
            append(List.of(event.getIdentifier()));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        List<String> identifiers = batch.getOrComputeResource(BATCH, key -> {
            List<String> collected = new ArrayList<>();
            batch.onPrepareCommit(uow -> append(collected));
            return collected;
        });
        identifiers.add(event.getIdentifier());
    }

    @ResetHandler
    void keepTheChainOnReset() {
        // deliberately empty: deleting links would erase the evidence the chain exists for
    }

    /** Links the stored events with these identifiers that are not linked yet; a repeat changes nothing. */
    public void append(Collection<String> eventIdentifiers) {
        List<StoredEvent> events = jdbc.query(EVENTS + "e.event_identifier = ANY (?) ORDER BY e.global_index",
                (rs, n) -> StoredEvent.read(rs), (Object) eventIdentifiers.toArray(String[]::new));
        if (events.size() < eventIdentifiers.size()) {
            log.warn("{} of {} events to chain are not in the event store", eventIdentifiers.size() - events.size(),
                    eventIdentifiers.size());
        }
        if (events.isEmpty()) {
            return;
        }
        long lowest = events.get(0).globalIndex();
        String previous = jdbc.queryForList(
                "SELECT hash FROM event_chain WHERE global_index < ? ORDER BY global_index DESC LIMIT 1", String.class,
                lowest).stream().findFirst().orElse(ChainHash.GENESIS);
        // Normally empty: links from the lowest event on exist only for a redelivered or a late event.
        // The head is looked up first (one probe of the primary key): on a table growing faster than
        // its statistics, PostgreSQL planned the range as a scan of the whole table, 10 ms and more a batch.
        NavigableMap<Long, Link> linked = new TreeMap<>();
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM event_chain", Long.class);
        if (head != null && head >= lowest) {
            jdbc.query("SELECT global_index, hash, previous_hash FROM event_chain WHERE global_index >= ?", rs -> {
                linked.put(rs.getLong("global_index"),
                        new Link(rs.getLong("global_index"), rs.getString("hash"), rs.getString("previous_hash")));
            }, lowest);
        }
        NavigableMap<Long, StoredEvent> unlinked = new TreeMap<>();
        events.stream().filter(e -> !linked.containsKey(e.globalIndex())).forEach(e -> unlinked.put(e.globalIndex(), e));

        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> relinks = new ArrayList<>();
        NavigableMap<Long, Object> walk = new TreeMap<>(linked);
        walk.putAll(unlinked);
        for (Object next : walk.values()) {
            if (next instanceof StoredEvent event) {
                String hash = ChainHash.link(previous, event);
                inserts.add(new Object[] {event.globalIndex(), event.eventIdentifier(), hash, previous});
                previous = hash;
            } else if (next instanceof Link link) {
                previous = follow(link, previous, relinks);
            }
        }
        if (!relinks.isEmpty()) {
            log.info("{} event(s) committed after later events were chained; {} link(s) above them linked again",
                    inserts.size(), relinks.size());
        }
        jdbc.batchUpdate("""
                INSERT INTO event_chain (global_index, event_identifier, hash, previous_hash) VALUES (?, ?, ?, ?)
                ON CONFLICT (global_index) DO NOTHING""", inserts);
        jdbc.batchUpdate("UPDATE event_chain SET hash = ?, previous_hash = ? WHERE global_index = ?", relinks);
    }

    /**
     * An existing link after {@code previous}: as it is when it follows it, else (a late event was
     * linked below it) linked again onto it, provided it verifies as it stood. Answers its hash.
     */
    private String follow(Link link, String previous, List<Object[]> relinks) {
        if (link.previousHash().equals(previous)) {
            return link.hash();
        }
        List<StoredEvent> event = jdbc.query(EVENTS + "e.global_index = ?", (rs, n) -> StoredEvent.read(rs),
                link.globalIndex());
        if (event.isEmpty() || !ChainHash.link(link.previousHash(), event.get(0)).equals(link.hash())) {
            log.error("chain link {} does not verify; it is left as it is for the verifier to report",
                    link.globalIndex());
            return link.hash();
        }
        String hash = ChainHash.link(previous, event.get(0));
        relinks.add(new Object[] {hash, previous, link.globalIndex()});
        return hash;
    }

    private record Link(long globalIndex, String hash, String previousHash) {
    }
}
