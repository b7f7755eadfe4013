package cn.gov.ledger.api.reading;

import cn.gov.ledger.api.config.LedgerProperties;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Execution-rates answers kept by question (ETag) and sequence: dashboards poll the same questions,
 * and until the next posting reaches the read model the polls after the first get the answer
 * already computed. A sequence lower than one seen before means the read models are being rebuilt:
 * everything kept is dropped and nothing is kept until they catch up. A rebuild that no poll watches
 * ends at the same sequence with figures that may differ (it repairs drift), so an answer is kept
 * for {@link #KEPT_FOR} at most. Answers of more than {@value #MAX_ROWS} rows (a department by
 * indicator is a report, not a poll) are not kept.
 */
@Component
class ExecutionRatesAnswers {

    static final int MAX_ROWS = 1_000;
    static final Duration KEPT_FOR = Duration.ofSeconds(5);

    private record Question(long sequence, String etag) {
    }

    private final Cache<Question, Map<String, Object>> answers;
    private final AtomicLong highestSequence = new AtomicLong(-1);
    private final Counter computed;
    private final Counter kept;

    @Autowired
    ExecutionRatesAnswers(LedgerProperties properties, MeterRegistry meters) {
        this(properties.read().keptAnswers(), meters, Ticker.systemTicker());
    }

    ExecutionRatesAnswers(int capacity, MeterRegistry meters, Ticker ticker) {
        // eviction and expiry run on the polling thread: a few dozen entries, and tests see them at once
        this.answers = Caffeine.newBuilder().maximumSize(capacity).expireAfterWrite(KEPT_FOR).ticker(ticker)
                .executor(Runnable::run).build();
        this.computed = meters.counter("ledger.reads.execution.rates", "answer", "computed");
        this.kept = meters.counter("ledger.reads.execution.rates", "answer", "kept");
    }

    /** The answer to this question at this sequence: kept, or computed now (and kept when small enough). */
    Map<String, Object> answer(long sequence, String etag, Supplier<Map<String, Object>> compute) {
        if (sequence < highestSequence.getAndAccumulate(sequence, Math::max)) {
            answers.invalidateAll();
            computed.increment();
            return compute.get();
        }
        Question question = new Question(sequence, etag);
        Map<String, Object> known = answers.getIfPresent(question);
        if (known != null) {
            kept.increment();
            return known;
        }
        computed.increment();
        Map<String, Object> answer = Collections.unmodifiableMap(compute.get());
        if (((List<?>) answer.get("rows")).size() <= MAX_ROWS) {
            answers.put(question, answer);
        }
        return answer;
    }
}
