package cn.gov.ledger.api.classification;

import static cn.gov.ledger.api.testing.InProcessService.client;
import static cn.gov.ledger.api.testing.InProcessService.start;
import static cn.gov.ledger.api.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes on one PostgreSQL: a list loaded on one is used by the other within
 * {@code ledger.classifications.refresh}; and the strict setting ({@code unlisted-items: refuse})
 * refuses a 项 that a year's incomplete list does not hold, which the default accepts.
 */
class ClassificationNodesTest {

    private static final Duration REFRESH = Duration.ofSeconds(1);

    @Test
    void aListLoadedOnOneNodeIsUsedByTheOtherWithinTheRefreshAndTheStrictNodeRefusesUnlistedItems() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start();
             ConfigurableApplicationContext a = node(database, "a");
             ConfigurableApplicationContext b = node(database, "b",
                     "--ledger.classifications.unlisted-items=refuse",
                     "--ledger.classifications.refresh=" + REFRESH.toMillis() + "ms")) {
            LedgerClient nodeA = client(a);
            LedgerClient nodeB = client(b);
            String unit = LedgerClient.id("U");
            nodeA.put("/api/v1/units/" + unit, Map.of("name", "单位", "departmentCode", "D1", "departmentName", "部门"))
                    .expect(201);

            // node B has read 2901 (no list) before node A loads it
            assertProblem(nodeB.get("/api/v1/classifications/functional?fiscalYear=2901"), 404,
                    "CLASSIFICATION_NOT_FOUND");
            assertProblem(nodeB.post("/api/v1/indicators", ClassificationListsTest.appropriation(
                    LedgerClient.id("IND"), unit, 2901, "2050101")), 400, "UNKNOWN_CODE");
            long loadedAt = System.nanoTime();
            nodeA.putRaw("/api/v1/classifications/2901/functional", "code,name\n205,教育支出\n20501,教育管理事务\n"
                    + "2050101,行政运行\n", "text/csv").expect(200);
            // polled, with a bound (the refresh and a margin for a slow machine); each read is the pause
            long deadline = loadedAt + REFRESH.plusSeconds(5).toNanos();
            while (nodeB.get("/api/v1/classifications/functional?fiscalYear=2901").status() == 404) {
                assertThat(System.nanoTime()).as("node B still without the list loaded on node A").isLessThan(deadline);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - loadedAt)).isLessThan(REFRESH.plusSeconds(5));
            nodeB.post("/api/v1/indicators", ClassificationListsTest.appropriation(LedgerClient.id("IND"), unit, 2901,
                    "2050101")).expect(201);

            // 2990's shipped functional list is incomplete: 2050198 (under the listed 20501) is not in it
            nodeA.post("/api/v1/indicators", ClassificationListsTest.appropriation(LedgerClient.id("IND"), unit, 2990,
                    "2050198")).expect(201);
            LedgerClient.Answer strict = nodeB.post("/api/v1/indicators", ClassificationListsTest.appropriation(
                    LedgerClient.id("IND"), unit, 2990, "2050198"));
            assertProblem(strict, 400, "UNKNOWN_CODE");
            assertThat(strict.text("detail")).isEqualTo("functional code 2050198 is not in the 2990 list");
        }
    }

    private static ConfigurableApplicationContext node(EmbeddedPostgres database, String name, String... more)
            throws Exception {
        String[] arguments = new String[more.length + 3];
        arguments[0] = "--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres");
        arguments[1] = "--spring.datasource.username=postgres";
        arguments[2] = "--spring.datasource.password=postgres";
        System.arraycopy(more, 0, arguments, 3, more.length);
        return start(Files.createTempDirectory(Path.of("target"), "node-" + name), arguments);
    }
}
