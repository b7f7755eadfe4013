package cn.gov.ledger.api.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's message metrics for the command bus, the event store and each event processor, as
 * counters under axon-micrometer's names ({@code commandBus.successCounter},
 * {@code eventStore.ingestedCounter}, {@code balances.processedCounter}, ...) and each processor's
 * {@code latency} gauge, in place of axon-micrometer's own monitors
 * ({@code axon.metrics.auto-configuration.enabled: false}). Those also keep a timer with
 * percentile histograms and a capacity reservoir per component, and look every meter up in the
 * registry, and parse the event's timestamp, for every message: 17 % of the service's CPU samples
 * under batch postings (JFR, 1,000 expenditures per request), more than the aggregate's own work.
 * Here a message costs a few counter increments.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMetricsConfiguration {

    @Bean
    ConfigurerModule axonMessageMetrics(MeterRegistry registry) {
        return configurer -> configurer.configureMessageMonitor(c -> (componentType, componentName) -> {
            if (EventProcessor.class.isAssignableFrom(componentType)) {
                return new ProcessorMonitor(registry, componentName);
            }
            if (CommandBus.class.isAssignableFrom(componentType) || EventBus.class.isAssignableFrom(componentType)) {
                return new CountingMonitor(registry, componentName);
            }
            return NoOpMessageMonitor.instance();
        });
    }

    /** Messages ingested, and of those succeeded, failed or ignored, and processed (any of the three). */
    private static class CountingMonitor implements MessageMonitor<Message<?>> {

        private final Counter ingested;
        private final Counter succeeded;
        private final Counter failed;
        private final Counter ignored;
        private final Counter processed;
        private final MonitorCallback callback = new MonitorCallback() {
            @Override
            public void reportSuccess() {
                succeeded.increment();
                processed.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                failed.increment();
                processed.increment();
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
                processed.increment();
            }
        };

        CountingMonitor(MeterRegistry registry, String component) {
            ingested = registry.counter(component + ".ingestedCounter");
            succeeded = registry.counter(component + ".successCounter");
            failed = registry.counter(component + ".failureCounter");
            ignored = registry.counter(component + ".ignoredCounter");
            processed = registry.counter(component + ".processedCounter");
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            ingested.increment();
            return callback;
        }
    }

    /**
     * The counters, and the {@code latency} gauge: milliseconds between the last event's timestamp
     * and its arrival at the processor. The timestamp is parsed when the gauge is read, not per event.
     */
    private static final class ProcessorMonitor extends CountingMonitor {

        private record Arrival(EventMessage<?> event, long atMillis) {
        }

        private volatile Arrival last;

        ProcessorMonitor(MeterRegistry registry, String processor) {
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
}
