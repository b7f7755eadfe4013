package cn.gov.ledger.api.unit;

import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import cn.gov.ledger.api.testing.ProblemAssertions;
import cn.gov.ledger.projections.unit.UnitVersions;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Budget units as history: a unit moved from one department to another on 2024-07-01 counts
 * under the first as of 30 June and under the second from 1 July (and now), and under the first as
 * known before the move was recorded; its events are in the audit trail and the hash chain; PUT
 * answers as it always did; refusals write nothing.
 */
class UnitHistoryTest extends LedgerIntegrationTest {

    private static final int MAX_POLLS = 2_000;

    private static Map<String, Object> unit(String department, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "辽宁省工业和信息化发展研究院");
        body.put("departmentCode", department);
        body.put("departmentName", "部门 " + department);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    @Test
    void aUnitMovedBetweenDepartmentsCountsUnderEachForItsDates(@Autowired UnitVersions units) {
        String unit = LedgerClient.id("U");
        String first = "DA" + unit;
        String second = "DB" + unit;
        assertThat(client.put("/api/v1/units/" + unit, unit(first)).status()).isEqualTo(201);
        String indicator = newIndicator(unit, "1000.00");
        assertThat(client.post("/api/v1/expenditures", expenditure(LedgerClient.id("EXP"), indicator, "250.00"))
                .status()).isEqualTo(201);
        Instant beforeTheMove = LedgerClient.knownAtBetweenPostings();

        LedgerClient.Answer moved = client.put("/api/v1/units/" + unit,
                unit(second, "effectiveDate", "2024-07-01", "unitType", "PUBLIC_INSTITUTION"));
        assertThat(moved.status()).as("%s", moved.body()).isEqualTo(200);
        assertThat(moved.text("effectiveDate")).isEqualTo("2024-07-01");
        long head = head();

        // balances by department
        assertThat(spent(first, "&asOf=2024-06-30", head)).isEqualTo("250.00");
        assertThat(spent(second, "&asOf=2024-06-30", head)).isNull();
        assertThat(spent(first, "&asOf=2024-07-01", head)).isNull();
        assertThat(spent(second, "&asOf=2024-07-01", head)).isEqualTo("250.00");
        assertThat(spent(second, "", head)).isEqualTo("250.00");
        assertThat(spent(first, "", head)).isNull();
        // as known before the move was recorded, the unit was in the first department at every date
        assertThat(spent(first, "&knownAt=" + beforeTheMove, head)).isEqualTo("250.00");
        assertThat(spent(first, "&asOf=2024-12-31&knownAt=" + beforeTheMove, head)).isEqualTo("250.00");
        assertThat(spent(second, "&knownAt=" + beforeTheMove, head)).isNull();

        // the final accounts
        assertThat(reportSpent(first, "&asOf=2024-06-30", head)).isEqualTo("250.00");
        assertThat(reportSpent(second, "&asOf=2024-06-30", head)).isEqualTo("0.00");
        assertThat(reportSpent(first, "&asOf=2024-12-31", head)).isEqualTo("0.00");
        assertThat(reportSpent(second, "&asOf=2024-12-31", head)).isEqualTo("250.00");
        assertThat(reportSpent(first, "&asOf=2024-12-31&knownAt=" + beforeTheMove, head)).isEqualTo("250.00");

        // the one place that answers it, for Java callers
        assertThat(units.unitsOf(first, LocalDate.of(2024, 6, 30), null)).containsExactly(unit);
        assertThat(units.unitsOf(first, LocalDate.of(2024, 7, 1), null)).isEmpty();
        assertThat(units.unitsOf(second, null, null)).containsExactly(unit);
        assertThat(units.unitsOf(first, null, beforeTheMove)).containsExactly(unit);

        // the unit itself, as of and as known at, and its history
        assertThat(listed(unit, "?asOf=2024-06-30").path("departmentCode").asText()).isEqualTo(first);
        assertThat(listed(unit, "?asOf=2024-06-30").path("unitType").asText()).isEqualTo("OTHER");
        JsonNode now = listed(unit, "");
        assertThat(now.path("departmentCode").asText()).isEqualTo(second);
        assertThat(now.path("unitType").asText()).isEqualTo("PUBLIC_INSTITUTION");
        assertThat(now.path("effectiveDate").asText()).isEqualTo("2024-07-01");
        assertThat(listed(unit, "?knownAt=" + beforeTheMove).path("departmentCode").asText()).isEqualTo(first);
        LedgerClient.Answer history = client.get("/api/v1/units/" + unit + "/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().path("versions")).hasSize(2);
        assertThat(history.body().path("versions").get(0).path("effectiveDate").asText()).isEqualTo("1990-01-01");
        assertThat(history.body().path("versions").get(0).path("departmentCode").asText()).isEqualTo(first);
        assertThat(history.body().path("versions").get(1).path("departmentCode").asText()).isEqualTo(second);
    }

    @Test
    void theUnitsEventsAreInTheAuditTrailAndTheChain() {
        long before = head();
        String unit = LedgerClient.id("U");
        assertThat(client.put("/api/v1/units/" + unit, unit("DA" + unit)).status()).isEqualTo(201);
        assertThat(client.put("/api/v1/units/" + unit, unit("DB" + unit, "effectiveDate", "2024-07-01")).status())
                .isEqualTo(200);

        LedgerClient.Answer trail = client.get("/api/v1/audit/events?unitCode=" + unit);
        assertThat(trail.status()).as("%s", trail.body()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        for (JsonNode row : trail.body().path("rows")) {
            types.add(row.path("type").asText());
            assertThat(row.path("unitCode").asText()).isEqualTo(unit);
            assertThat(row.path("postedBy").asText()).isNotBlank();
            assertThat(row.path("sequence").asLong()).isGreaterThan(before);
        }
        assertThat(types).containsExactly("UnitRegistered", "UnitChanged");
        JsonNode changed = trail.body().path("rows").get(1);
        assertThat(changed.path("effectiveDate").asText()).isEqualTo("2024-07-01");
        assertThat(changed.path("payload").path("attributes").path("departmentCode").asText()).isEqualTo("DB" + unit);
        long last = changed.path("sequence").asLong();

        JsonNode all = client.get("/api/v1/audit/events?afterSequence=" + before).body();
        assertThat(all.path("rows").findValuesAsText("type")).contains("UnitRegistered", "UnitChanged");

        for (int poll = 0; ; poll++) {
            JsonNode chain = client.get("/api/v1/audit/verify").body();
            assertThat(chain.path("valid").asBoolean()).as("%s", chain).isTrue();
            if (chain.path("pending").asLong() == 0 && chain.path("headSequence").asLong() >= last) {
                break;
            }
            assertThat(poll).as("the chain did not reach %d: %s", last, chain).isLessThan(MAX_POLLS);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_chain WHERE global_index = ?", Long.class, last))
                .isOne();
    }

    @Test
    void aPutAsBeforeAnswersAsBeforeAndAnUnchangedOneWritesNothing() {
        String unit = LedgerClient.id("U");
        Map<String, String> body = Map.of("name", "辽宁省无线电监测站", "departmentCode", "D" + unit,
                "departmentName", "辽宁省工业和信息化厅");
        LedgerClient.Answer created = client.put("/api/v1/units/" + unit, body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("unitCode")).isEqualTo(unit);
        assertThat(created.text("departmentCode")).isEqualTo("D" + unit);
        assertThat(created.text("unitType")).isEqualTo("OTHER");
        assertThat(created.text("effectiveDate")).isEqualTo("1990-01-01");

        long events = eventCount();
        LedgerClient.Answer again = client.put("/api/v1/units/" + unit, body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(client.get("/api/v1/units/" + unit + "/history").body().path("versions")).hasSize(1);

        // a posting to the unit registered by the PUT is taken at once
        newIndicator(unit, "1.00");
    }

    @Test
    void refusalsWriteNothing() {
        String unit = LedgerClient.id("U");
        assertThat(client.put("/api/v1/units/" + unit, unit("DA" + unit, "effectiveDate", "2024-01-01")).status())
                .isEqualTo(201);
        long events = eventCount();

        ProblemAssertions.assertProblem(client.put("/api/v1/units/" + unit,
                unit("DB" + unit, "effectiveDate", "2023-12-31")), 409, "CHANGE_BEFORE_REGISTRATION");
        ProblemAssertions.assertProblem(client.put("/api/v1/units/" + unit,
                unit("DA" + unit, "parentUnitCode", unit)), 422, "UNIT_PARENT_INVALID");
        LedgerClient.Answer unknownParent = client.put("/api/v1/units/" + unit,
                unit("DA" + unit, "parentUnitCode", "NO-SUCH-" + unit));
        ProblemAssertions.assertProblem(unknownParent, 400, "UNKNOWN_CODE");
        LedgerClient.Answer badType = client.put("/api/v1/units/" + unit, unit("DA" + unit, "unitType", "MINISTRY"));
        ProblemAssertions.assertProblem(badType, 400, "VALIDATION_FAILED");
        LedgerClient.Answer badDate = client.put("/api/v1/units/" + unit, unit("DA" + unit, "effectiveDate", "2024-13-01"));
        ProblemAssertions.assertProblem(badDate, 400, "VALIDATION_FAILED");
        ProblemAssertions.assertProblem(client.get("/api/v1/units/NO-SUCH-" + unit + "/history"), 404, "UNIT_NOT_FOUND");

        assertThat(eventCount()).isEqualTo(events);
        JsonNode versions = client.get("/api/v1/units/" + unit + "/history").body().path("versions");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).path("departmentCode").asText()).isEqualTo("DA" + unit);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM unit_version WHERE unit_code = ?", Long.class,
                "NO-SUCH-" + unit)).isZero();
    }

