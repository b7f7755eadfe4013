package cn.gov.ledger.core.indicator;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;

/**
 * Test support: the domain wired to Axon's real {@link EventSourcingRepository} over an
 * {@link EmbeddedEventStore} with an {@link InMemoryEventStorageEngine}. Every command runs in its
 * own {@link DefaultUnitOfWork}, which is committed when the command is accepted and rolled back
 * when it is rejected, as Axon's command bus would do.
 */
final class InMemoryLedger implements AutoCloseable {

    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
    private final EventSourcingRepository<BudgetIndicator> repository;
    private final AggregateAnnotationCommandHandler<BudgetIndicator> indicatorCommands;
    private final BudgetTransfers transfers;
    private final YearEndCarryForward yearEnd;
    private final ExpenditureMoves moves;

    InMemoryLedger() {
        this(false);
    }

    /** @param acrossKindsAllowed whether transfers that ask for it may cross kinds of expenditure */
    InMemoryLedger(boolean acrossKindsAllowed) {
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(BudgetIndicator.class),
                new SimpleResourceParameterResolverFactory(List.of(Fixtures.CLASSIFICATIONS, Fixtures.OPEN_YEARS)));
        repository = EventSourcingRepository.builder(BudgetIndicator.class)
                .eventStore(eventStore)
                .parameterResolverFactory(resolvers)
                .build();
        indicatorCommands = AggregateAnnotationCommandHandler.<BudgetIndicator>builder()
                .aggregateType(BudgetIndicator.class)
                .repository(repository)
                .parameterResolverFactory(resolvers)
                .build();
        transfers = new BudgetTransfers(repository, acrossKindsAllowed);
        yearEnd = new YearEndCarryForward(repository);
        moves = new ExpenditureMoves(repository, eventStore, Fixtures.OPEN_YEARS);
    }

    /**
     * Handles one command in its own unit of work.
     *
     * @return the rejection, empty when the command was accepted and its events committed
     */
    Optional<LedgerRejection> send(Object command) {
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork =
                DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage(command));
        try {
            dispatch(command);
        } catch (LedgerRejection rejection) {
            unitOfWork.rollback(rejection);
            return Optional.of(rejection);
        } catch (Exception e) {
            unitOfWork.rollback(e);
            throw new AssertionError("command " + command + " failed unexpectedly", e);
        }
        unitOfWork.commit();
        return Optional.empty();
    }

    /** Sends a command that the test needs to succeed. */
    void accept(Object command) {
        send(command).ifPresent(rejection -> {
            throw new AssertionError("command " + command + " was rejected: " + rejection.reason()
                    + " (" + rejection.getMessage() + ")", rejection);
        });
    }

    /** Sends a command that the test expects to be refused and returns the reason. */
    RejectionReason reject(Object command) {
        return send(command)
                .orElseThrow(() -> new AssertionError("command " + command + " was accepted"))
                .reason();
    }

    private void dispatch(Object command) throws Exception {
        if (command instanceof TransferBudget transfer) {
            transfers.handle(transfer);
        } else if (command instanceof CarryForward carryForward) {
            yearEnd.handle(carryForward);
        } else if (command instanceof MoveExpenditure move) {
            moves.handle(move);
        } else {
            // the aggregate's own @CommandHandlers, resolved as Axon's command bus resolves them
            indicatorCommands.handle(GenericCommandMessage.asCommandMessage(command));
        }
    }

    /** The stored events of one indicator, in order. */
    List<IndicatorEvent> events(String indicatorId) {
        return eventStore.readEvents(indicatorId).asStream()
                .map(message -> (IndicatorEvent) message.getPayload())
                .toList();
    }

    /** Every stored event of every indicator, in the order they were stored. */
    List<Object> allEvents() {
        return engine.readEvents(null, false).map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    /** What the stored events of an indicator add up to, as the audit replay computes it. */
    IndicatorState replay(String indicatorId) {
        return IndicatorState.replay(events(indicatorId));
    }

    /**
     * The state the live aggregate holds after loading it through the repository, as it decides the
     * next command. Read in a unit of work that is rolled back, so nothing can be written.
     */
    IndicatorState liveState(String indicatorId) {
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork =
                DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("read " + indicatorId));
        try {
            return repository.load(indicatorId).invoke(InMemoryLedger::stateOf);
        } finally {
            unitOfWork.rollback();
        }
    }

    private static IndicatorState stateOf(BudgetIndicator indicator) {
        Field field = Arrays.stream(BudgetIndicator.class.getDeclaredFields())
                .filter(f -> f.getType() == IndicatorState.class)
                .findFirst()
                .orElseThrow(() -> new AssertionError("BudgetIndicator keeps no IndicatorState"));
        try {
            field.setAccessible(true);
            return (IndicatorState) field.get(indicator);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        eventStore.shutDown();
    }
}
