package cn.gov.ledger.projections.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
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
 * <p>Events are known by their identifier, not by the tracking token's position: an event that
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
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(uow -> append(batch.identifiers, batch.lowest, batch.highest));
            return batch;
        }).add(event);
    }

    @ResetHandler
    void keepTheChainOnReset() {
        // deliberately empty: deleting links would erase the evidence the chain exists for
    }

    /** Links the stored events with these identifiers that are not linked yet; a repeat changes nothing. */
    public void append(Collection<String> eventIdentifiers) {
        append(eventIdentifiers, Long.MAX_VALUE, Long.MIN_VALUE);
    }

    private void append(Collection<String> eventIdentifiers, long lowestDelivered, long highestDelivered) {
        List<StoredEvent> events = read(eventIdentifiers, lowestDelivered, highestDelivered);
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
        // its statistics, PostgreSQL may plan the range as a scan of the whole table.
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

        List<NewLink> inserts = new ArrayList<>();
        List<Link> relinks = new ArrayList<>();
        NavigableMap<Long, Object> walk = new TreeMap<>(linked);
        walk.putAll(unlinked);
        for (Object next : walk.values()) {
            if (next instanceof StoredEvent event) {
                String hash = ChainHash.link(previous, event);
                inserts.add(new NewLink(event.globalIndex(), event.eventIdentifier(), hash, previous));
                previous = hash;
            } else if (next instanceof Link link) {
                previous = follow(link, previous, relinks);
            }
        }
        if (!relinks.isEmpty()) {
            log.info("{} event(s) committed after later events were chained; {} link(s) above them linked again",
                    inserts.size(), relinks.size());
        }
        insert(inserts);
        jdbc.batchUpdate("UPDATE event_chain SET hash = ?, previous_hash = ? WHERE global_index = ?",
                relinks.stream().map(l -> new Object[] {l.hash(), l.previousHash(), l.globalIndex()}).toList());
    }

    /**
     * The stored rows of these events, in global order. Each event but a late one was delivered at
     * its own global index, so they lie between the lowest and highest index delivered: one range of
     * the primary key, cheaper than a lookup by identifier per row. The rest, and all of a range far
     * wider than the batch, by identifier.
     */
    private List<StoredEvent> read(Collection<String> eventIdentifiers, long lowest, long highest) {
        Set<String> missing = new HashSet<>(eventIdentifiers);
        List<StoredEvent> events = new ArrayList<>(eventIdentifiers.size());
        if (lowest <= highest && highest - lowest < 2L * eventIdentifiers.size() + 1000) {
            jdbc.query(EVENTS + "e.global_index BETWEEN ? AND ?", rs -> {
                StoredEvent event = StoredEvent.read(rs);
                if (missing.remove(event.eventIdentifier())) {
                    events.add(event);
                }
            }, lowest, highest);
        }
        if (!missing.isEmpty()) {
            events.addAll(jdbc.query(EVENTS + "e.event_identifier = ANY (?)", (rs, n) -> StoredEvent.read(rs),
                    (Object) missing.toArray(String[]::new)));
        }
        events.sort(Comparator.comparingLong(StoredEvent::globalIndex));
        return events;
    }

    /**
     * Writes new links in one statement of arrays. A plain insert: the batch's links from its lowest
     * event on were read above, so none of these exists; were one written meanwhile by another node,
     * the batch fails on the key and is retried. ({@code ON CONFLICT DO NOTHING} would insert each
     * row speculatively, which costs more.)
     */
    private void insert(List<NewLink> links) {
        if (links.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO event_chain (global_index, event_identifier, hash, previous_hash)
                SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[])""",
                links.stream().mapToLong(NewLink::globalIndex).toArray(),
                links.stream().map(NewLink::eventIdentifier).toArray(String[]::new),
                links.stream().map(NewLink::hash).toArray(String[]::new),
                links.stream().map(NewLink::previousHash).toArray(String[]::new));
    }

    /**
     * An existing link after {@code previous}: as it is when it follows it, else (a late event was
     * linked below it) linked again onto it, provided it verifies as it stood. Answers its hash.
     */
    private String follow(Link link, String previous, List<Link> relinks) {
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
        relinks.add(new Link(link.globalIndex(), hash, previous));
        return hash;
    }

    /** The events of one processing batch, and the lowest and highest index they were delivered at. */
    private static final class Batch {
        final List<String> identifiers = new ArrayList<>();
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;

        void add(EventMessage<?> event) {
            identifiers.add(event.getIdentifier());
            if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken().position().isPresent()) {
                long position = tracked.trackingToken().position().getAsLong();
                lowest = Math.min(lowest, position);
                highest = Math.max(highest, position);
            }
        }
    }

    /** A row of event_chain as stored. */
    private record Link(long globalIndex, String hash, String previousHash) {
    }

    /** A row of event_chain to insert. */
    private record NewLink(long globalIndex, String eventIdentifier, String hash, String previousHash) {
    }
}
