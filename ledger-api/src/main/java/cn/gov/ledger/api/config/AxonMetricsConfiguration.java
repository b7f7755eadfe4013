package cn.gov.ledger.api.config;

import cn.gov.ledger.api.infrastructure.axon.CountingMonitor;
import cn.gov.ledger.api.infrastructure.axon.ProcessorMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's message metrics for the command bus, the event store and each event processor, as
 * counters under axon-micrometer's names ({@code commandBus.successCounter},
 * {@code eventStore.ingestedCounter}, {@code balances.processedCounter}, ...) and each processor's
 * {@code latency} gauge. The ledger's own monitors rather than axon-micrometer's, which keep a
 * timer with percentile histograms per component and cost more per message than the aggregate's
 * own work.
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
}
