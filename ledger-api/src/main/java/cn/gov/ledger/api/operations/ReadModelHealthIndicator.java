package cn.gov.ledger.api.operations;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code readModels}: whether the last reconciliation found the read models in step with the event
 * store. DOWN from a check that found events missing until a repair (or a later check) finds them
 * complete again; UNKNOWN before the first check. It reports the last run and does not check itself.
 */
@Component("readModels")
public class ReadModelHealthIndicator implements HealthIndicator {

    private final DriftRepairer repairer;

    public ReadModelHealthIndicator(DriftRepairer repairer) {
        this.repairer = repairer;
    }

    @Override
    public Health health() {
        DriftRepairer.Outcome last = repairer.last();
        if (last == null) {
            return Health.unknown()
                    .withDetail("state", "NOT_CHECKED_YET")
                    .withDetail("interval", repairer.settings().interval().toString())
                    .build();
        }
        return (last.healthy() ? Health.up() : Health.down())
                .withDetails(DriftRepairer.describe(last))
                .withDetail("interval", repairer.settings().interval().toString())
                .build();
    }
}
