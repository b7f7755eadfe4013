package cn.gov.ledger.projections.reconciliation;

import cn.gov.ledger.core.indicator.Figure;
import cn.gov.ledger.core.indicator.FigureMovements;
import cn.gov.ledger.core.indicator.IndicatorEvent;
import cn.gov.ledger.projections.balance.YearTotal;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The deep part of the {@link DriftDetector}'s check: sums each indicator's figures from its events,
 * by the same {@link FigureMovements} the projection writes by, and compares them with the sums of
 * its movements (it reads every payload: on demand, not on the schedule); compares the pre-summed
 * rm_year_total with the movements it sums, and the latest checkpoint of the journal for knownAt
 * with the movements recorded through it (earlier ones change only as it does, by late events).
 */
final class DeepCheck {

    /** The figure-changing events the check covers. */
    private static final String EVENTS = """
            SELECT d.payload, d.payload_type, d.payload_revision FROM domain_event_entry d
            WHERE d.global_index <= ? AND d.payload_type = ANY (?) AND d.global_index <> ALL (?)""";

    /** The movements' sums per indicator and figure, leaving out those of events not covered. */
    private static final String MOVEMENT_SUMS = """
            SELECT m.indicator_id, m.figure, sum(m.amount) AS amount
            FROM rm_movement m LEFT JOIN domain_event_entry d ON d.event_identifier = m.event_id
            WHERE d.global_index IS NULL OR (d.global_index <= ? AND d.global_index <> ALL (?))
            GROUP BY 1, 2""";

    /**
     * Indicators whose pre-summed totals differ from the sums of their movements: every sum through
     * a month, the month of the first movement, and the indicator's scope copied beside them.
     */
    private static final String TOTALS = """
            WITH expected AS (
                SELECT m.indicator_id, m.figure, COALESCE(m.economic_code, '') AS economic_code,
                       extract(YEAR FROM m.effective_date)::int AS year, i.fiscal_year, i.unit_code,
                       min(extract(MONTH FROM m.effective_date))::int AS first_month, %s
                FROM rm_movement m LEFT JOIN rm_indicator i ON i.indicator_id = m.indicator_id
                GROUP BY 1, 2, 3, 4, 5, 6
            )
            SELECT DISTINCT COALESCE(e.indicator_id, t.indicator_id)
            FROM expected e FULL JOIN rm_year_total t ON t.indicator_id = e.indicator_id AND t.figure = e.figure
                AND t.economic_code = e.economic_code AND t.year = e.year
            WHERE (e.fiscal_year, e.unit_code, e.first_month, %s)
                IS DISTINCT FROM (t.fiscal_year, t.unit_code, t.first_month, %s)""".formatted(
            String.join(", ", YearTotal.THROUGH.stream().map(c -> "COALESCE(sum(m.amount) FILTER (WHERE"
                    + " extract(MONTH FROM m.effective_date) <= " + c.substring(c.length() - 2) + "), 0) AS " + c)
                    .toList()),
            String.join(", ", YearTotal.THROUGH.stream().map(c -> "e." + c).toList()),
            String.join(", ", YearTotal.THROUGH.stream().map(c -> "t." + c).toList()));

    /** Indicators whose sums in the latest checkpoint for knownAt differ from their movements recorded through it. */
    private static final String CHECKPOINT = """
            WITH c AS (SELECT checkpoint, known_through FROM rm_known_checkpoint ORDER BY checkpoint DESC LIMIT 1),
            expected AS (SELECT key_id, sum(amount) AS amount FROM rm_movement
                WHERE recorded_at <= (SELECT known_through FROM c) GROUP BY 1),
            actual AS (SELECT key_id, amount FROM rm_known_sum WHERE checkpoint = (SELECT checkpoint FROM c))
            SELECT DISTINCT k.indicator_id
            FROM expected e FULL JOIN actual a USING (key_id) JOIN rm_movement_key k USING (key_id)
            WHERE e.amount IS DISTINCT FROM a.amount""";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    DeepCheck(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /**
     * The indicators whose sums disagree, those of their events first (in id order), then those of
     * the year totals, then those of the checkpoint. Call it in the check's snapshot.
     */
    Set<String> mismatched(long upTo, Long[] gaps) {
        Set<String> mismatched = new LinkedHashSet<>(mismatchedSums(upTo, gaps));
        jdbc.query(TOTALS, rs -> {
            mismatched.add(rs.getString(1));
        });
        jdbc.query(CHECKPOINT, rs -> {
            mismatched.add(rs.getString(1));
        });
        return mismatched;
    }

    /**
     * The indicators whose figures, summed from their events by {@link FigureMovements}, differ from
     * the sums of their movements, in id order.
     */
    private SortedSet<String> mismatchedSums(long upTo, Long[] gaps) {
        Map<IndicatorFigure, Long> difference = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(EVENTS);
            statement.setFetchSize(DriftDetector.FETCH_SIZE);
            statement.setLong(1, upTo);
            statement.setArray(2, connection.createArrayOf("varchar",
                    DriftDetector.MOVEMENT_EVENTS.toArray(String[]::new)));
            statement.setArray(3, connection.createArrayOf("bigint", gaps));
            return statement;
        }, rs -> {
            IndicatorEvent event = serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes(1), byte[].class,
                    rs.getString(2), rs.getString(3)));
            FigureMovements.of(event).ifPresent(movement -> difference.merge(
                    new IndicatorFigure(event.indicatorId(), movement.figure()), movement.amount().fen(), Long::sum));
        });
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(MOVEMENT_SUMS);
            statement.setLong(1, upTo);
            statement.setArray(2, connection.createArrayOf("bigint", gaps));
            return statement;
        }, rs -> {
            difference.merge(new IndicatorFigure(rs.getString(1), Figure.valueOf(rs.getString(2))), -rs.getLong(3),
                    Long::sum);
        });
        SortedSet<String> mismatched = new TreeSet<>();
        difference.forEach((key, amount) -> {
            if (amount != 0) {
                mismatched.add(key.indicatorId());
            }
        });
        return mismatched;
    }

    private record IndicatorFigure(String indicatorId, Figure figure) {
    }
}
