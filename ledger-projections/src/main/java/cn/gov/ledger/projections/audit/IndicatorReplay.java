package cn.gov.ledger.projections.audit;

import cn.gov.ledger.core.indicator.IndicatorEvent;
import cn.gov.ledger.core.indicator.IndicatorState;
import cn.gov.ledger.projections.balance.TimeSlice;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Rebuilds an indicator's state from its own events in the event store, ignoring snapshots and
 * every read model: the auditor's independent check of the figures the read models show.
 */
public class IndicatorReplay {

    private final EventStore eventStore;

    public IndicatorReplay(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The replayed state and how many events it took, or empty when the indicator has no events in the slice. */
    public Optional<Replayed> replay(String indicatorId, TimeSlice time) {
        DomainEventStream stream = eventStore.readEvents(indicatorId, 0);
        IndicatorState state = new IndicatorState();
        int events = 0;
        long lastSequence = -1;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (!(message.getPayload() instanceof IndicatorEvent event)) {
                continue;
            }
            if (time.asOf() != null && event.effectiveDate().isAfter(time.asOf())) {
                continue;
            }
            if (time.knownAt() != null && message.getTimestamp().isAfter(time.knownAt())) {
                continue;
            }
            state.apply(event);
            events++;
            lastSequence = message.getSequenceNumber();
        }
        return events == 0 ? Optional.empty() : Optional.of(new Replayed(state, events, lastSequence));
    }

    /** @param lastIndicatorSequence the indicator's own sequence number of the last event replayed */
    public record Replayed(IndicatorState state, int events, long lastIndicatorSequence) {
    }
}
