package cn.gov.ledger.projections.position;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How far an event processor has come, read from the token store so that it holds on any node:
 * a read that passes {@code minSequence} waits until its read model covers that event.
 */
public class ProjectionPosition {

    static final Duration FRESH = Duration.ofMillis(50);

    private record Reading(OptionalLong position, long nanoTime) {
    }

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final String processorName;
    private volatile Reading lastReading;

    public ProjectionPosition(JdbcTemplate jdbc, Serializer serializer, String processorName) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processorName = processorName;
    }

    /** True when every segment of the processor has handled the event with this global sequence. */
    public boolean covers(long sequence) {
        List<TrackingToken> tokens = tokens();
        read(tokens);
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> covers(token, sequence));
    }

    /**
     * The global sequence every segment has reached (the lowest of the segments), if any: read at
     * most once per {@link #FRESH}, because dashboards ask for it with every poll (the ETag of
     * execution-rates) and a 304 should not cost a database round trip. It may lag the read model by
     * that much, never lead it. A read that must see a write waits with {@link #covers}, which
     * always reads the tokens and refreshes this.
     */
    public OptionalLong current() {
        Reading last = lastReading;
        if (last == null || System.nanoTime() - last.nanoTime() >= FRESH.toNanos()) {
            last = read(tokens());
        }
        return last.position();
    }

    private Reading read(List<TrackingToken> tokens) {
        OptionalLong position = tokens.isEmpty() ? OptionalLong.empty() : OptionalLong.of(
                tokens.stream().mapToLong(t -> t == null ? -1 : t.position().orElse(-1)).min().orElse(-1));
        Reading reading = new Reading(position, System.nanoTime());
        lastReading = reading;
        return reading;
    }

    private static boolean covers(TrackingToken token, long sequence) {
        if (token instanceof ReplayToken replay) {
            return covers(replay.getCurrentToken(), sequence);
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= sequence && !gapAware.getGaps().contains(sequence);
        }
        return token != null && token.position().orElse(-1) >= sequence;
    }

    private List<TrackingToken> tokens() {
        return jdbc.query("SELECT token, token_type FROM token_entry WHERE processor_name = ?", (rs, n) -> {
            byte[] bytes = rs.getBytes("token");
            if (bytes == null) {
                return null;
            }
            return serializer.<byte[], TrackingToken>deserialize(
                    new SimpleSerializedObject<>(bytes, byte[].class, rs.getString("token_type"), null));
        }, processorName);
    }
}
