package cn.gov.ledger.api.posting;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The indicator_unit table: which unit each indicator belongs to, for posting permissions. */
@Component
class IndicatorUnits {

    private final JdbcTemplate jdbc;

    IndicatorUnits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The units of those of these indicators that exist. */
    List<String> unitsOf(List<String> indicatorIds) {
        return jdbc.queryForList("SELECT unit_code FROM indicator_unit WHERE indicator_id = ANY (?)", String.class,
                (Object) indicatorIds.toArray(String[]::new));
    }

    /** Runs in the posting's transaction: a new indicator (or next year's, opened by a carry-forward) is registered. */
    void register(PreparedPosting posting) {
        if (posting.type() == PostingType.APPROPRIATION) {
            jdbc.update("INSERT INTO indicator_unit (indicator_id, unit_code) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    posting.indicatorId(), posting.unitCode());
        } else if (posting.type() == PostingType.CARRY_FORWARD) {
            jdbc.update("INSERT INTO indicator_unit (indicator_id, unit_code) SELECT ?, unit_code FROM indicator_unit"
                    + " WHERE indicator_id = ? ON CONFLICT DO NOTHING", posting.indicatorIds().get(1), posting.indicatorId());
        }
    }
}
