package cn.gov.ledger.api.demo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The demo's units are registered as every unit is: as events, with their types, before its postings; both departments load. */
@TestPropertySource(properties = "ledger.demo.enabled=true")
class DemoDataTest extends LedgerIntegrationTest {

    @Test
    void theDemoRegistersItsUnitsAsEventsBeforeItsPostings() {
        List<String> types = new ArrayList<>();
        for (JsonNode row : client.get("/api/v1/audit/events?limit=5").body().path("rows")) {
            types.add(row.path("type").asText());
        }
        assertThat(types).containsExactly("UnitRegistered", "UnitRegistered", "UnitRegistered", "UnitRegistered",
                "BudgetAppropriated");

        JsonNode units = client.get("/api/v1/units").body().path("rows");
        assertThat(units.findValuesAsText("unitCode")).contains("060001", "060002", "060003", "060004");
        for (JsonNode unit : units) {
            if (unit.path("unitCode").asText().startsWith("060")) {
                assertThat(unit.path("departmentCode").asText()).isEqualTo("060");
                assertThat(unit.path("effectiveDate").asText()).isEqualTo("1990-01-01");
                assertThat(unit.path("unitType").asText())
                        .isEqualTo("060001".equals(unit.path("unitCode").asText()) ? "ADMINISTRATIVE" : "OTHER");
            }
        }
        List<String> second = new ArrayList<>();
        units.forEach(u -> {
            if ("905".equals(u.path("departmentCode").asText())) {
                second.add(u.path("unitCode").asText() + " " + u.path("unitType").asText());
            }
        });
        assertThat(second).as("the second department, 示例省教育厅, with its units' types").containsExactly(
                "905001 ADMINISTRATIVE", "905002 CIVIL_SERVICE_INSTITUTION", "905003 PUBLIC_INSTITUTION",
                "905004 PUBLIC_INSTITUTION");
        JsonNode report = client.get("/api/v1/reports/final-accounts?fiscalYear=2024&departmentCode=060&minSequence="
                + head()).body();
        assertThat(report.path("tables").path("01").path("empty").asBoolean()).isFalse();
    }
}
