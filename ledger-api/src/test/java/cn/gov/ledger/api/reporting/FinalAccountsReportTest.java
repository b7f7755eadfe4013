package cn.gov.ledger.api.reporting;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.expenditure;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The year-end report on a small hand-computed ledger: cells, 万元 rounding, downloads. */
class FinalAccountsReportTest extends LedgerIntegrationTest {

    private String department;
    private long sequence;

    @BeforeEach
    void postALedger() {
        String unit = newUnit();
        department = "D" + unit;
        String admin = newIndicator(unit, "100000.00");
        Map<String, Object> pension = appropriation(LedgerClient.id("IND"), unit, "100000.00");
        pension.put("functionalCode", "2080505");
        assertThat(client.post("/api/v1/indicators", pension).status()).isEqualTo(201);
        Map<String, Object> reception = appropriation(LedgerClient.id("IND"), unit, "30000.00");
        reception.put("economicCode", "30217");
        assertThat(client.post("/api/v1/indicators", reception).status()).isEqualTo(201);

        // 12345.00 元 (1.2345 万元, rounded 1.23) on 2080505; 12345.00 + 23200.00 (3.5545, rounded 3.55) on 2150501
        spend(admin, "12345.00", "30101");
        spend(pension.get("indicatorId").toString(), "12345.00", "30108");
        spend(reception.get("indicatorId").toString(), "23200.00", "30217");
        client.post("/api/v1/indicators/" + admin + "/incomes",
                Map.of("incomeId", LedgerClient.id("I"), "amount", "100000.00", "effectiveDate", "2024-01-10"));
        sequence = client.post("/api/v1/indicators/" + pension.get("indicatorId") + "/incomes",
                Map.of("incomeId", LedgerClient.id("I"), "amount", "20000.00", "effectiveDate", "2024-01-10"))
                .body().path("sequence").asLong();
    }

    private void spend(String indicator, String amount, String economicCode) {
        Map<String, Object> body = expenditure(LedgerClient.id("E"), indicator, amount);
        body.put("economicCode", economicCode);
        assertThat(client.post("/api/v1/expenditures", body).status()).isEqualTo(201);
    }

    @Test
    void everyCellIsAnExactSumRoundedToWanOnItsOwn() {
        JsonNode report = report("wan");
        JsonNode t03 = report.path("tables").path("03");
        assertThat(cell(t03, "2150501", "total")).isEqualTo("3.55");
        assertThat(cell(t03, "2080505", "total")).isEqualTo("1.23");
        assertThat(cell(t03, "2080505", "basic")).isEqualTo("1.23");
        // 合计 = 4.789 万元 from exact 元, not the sum of the rounded rows (3.55 + 1.23 = 4.78)
        assertThat(total(t03, "total")).isEqualTo("4.79");

        JsonNode t01 = report.path("tables").path("01");
        assertThat(named(t01, "income", "一般公共预算财政拨款收入")).isEqualTo("12.00");
        assertThat(named(t01, "income", "总计")).isEqualTo("12.00");
        assertThat(named(t01, "expenditure", "本年支出合计")).isEqualTo("4.79");
        assertThat(named(t01, "expenditure", "年末结转和结余")).isEqualTo("7.21");
        assertThat(named(t01, "expenditure", "总计")).isEqualTo("12.00");

        JsonNode t06 = report.path("tables").path("06");
        assertThat(cell(t06, "30108", "amount")).isEqualTo("1.23");
        assertThat(cell(t06, "301", "amount")).isEqualTo("2.47");
        JsonNode t09 = report.path("tables").path("09");
        assertThat(named(t09, null, "公务接待费")).isEqualTo("3.00");
        assertThat(t09.path("rows").get(5).path("cells").path("actual").asText()).isEqualTo("2.32");
        assertThat(report.path("tables").path("07").path("empty").asBoolean()).isTrue();
        assertThat(report.path("tables").path("08").path("empty").asBoolean()).isTrue();
    }

    @Test
    void inYuanTheCellsAreExact() {
        JsonNode t03 = report("yuan").path("tables").path("03");
        assertThat(total(t03, "total")).isEqualTo("47890.00");
        assertThat(cell(t03, "208", "total")).isEqualTo("12345.00");
    }

    @Test
    void asOfLeavesOutWhatTookEffectLater() {
        JsonNode t01 = client.get("/api/v1/reports/final-accounts?fiscalYear=2024&departmentCode=" + department
                + "&unit=yuan&asOf=2024-01-31&minSequence=" + sequence).body().path("tables").path("01");
        assertThat(named(t01, "income", "本年收入合计")).isEqualTo("120000.00");
        assertThat(named(t01, "expenditure", "本年支出合计")).isEqualTo("0.00");
    }

    @Test
    void downloadsCarryTheChineseTitlesAndHeaders() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String query = "http://127.0.0.1:" + port + "/api/v1/reports/final-accounts?fiscalYear=2024&departmentCode="
                + department + "&unit=wan&minSequence=" + sequence;
        HttpResponse<byte[]> csv = http.send(HttpRequest.newBuilder(URI.create(query))
                .header("Accept", "text/csv").header("Authorization", "Bearer " + LedgerClient.ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("公开03表 支出决算表").contains("项目,科目编码,本年支出合计,基本支出,项目支出")
                .contains("行政运行,2150501,3.55,3.55,0.00").contains("公开07表 政府性基金预算财政拨款收入支出决算表（本表无数据）");

        HttpResponse<byte[]> xlsx = http.send(HttpRequest.newBuilder(URI.create(query + "&format=xlsx"))
                        .header("Authorization", "Bearer " + LedgerClient.ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElseThrow()).contains(".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(9);
            assertThat(workbook.getSheet("公开03表").getRow(0).getCell(0).getStringCellValue()).contains("支出决算表");
            assertThat(workbook.getSheet("公开03表").getRow(2).getCell(2).getStringCellValue()).isEqualTo("本年支出合计");
        }
    }

    private JsonNode report(String unit) {
        LedgerClient.Answer answer = client.get("/api/v1/reports/final-accounts?fiscalYear=2024&departmentCode="
                + department + "&unit=" + unit + "&minSequence=" + sequence);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String cell(JsonNode table, String code, String column) {
        for (JsonNode row : table.path("rows")) {
            if (code.equals(row.path("code").asText(null))) {
                return row.path("cells").path(column).asText(null);
            }
        }
        return null;
    }

    private static String total(JsonNode table, String column) {
        return table.path("rows").get(0).path("cells").path(column).asText(null);
    }

    private static String named(JsonNode table, String section, String name) {
        for (JsonNode row : table.path("rows")) {
            if (name.equals(row.path("name").asText()) && (section == null || section.equals(row.path("section").asText()))) {
                JsonNode cells = row.path("cells");
                return cells.has("amount") ? cells.path("amount").asText() : cells.path("budget").asText();
            }
        }
        return null;
    }
}
