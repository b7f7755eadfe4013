package cn.gov.ledger.projections.unit;

import cn.gov.ledger.core.unit.UnitAttributes;
import cn.gov.ledger.core.unit.UnitEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Keeps unit_version from the units' events, twice over and idempotently (a version is keyed by its
 * unit and number): subscribed to the event store ({@link #subscribeTo}), it writes each version
 * when its event is published, in the event's transaction, so the next request sees it; as a
 * handler of the {@code balances} processor ("balances" is BalanceProjection.PROCESSING_GROUP) it
 * writes it again, which changes nothing unless the row was lost, and so a replay of the read models
 * rebuilds every unit's versions. The reset leaves the table as it is: postings check their unit
 * against it, and a replay must not refuse them while it runs.
 */
@ProcessingGroup("balances")
public class UnitVersionProjection implements Consumer<List<? extends EventMessage<?>>> {

    private final UnitVersions versions;

    public UnitVersionProjection(UnitVersions versions) {
        this.versions = versions;
    }

    /** Has the event store hand this projection every event it publishes, within the publishing transaction. */
    public void subscribeTo(EventStore eventStore) {
        eventStore.subscribe(this);
    }

    @Override
    public void accept(List<? extends EventMessage<?>> published) {
        for (EventMessage<?> message : published) {
            if (message.getPayload() instanceof UnitEvent event && message instanceof DomainEventMessage<?> domain) {
                // the event store keeps an event's time to the millisecond (Axon's DateTimeUtils): as a replay reads it
                on(event, domain.getSequenceNumber(), domain.getTimestamp().truncatedTo(ChronoUnit.MILLIS));
            }
        }
    }

    @EventHandler
    void on(UnitEvent event, @SequenceNumber long version, @Timestamp Instant recordedAt) {
        UnitAttributes a = event.attributes();
        versions.record(new UnitVersion(event.unitCode(), version, a.name(), a.departmentCode(), a.departmentName(),
                a.unitType(), a.parentUnitCode(), event.effectiveDate(), recordedAt));
    }
}
