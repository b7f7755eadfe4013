package cn.gov.ledger.api.reading;

import cn.gov.ledger.api.config.LedgerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The execution-rates answers computed at the read model's current sequence, by ETag: dashboards
 * poll the same questions, and until the next posting reaches the read model the polls after the
 * first get the answer already computed (a department by unit at 10^6 postings: ~20 ms computed).
 * Only answers of the sequence last seen are kept, so none outlives a change of the read model; a
 * lower sequence (the read models rebuilt) drops them all too. A rebuild that no poll watches ends
 * at the same sequence, with figures that may differ (it repairs drift), so an answer is also kept
 * for {@link #KEPT_FOR} at most. Answers of more than {@value #MAX_ROWS} rows (a department by
 * indicator is a report, not a poll) are not kept.
 */
@Component
class ExecutionRatesAnswers {

    static final int MAX_ROWS = 1_000;
    static final Duration KEPT_FOR = Duration.ofSeconds(5);

    private record Kept(Map<String, Object> answer, long keptAt) {
    }

    private final int capacity;
    private final LongSupplier nanoTime;
    private final Map<String, Kept> answers = new ConcurrentHashMap<>();
    private final Counter computed;
    private final Counter kept;
    private long sequence = -1;

    @Autowired
    ExecutionRatesAnswers(LedgerProperties properties, MeterRegistry meters) {
        this(properties.read().keptAnswers(), meters, System::nanoTime);
    }

    ExecutionRatesAnswers(int capacity, MeterRegistry meters, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        this.computed = meters.counter("ledger.reads.execution.rates", "answer", "computed");
        this.kept = meters.counter("ledger.reads.execution.rates", "answer", "kept");
    }

    /** The answer with this ETag at this sequence: kept, or computed now (and kept, when there is room). */
    Map<String, Object> answer(long sequence, String etag, Supplier<Map<String, Object>> compute) {
        if (!isCurrent(sequence)) {
            computed.increment();
            return compute.get();
        }
        long now = nanoTime.getAsLong();
        Kept known = answers.get(etag);
        if (known != null && now - known.keptAt() < KEPT_FOR.toNanos()) {
            kept.increment();
            return known.answer();
        }
        computed.increment();
        Map<String, Object> answer = Collections.unmodifiableMap(compute.get());
        if ((known != null || answers.size() < capacity) && ((List<?>) answer.get("rows")).size() <= MAX_ROWS) {
            synchronized (this) {
                if (this.sequence == sequence) {
                    answers.put(etag, new Kept(answer, now));
                }
            }
        }
        return answer;
    }

    /** Moves on to a higher sequence, dropping what was kept; false for a lower one (also dropping it). */
    private synchronized boolean isCurrent(long sequence) {
        if (sequence != this.sequence) {
            answers.clear();
            if (sequence < this.sequence) {
                return false;
            }
            this.sequence = sequence;
        }
        return true;
    }
}
