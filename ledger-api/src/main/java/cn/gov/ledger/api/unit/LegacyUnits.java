package cn.gov.ledger.api.unit;

import cn.gov.ledger.core.unit.UnitAttributes;
import cn.gov.ledger.core.unit.UnitType;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start, registers each unit a ledger from before units had history keeps only in budget_unit
 * (V2), as it stands there, from the beginning and of type OTHER, so that upgrading loses no unit
 * and no department's figures. Units registered already are left alone; once every row is
 * registered this does nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class LegacyUnits implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LegacyUnits.class);

    private final UnitCommands commands;
    private final JdbcTemplate jdbc;

    LegacyUnits(UnitCommands commands, JdbcTemplate jdbc) {
        this.commands = commands;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<Map.Entry<String, UnitAttributes>> legacy = jdbc.query("""
                SELECT unit_code, name, department_code, department_name FROM budget_unit b
                WHERE NOT EXISTS (SELECT 1 FROM unit_version v WHERE v.unit_code = b.unit_code) ORDER BY unit_code""",
                (rs, n) -> Map.entry(rs.getString(1), new UnitAttributes(rs.getString(2), rs.getString(3),
                        rs.getString(4), UnitType.OTHER, null)));
        legacy.forEach(unit -> commands.registerIfNew(unit.getKey(), unit.getValue(), "legacy-units"));
        if (!legacy.isEmpty()) {
            log.info("Registered {} units kept in budget_unit before units had history", legacy.size());
        }
    }
}
