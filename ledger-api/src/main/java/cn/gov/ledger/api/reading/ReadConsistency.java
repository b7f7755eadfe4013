package cn.gov.ledger.api.reading;

import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.projections.position.ProjectionPosition;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes: a read that passes the {@code sequence} of a write waits, within
 * {@code ledger.read.max-wait}, until the read model has handled it.
 */
@Component
public class ReadConsistency {

    private static final Duration POLL = Duration.ofMillis(10);

    private final ProjectionPosition position;
    private final Duration maxWait;

    public ReadConsistency(ProjectionPosition position, LedgerProperties properties) {
        this.position = position;
        this.maxWait = properties.read().maxWait();
    }

    public void await(Long minSequence) {
        if (minSequence == null || minSequence <= 0) {
            return;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!position.covers(minSequence)) {
            if (System.nanoTime() > deadline) {
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "READ_MODEL_BEHIND",
                        "the read model has not reached sequence " + minSequence + " within " + maxWait + "; retry",
                        Map.of("minSequence", minSequence));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "READ_MODEL_BEHIND", "interrupted");
            }
        }
    }

    /** The sequence the read model has reached, reported with every read. */
    public long current() {
        return position.current().orElse(0);
    }
}