    @Test
    void aChildUnitNamesItsParent() {
        String parent = LedgerClient.id("U");
        String child = LedgerClient.id("U");
        assertThat(client.put("/api/v1/units/" + parent, unit("D" + parent, "unitType", "ADMINISTRATIVE")).status())
                .isEqualTo(201);
        LedgerClient.Answer created = client.put("/api/v1/units/" + child,
                unit("D" + parent, "unitType", "CIVIL_SERVICE_INSTITUTION", "parentUnitCode", parent));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        JsonNode row = listed(child, "");
        assertThat(row.path("parentUnitCode").asText()).isEqualTo(parent);
        assertThat(row.path("unitType").asText()).isEqualTo("CIVIL_SERVICE_INSTITUTION");
    }

    @Test
    void aReplayOfTheReadModelsRebuildsTheUnitsVersions(@Autowired EventProcessingConfiguration processing) {
        String unit = LedgerClient.id("U");
        assertThat(client.put("/api/v1/units/" + unit, unit("DA" + unit)).status()).isEqualTo(201);
        assertThat(client.put("/api/v1/units/" + unit, unit("DB" + unit, "effectiveDate", "2024-07-01")).status())
                .isEqualTo(200);
        String indicator = newIndicator(unit, "10.00");
        JsonNode kept = client.get("/api/v1/units/" + unit + "/history").body().path("versions");
        jdbc.update("DELETE FROM unit_version WHERE unit_code = ?", unit);

        // as DriftRepairer replays: stop "balances", reset its token (emptying its tables), start it
        StreamingEventProcessor balances = processing.eventProcessor("balances", StreamingEventProcessor.class)
                .orElseThrow();
        balances.shutDown();
        balances.resetTokens();
        balances.start();

        assertThat(readIndicator(indicator, head()).status()).isEqualTo(200);
        assertThat(client.get("/api/v1/units/" + unit + "/history").body().path("versions")).isEqualTo(kept);
    }

