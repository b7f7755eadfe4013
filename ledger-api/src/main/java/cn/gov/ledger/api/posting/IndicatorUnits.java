package cn.gov.ledger.api.posting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The indicator_unit table: which unit each indicator belongs to, for posting permissions. An
 * indicator never changes its unit, so the committed rows read are kept in memory (up to
 * {@link #REMEMBERED}) and a group of postings on known indicators does not ask PostgreSQL. Rows
 * are only remembered once read, never when written: a posting that created its indicator can still
 * roll back.
 */
@Component
class IndicatorUnits {

    /** Indicators whose unit is remembered at most; past it, the memory starts over. */
    private static final int REMEMBERED = 100_000;

    private final JdbcTemplate jdbc;
    private final Map<String, String> remembered = new ConcurrentHashMap<>();

    IndicatorUnits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The unit of each of these indicators that exists. */
    Map<String, String> unitsOf(Collection<String> indicatorIds) {
        Map<String, String> units = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : indicatorIds) {
            String unit = remembered.get(id);
            if (unit != null) {
                units.put(id, unit);
            } else {
                unknown.add(id);
            }
        }
        if (unknown.isEmpty()) {
            return units;
        }
        if (remembered.size() + unknown.size() > REMEMBERED) {
            remembered.clear();
        }
        jdbc.query("SELECT indicator_id, unit_code FROM indicator_unit WHERE indicator_id = ANY (?)",
                rs -> {
                    units.put(rs.getString(1), rs.getString(2));
                    remembered.put(rs.getString(1), rs.getString(2));
                }, (Object) unknown.toArray(String[]::new));
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
