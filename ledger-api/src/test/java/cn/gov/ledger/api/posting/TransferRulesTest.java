package cn.gov.ledger.api.posting;

import static cn.gov.ledger.api.testing.Postings.appropriation;
import static cn.gov.ledger.api.testing.Postings.transfer;
import static cn.gov.ledger.api.testing.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import cn.gov.ledger.api.testing.InProcessService;
import cn.gov.ledger.api.testing.LedgerClient;
import cn.gov.ledger.api.testing.LedgerIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * 调剂 stays within one fund source (专款专用) and one kind of expenditure: across kinds only when the
 * transfer says {@code acrossKinds} and {@code ledger.transfers.allow-across-kinds} allows it. A
 * refusal is 422 TRANSFER_NOT_ALLOWED naming the rule, and writes nothing.
 */
class TransferRulesTest extends LedgerIntegrationTest {

    @Test
    void aTransferToAnotherFundSourceIsRefusedNamingTheRule() {
        String unit = newUnit();
        String general = newIndicator(unit, "1000.00");
        String business = indicator(client, unit, "BUSINESS", "BASIC");
        Snapshot before = snapshot(general, business);

        LedgerClient.Answer answer = client.post("/api/v1/transfers",
                transfer(LedgerClient.id("TRF"), general, business, "10.00"));

        assertProblem(answer, 422, "TRANSFER_NOT_ALLOWED");
        assertThat(answer.text("rule")).isEqualTo("SAME_FUND_SOURCE");
        assertThat(answer.text("detail")).contains("GENERAL_BUDGET → BUSINESS");
        assertNothingWrittenSince(before);
    }

    @Test
    void aTransferBetweenBasicAndProjectMustSaySoAndIsRefusedByDefault() {
        String unit = newUnit();
        String basic = newIndicator(unit, "1000.00");
        String project = indicator(client, unit, "GENERAL_BUDGET", "PROJECT");
        Snapshot before = snapshot(basic, project);

        LedgerClient.Answer unasked = client.post("/api/v1/transfers",
                transfer(LedgerClient.id("TRF"), basic, project, "10.00"));
        assertProblem(unasked, 422, "TRANSFER_NOT_ALLOWED");
        assertThat(unasked.text("rule")).isEqualTo("SAME_KIND");

        Map<String, Object> asked = transfer(LedgerClient.id("TRF"), project, basic, "10.00");
        asked.put("acrossKinds", true);
        LedgerClient.Answer notAllowed = client.post("/api/v1/transfers", asked);
        assertProblem(notAllowed, 422, "TRANSFER_NOT_ALLOWED");
        assertThat(notAllowed.text("rule")).isEqualTo("ACROSS_KINDS_ENABLED");
        assertNothingWrittenSince(before);
    }

    @Test
    void sayingAcrossKindsWithinOneKindIsAnOrdinaryTransfer() {
        String unit = newUnit();
        String from = newIndicator(unit, "1000.00");
        String to = newIndicator(unit, "0.00");
        Map<String, Object> body = transfer(LedgerClient.id("TRF"), from, to, "10.00");
        body.put("acrossKinds", true);

        LedgerClient.Answer answer = client.post("/api/v1/transfers", body).expect(201);

        assertThat(readIndicator(to, answer.body().path("sequence").asLong()).text("budget")).isEqualTo("10.00");
    }

    @Test
    void whereTheLedgerAllowsItATransferThatSaysAcrossKindsMovesTheAuthority() throws Exception {
        try (ConfigurableApplicationContext service = InProcessService.start(
                Files.createTempDirectory(Path.of("target"), "across-kinds"), "--ledger.transfers.allow-across-kinds=true")) {
            LedgerClient node = InProcessService.client(service);
            String unit = LedgerClient.id("U");
            node.put("/api/v1/units/" + unit, Map.of("name", "单位", "departmentCode", "D1", "departmentName", "部门"))
                    .expect(201);
            String basic = indicator(node, unit, "GENERAL_BUDGET", "BASIC");
            String project = indicator(node, unit, "GENERAL_BUDGET", "PROJECT");
            node.post("/api/v1/transfers", transfer(LedgerClient.id("TRF"), basic, project, "10.00")).expect(422);

            Map<String, Object> asked = transfer(LedgerClient.id("TRF"), basic, project, "10.00");
            asked.put("acrossKinds", true);
            LedgerClient.Answer moved = node.post("/api/v1/transfers", asked).expect(201);

            long sequence = moved.body().path("sequence").asLong();
            assertThat(node.get("/api/v1/indicators/" + project + "?minSequence=" + sequence).text("budget"))
                    .isEqualTo("1010.00");
            assertThat(node.get("/api/v1/indicators/" + basic + "?minSequence=" + sequence).text("budget"))
                    .isEqualTo("990.00");
        }
    }

    /** An indicator of 2024 with 1000.00 of the fund source and kind; answers its id. */
    private static String indicator(LedgerClient client, String unit, String fundSource, String kind) {
        String indicator = LedgerClient.id("IND");
        Map<String, Object> body = appropriation(indicator, unit, "1000.00");
        body.put("fundSource", fundSource);
        body.put("kind", kind);
        if (kind.equals("PROJECT")) {
            body.put("projectCode", "P-" + indicator);
            body.put("projectName", "项目");
        }
        client.post("/api/v1/indicators", body).expect(201);
        return indicator;
    }
}
