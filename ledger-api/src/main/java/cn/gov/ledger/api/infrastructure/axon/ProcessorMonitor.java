package cn.gov.ledger.api.infrastructure.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;

/**
 * An event processor's counters ({@link CountingMonitor}) and its {@code latency} gauge:
 * milliseconds between the last event's timestamp and its arrival at the processor. The timestamp
 * is parsed when the gauge is read, not per event.
 */
public final class ProcessorMonitor extends CountingMonitor {

    private record Arrival(EventMessage<?> event, long atMillis) {
    }

    private volatile Arrival last;

    public ProcessorMonitor(MeterRegistry registry, String processor) {
        super(registry, processor);
        Gauge.builder(processor + ".latency", this, ProcessorMonitor::latencyMillis).register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        if (message instanceof EventMessage<?> event) {
            last = new Arrival(event, System.currentTimeMillis());
        }
        return super.onMessageIngested(message);
    }

    private double latencyMillis() {
        Arrival arrival = last;
        return arrival == null ? 0 : arrival.atMillis() - arrival.event().getTimestamp().toEpochMilli();
    }
}
