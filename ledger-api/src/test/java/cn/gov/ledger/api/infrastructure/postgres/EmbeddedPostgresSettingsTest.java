package cn.gov.ledger.api.infrastructure.postgres;

import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL runs with the settings README "Deploying and operating" asks of an external one. */
class EmbeddedPostgresSettingsTest extends LedgerIntegrationTest {

    @Test
    void answersAPostingOnlyOnceItsCommitIsOnDisk() {
        assertThat(setting("synchronous_commit")).isEqualTo("on");
        assertThat(setting("fsync")).as("zonky starts PostgreSQL with -F").isEqualTo("on");
    }

    @Test
    void sortsReportsInMemoryAndKeepsShortReadsFromParallelWorkers() {
        assertThat(setting("work_mem")).isEqualTo("32MB");
        assertThat(setting("parallel_setup_cost")).isEqualTo("10000");
    }

    private String setting(String name) {
        return jdbc.queryForObject("SELECT current_setting(?)", String.class, name);
    }
}