    @Test
    void aUnitKeptOnlyInBudgetUnitIsRegisteredAtStartOnce(@Autowired LegacyUnits legacy) {
        String unit = LedgerClient.id("U");
        jdbc.update("INSERT INTO budget_unit (unit_code, name, department_code, department_name) VALUES (?, ?, ?, ?)",
                unit, "旧单位", "D" + unit, "旧部门");
        legacy.run(null);
        long events = eventCount();
        legacy.run(null);
        assertThat(eventCount()).isEqualTo(events);

        JsonNode versions = client.get("/api/v1/units/" + unit + "/history").body().path("versions");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).path("departmentCode").asText()).isEqualTo("D" + unit);
        assertThat(versions.get(0).path("effectiveDate").asText()).isEqualTo("1990-01-01");
        JsonNode trail = client.get("/api/v1/audit/events?unitCode=" + unit).body().path("rows");
        assertThat(trail.get(0).path("postedBy").asText()).isEqualTo("legacy-units");
    }

    /** The department's spending in the balances grouped by unit, or null when it has no row. */
    private String spent(String department, String time, long minSequence) {
        LedgerClient.Answer answer = client.get("/api/v1/balances?fiscalYear=2024&departmentCode=" + department
                + "&groupBy=unit" + time + "&minSequence=" + minSequence);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        JsonNode rows = answer.body().path("rows");
        return rows.isEmpty() ? null : rows.get(0).path("spent").asText();
    }

    /** 本年支出合计 of table 01 of the department's final accounts, in 元. */
    private String reportSpent(String department, String time, long minSequence) {
        LedgerClient.Answer answer = client.get("/api/v1/reports/final-accounts?fiscalYear=2024&departmentCode="
                + department + time + "&minSequence=" + minSequence);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        for (JsonNode row : answer.body().path("tables").path("01").path("rows")) {
            if ("本年支出合计".equals(row.path("name").asText()) && "expenditure".equals(row.path("section").asText())) {
                return row.path("cells").path("amount").asText();
            }
        }
        throw new AssertionError("no 本年支出合计 in " + answer.body());
    }

    private JsonNode listed(String unit, String query) {
        LedgerClient.Answer list = client.get("/api/v1/units" + query);
        assertThat(list.status()).as("%s", list.body()).isEqualTo(200);
        for (JsonNode row : list.body().path("rows")) {
            if (unit.equals(row.path("unitCode").asText())) {
                return row;
            }
        }
        throw new AssertionError("unit " + unit + " not in " + list.body());
    }
}
