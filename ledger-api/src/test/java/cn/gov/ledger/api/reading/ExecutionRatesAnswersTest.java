package cn.gov.ledger.api.reading;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An answer is kept only for its sequence, for a few seconds, and only when small and there is room. */
class ExecutionRatesAnswersTest {

    private final AtomicLong ticker = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutionRatesAnswers answers = new ExecutionRatesAnswers(2, meters, ticker::get);
    private final AtomicInteger computations = new AtomicInteger();

    @Test
    void keepsAnAnswerForPollsAtTheSameSequence() {
        Map<String, Object> first = answers.answer(7, "a", () -> answerOf(1));
        assertThat(answers.answer(7, "a", () -> answerOf(1))).isSameAs(first);
        assertThat(computations).hasValue(1);
        assertThat(meters.get("ledger.reads.execution.rates").tag("answer", "kept").counter().count()).isEqualTo(1);
        assertThat(meters.get("ledger.reads.execution.rates").tag("answer", "computed").counter().count()).isEqualTo(1);
    }

    @Test
    void computesAgainWhenTheReadModelMovesOnOrBack() {
        answers.answer(7, "a", () -> answerOf(1));
        answers.answer(8, "a", () -> answerOf(1));
        assertThat(computations).hasValue(2);
        // a rebuild: lower sequences are computed and not kept, and what was kept at 8 is gone
        answers.answer(3, "a", () -> answerOf(1));
        answers.answer(3, "a", () -> answerOf(1));
        answers.answer(8, "a", () -> answerOf(1));
        assertThat(computations).hasValue(5);
    }

    @Test
    void keepsAnAnswerForAFewSecondsOnly() {
        answers.answer(7, "a", () -> answerOf(1));
        ticker.addAndGet(ExecutionRatesAnswers.KEPT_FOR.toNanos() - 1);
        answers.answer(7, "a", () -> answerOf(1));
        assertThat(computations).hasValue(1);
        ticker.addAndGet(1);
        answers.answer(7, "a", () -> answerOf(1));
        answers.answer(7, "a", () -> answerOf(1));
        assertThat(computations).as("computed again after the time, then kept anew").hasValue(2);
    }

    @Test
    void keepsNoLargeAnswers() {
        answers.answer(7, "large", () -> answerOf(ExecutionRatesAnswers.MAX_ROWS + 1));
        answers.answer(7, "large", () -> answerOf(ExecutionRatesAnswers.MAX_ROWS + 1));
        assertThat(computations).hasValue(2);
        answers.answer(7, "small", () -> answerOf(ExecutionRatesAnswers.MAX_ROWS));
        answers.answer(7, "small", () -> answerOf(ExecutionRatesAnswers.MAX_ROWS));
        assertThat(computations).hasValue(3);
    }

    @Test
    void keepsNoMoreAnswersThanItsCapacity() {
        List<String> questions = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        questions.forEach(question -> answers.answer(7, question, () -> answerOf(1)));
        questions.forEach(question -> answers.answer(7, question, () -> answerOf(1)));
        assertThat(meters.get("ledger.reads.execution.rates").tag("answer", "kept").counter().count())
                .as("only the two answers kept after the first round can be found in the second")
                .isLessThanOrEqualTo(2.0);
    }

    @Test
    void keepsNothingWithNoCapacity() {
        ExecutionRatesAnswers none = new ExecutionRatesAnswers(0, meters, ticker::get);
        none.answer(7, "a", () -> answerOf(1));
        none.answer(7, "a", () -> answerOf(1));
        assertThat(computations).hasValue(2);
    }

    private Map<String, Object> answerOf(int rows) {
        computations.incrementAndGet();
        Map<String, Object> answer = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>(Collections.nCopies(rows, Map.of("key", Map.of())));
        answer.put("rows", list);
        return answer;
    }
}
