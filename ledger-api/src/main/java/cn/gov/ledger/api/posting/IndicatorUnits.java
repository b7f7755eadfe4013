package cn.gov.ledger.api.posting;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The indicator_unit table: which unit each indicator belongs to, for posting permissions. An
 * indicator never changes its unit, so the committed rows read are kept in memory and a group of
 * postings on known indicators does not ask PostgreSQL. Rows are only remembered once read, never
 * when written: a posting that created its indicator can still roll back.
 */
@Component
class IndicatorUnits {

    /** Indicators whose unit is remembered at most; the least used are forgotten first. */
    private static final int REMEMBERED = 100_000;

    private final JdbcTemplate jdbc;
    private final Cache<String, String> remembered = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    IndicatorUnits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The unit of each of these indicators that exists, in a map the caller may add to. */
    Map<String, String> unitsOf(Collection<String> indicatorIds) {
        return new HashMap<>(remembered.getAll(indicatorIds, this::read));
    }

    private Map<String, String> read(Set<? extends String> indicatorIds) {
        Map<String, String> units = new HashMap<>();
        jdbc.query("SELECT indicator_id, unit_code FROM indicator_unit WHERE indicator_id = ANY (?)",
                rs -> {
                    units.put(rs.getString(1), rs.getString(2));
                }, (Object) indicatorIds.toArray(String[]::new));
        return units;
    }

    /**
     * Runs in the postings' transaction: the indicators they created (an appropriation's, or next
     * year's opened by a carry-forward) with their units.
     */
    void registerAll(Map<String, String> newIndicatorUnits) {
        if (newIndicatorUnits.isEmpty()) {
            return;
        }
        List<Map.Entry<String, String>> rows = List.copyOf(newIndicatorUnits.entrySet());
        jdbc.batchUpdate("INSERT INTO indicator_unit (indicator_id, unit_code) VALUES (?, ?) ON CONFLICT DO NOTHING",
                rows, 1000, (statement, row) -> {
                    statement.setString(1, row.getKey());
                    statement.setString(2, row.getValue());
                });
    }
}
