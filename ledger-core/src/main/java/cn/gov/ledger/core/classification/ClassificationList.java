package cn.gov.ledger.core.classification;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The loaded code list of one kind and fiscal year (identifier e.g. {@code functional@2025}): each
 * load is an event in the event store, so it is in the hash chain and the audit trail.
 */
public class ClassificationList {

    @AggregateIdentifier
    private String listId;

    protected ClassificationList() {
        // for Axon: created by the first load, rebuilt from the events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(LoadClassificationList command) {
        apply(new ClassificationListLoaded(command.fiscalYear(), command.kind(), command.codes(), command.loadedBy()));
    }

    @EventSourcingHandler
    void on(ClassificationListLoaded event) {
        listId = event.kind().listId(event.fiscalYear());
    }
}
