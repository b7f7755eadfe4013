package cn.gov.ledger.api.infrastructure.axon;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Counts a component's messages under axon-micrometer's names: ingested, and of those succeeded,
 * failed or ignored, and processed (any of the three). A message costs a few counter increments.
 */
public class CountingMonitor implements MessageMonitor<Message<?>> {

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

    public CountingMonitor(MeterRegistry registry, String component) {
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
