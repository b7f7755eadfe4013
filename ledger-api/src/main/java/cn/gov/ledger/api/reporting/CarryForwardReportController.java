package cn.gov.ledger.api.reporting;

import cn.gov.ledger.api.reading.ReadParameters;
import cn.gov.ledger.api.security.ScopeCheck;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.yearend.CloseAnswers;
import cn.gov.ledger.api.yearend.CloseRecords;
import cn.gov.ledger.core.yearend.CloseDecision;
import cn.gov.ledger.core.yearend.FiscalYearClosed;
import cn.gov.ledger.core.yearend.FiscalYearReopened;
import cn.gov.ledger.projections.balance.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/reports/carry-forward}: the record of a department's or unit's year-end
 * closes (年终结转) as known at {@code knownAt}: each close with every decision (结转, 结余, 收回,
 * target, or why not closable), and each reopen with its reason. Read from the close's events.
 */
@RestController
@Tag(name = "Reports")
public class CarryForwardReportController {

    private final CloseRecords records;
    private final ScopeCheck scopes;

    CarryForwardReportController(CloseRecords records, ScopeCheck scopes) {
        this.records = records;
        this.scopes = scopes;
    }

    @Operation(summary = "The record of the year-end closes and reopens of a department or unit, as JSON, CSV or XLSX "
            + "(format=csv|xlsx or Accept: text/csv)")
    @GetMapping("/api/v1/reports/carry-forward")
    ResponseEntity<?> carryForward(@RequestParam(required = false) Integer fiscalYear,
                                   @RequestParam(required = false) String departmentCode,
                                   @RequestParam(required = false) String unitCode,
                                   @RequestParam(required = false) Instant knownAt,
                                   @RequestParam(required = false) String format,
                                   @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Scope scope = ReadParameters.scope(fiscalYear, departmentCode, unitCode);
        scopes.requireRead(departmentCode, unitCode);
        List<CloseRecords.Entry> history = records.history(scope.fiscalYear(), departmentCode, unitCode, knownAt);
        String file = "carry-forward-" + scope.fiscalYear() + "-" + (unitCode != null ? unitCode : departmentCode);
        if ("xlsx".equals(format)) {
            return ReportController.download(TableFiles.xlsxLines("年终结转", lines(history)), ReportController.XLSX, file + ".xlsx");
        }
        if ("csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"))) {
            return ReportController.download(TableFiles.csvLines(lines(history)), ReportController.CSV, file + ".csv");
        }
        if (format != null && !"json".equals(format)) {
            throw ApiProblem.validation(Map.of("format", "use json, csv or xlsx"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fiscalYear", scope.fiscalYear());
        body.put("departmentCode", departmentCode);
        body.put("unitCode", unitCode);
        body.put("knownAt", knownAt);
        body.put("closed", !history.isEmpty() && history.get(history.size() - 1).event() instanceof FiscalYearClosed);
        body.put("records", history.stream().map(CarryForwardReportController::entry).toList());
        return ResponseEntity.ok(body);
    }

    private static Map<String, Object> entry(CloseRecords.Entry entry) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sequence", entry.sequence());
        row.put("recordedAt", entry.recordedAt());
        if (entry.event() instanceof FiscalYearClosed closed) {
            row.put("event", "CLOSED");
            row.put("by", closed.closedBy());
            row.put("decidedAtSequence", closed.decidedAtSequence());
            row.put("decisions", closed.decisions().stream().map(CloseAnswers::decision).toList());
        } else if (entry.event() instanceof FiscalYearReopened reopened) {
            row.put("event", "REOPENED");
            row.put("by", reopened.reopenedBy());
            row.put("reason", reopened.reason());
        }
        return row;
    }

    /** The CSV/XLSX lines: one per decision of each close, and one per reopen (its reason in the remedy column). */
    private static List<List<String>> lines(List<CloseRecords.Entry> history) {
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("sequence", "recordedAt", "event", "by"));
        header.addAll(CloseAnswers.COLUMNS);
        lines.add(header);
        for (CloseRecords.Entry entry : history) {
            List<String> start = List.of(String.valueOf(entry.sequence()), entry.recordedAt().toString());
            if (entry.event() instanceof FiscalYearClosed closed) {
                for (CloseDecision decision : closed.decisions()) {
                    List<String> line = new ArrayList<>(start);
                    line.add("CLOSED");
                    line.add(closed.closedBy());
                    CloseAnswers.decision(decision).values().forEach(v -> line.add(v == null ? null : v.toString()));
                    lines.add(line);
                }
            } else if (entry.event() instanceof FiscalYearReopened reopened) {
                List<String> line = new ArrayList<>(start);
                line.add("REOPENED");
                line.add(reopened.reopenedBy());
                CloseAnswers.COLUMNS.forEach(c -> line.add(c.equals("remedy") ? reopened.reason() : null));
                lines.add(line);
            }
        }
        return lines;
    }
}
