package cn.gov.ledger.api.reporting;

import cn.gov.ledger.api.security.ScopeCheck;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.yearend.ClosedYears;
import cn.gov.ledger.api.reading.LedgerCalendar;
import cn.gov.ledger.api.reading.ReadAnswers;
import cn.gov.ledger.api.reading.ReadConsistency;
import cn.gov.ledger.api.reading.ReadParameters;
import cn.gov.ledger.core.classification.Classifications;
import cn.gov.ledger.core.indicator.IndicatorFigures;
import cn.gov.ledger.core.money.Money;
import cn.gov.ledger.core.money.Percentage;
import cn.gov.ledger.projections.balance.Scope;
import cn.gov.ledger.projections.balance.TimeSlice;
import cn.gov.ledger.projections.reporting.Fact;
import cn.gov.ledger.projections.reporting.FinalAccounts;
import cn.gov.ledger.projections.reporting.ReportFacts;
import cn.gov.ledger.projections.reporting.ReportTable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The statutory year-end report (部门决算) and the project execution table, for any asOf/knownAt. */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports", description = "The nine tables of the final accounts, and project execution")
public class ReportController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final ReportFacts facts;
    private final ReadConsistency consistency;
    private final LedgerCalendar calendar;
    private final Classifications classifications;
    private final ScopeCheck scopes;
    private final ClosedYears closedYears;

    public ReportController(ReportFacts facts, ReadConsistency consistency, LedgerCalendar calendar,
                            Classifications classifications, ScopeCheck scopes, ClosedYears closedYears) {
        this.closedYears = closedYears;
        this.facts = facts;
        this.classifications = classifications;
        this.consistency = consistency;
        this.calendar = calendar;
        this.scopes = scopes;
    }

    @Operation(summary = "The nine tables (公开01表-09表) as JSON, or as CSV/XLSX with format=csv|xlsx or Accept: text/csv")
    @GetMapping("/final-accounts")
    ResponseEntity<?> finalAccounts(@RequestParam(required = false) Integer fiscalYear,
                                    @RequestParam(required = false) String departmentCode,
                                    @RequestParam(required = false) String unitCode,
                                    @RequestParam(defaultValue = "yuan") ReportUnit unit,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                    @RequestParam(required = false) Instant knownAt,
                                    @RequestParam(required = false) Long minSequence,
                                    @RequestParam(required = false) String format,
                                    @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Scope scope = ReadParameters.scope(fiscalYear, departmentCode, unitCode);
        scopes.requireRead(departmentCode, unitCode);
        consistency.await(minSequence);
        long sequence = consistency.current();
        TimeSlice time = new TimeSlice(asOf, knownAt);
        List<Fact> current = facts.load(scope, time);
        Map<String, ReportTable> tables = FinalAccounts.build(current, classifications, scope.fiscalYear());
        String heading = (unitCode != null ? "单位 " + unitCode : "部门 " + departmentCode) + " " + scope.fiscalYear()
                + "年度部门决算" + (asOf != null ? " 截至 " + asOf : "") + (knownAt != null ? " 截至记账时点 " + calendar.localTime(knownAt) : "");
        String file = "final-accounts-" + scope.fiscalYear() + "-" + (unitCode != null ? unitCode : departmentCode);
        if ("xlsx".equals(format)) {
            return download(TableFiles.xlsx(heading, tables, unit), XLSX, file + ".xlsx");
        }
        if ("csv".equals(format) || (format == null && accept != null && accept.contains("text/csv"))) {
            return download(TableFiles.csv(heading, tables, unit), CSV, file + ".csv");
        }
        if (format != null && !"json".equals(format)) {
            throw ApiProblem.validation(Map.of("format", "use json, csv or xlsx"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fiscalYear", scope.fiscalYear());
        body.put("departmentCode", departmentCode);
        body.put("unitCode", unitCode);
        body.put("asOf", asOf);
        body.put("knownAt", knownAt);
        body.put("sequence", sequence);
        // a year closed and then reopened: its figures may have changed since the close's sequence
        closedYears.governing(scope.fiscalYear(), departmentCode, unitCode).ifPresent(year -> {
            body.put("closed", year.closed());
            body.put("closedAtSequence", year.closedAtSequence());
            body.put("reopened", year.reopened());
        });
        body.put("unit", unit.name());
        Map<String, Object> rendered = new LinkedHashMap<>();
        tables.forEach((number, table) -> rendered.put(number, render(table, unit)));
        body.put("tables", rendered);
        body.put("yearOnYear", yearOnYear(scope, time, current, unit));
        return ResponseEntity.ok(body);
    }

    @Operation(summary = "Per project: budget, executed, execution rate and its score (预算执行率得分)")
    @GetMapping("/project-execution")
    Map<String, Object> projectExecution(@RequestParam(required = false) Integer fiscalYear,
                                         @RequestParam(required = false) String departmentCode,
                                         @RequestParam(required = false) String unitCode,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                         @RequestParam(required = false) Instant knownAt,
                                         @RequestParam(required = false) Long minSequence) {
        Scope scope = ReadParameters.scope(fiscalYear, departmentCode, unitCode);
        scopes.requireRead(departmentCode, unitCode);
        consistency.await(minSequence);
        long sequence = consistency.current();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ReportFacts.ProjectFigures project : facts.projects(scope, new TimeSlice(asOf, knownAt))) {
            IndicatorFigures f = project.figures();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("projectCode", project.projectCode());
            row.put("projectName", project.projectName());
            row.put("unitCode", project.unitCode());
            row.put("budget", f.budget().toString());
            row.put("executed", f.spent().toString());
            row.put("executionRate", Percentage.of(f.spent(), f.budget()).map(BigDecimal::toPlainString).orElse(null));
            row.put("executionRateScore", Percentage.executionRateScore(f.spent(), f.budget())
                    .map(BigDecimal::toPlainString).orElse(null));
            rows.add(row);
        }
        return ReadAnswers.list(asOf, knownAt, sequence, rows);
    }

    /** The headline figures beside last year's, where last year is in the ledger. */
    private List<Map<String, Object>> yearOnYear(Scope scope, TimeSlice time, List<Fact> current, ReportUnit unit) {
        Scope previousScope = new Scope(scope.fiscalYear() - 1, scope.departmentCode(), scope.unitCode());
        if (!facts.hasFiscalYear(previousScope.fiscalYear())) {
            return List.of();
        }
        TimeSlice previousTime = new TimeSlice(time.asOf() == null ? null : time.asOf().minusYears(1), time.knownAt());
        List<Fact> previous = facts.load(previousScope, previousTime);
        if (previous.isEmpty()) {
            return List.of();
        }
        Map<String, Money> now = Headlines.of(current);
        Map<String, Money> before = Headlines.of(previous);
        List<Map<String, Object>> rows = new ArrayList<>();
        now.forEach((name, amount) -> {
            Money last = before.get(name);
            Money change = amount.minus(last);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("figure", name);
            row.put("current", unit.format(amount));
            row.put("previous", unit.format(last));
            row.put("change", unit.format(change));
            row.put("changeRate", Percentage.of(change, last).map(BigDecimal::toPlainString).orElse(null));
            rows.add(row);
        });
        return rows;
    }

    private static Map<String, Object> render(ReportTable table, ReportUnit unit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", table.title());
        out.put("empty", table.empty());
        out.put("columns", table.columns());
        out.put("rows", table.rows().stream().map(row -> {
            Map<String, Object> r = new LinkedHashMap<>();
            if (row.section() != null) {
                r.put("section", row.section());
            }
            if (row.group() != null) {
                r.put("group", row.group());
            }
            if (row.code() != null) {
                r.put("code", row.code());
            }
            r.put("name", row.name());
            Map<String, String> cells = new LinkedHashMap<>();
            row.cells().forEach((key, amount) -> cells.put(key, unit.format(amount)));
            r.put("cells", cells);
            return r;
        }).toList());
        return out;
    }

    static ResponseEntity<byte[]> download(byte[] content, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(content);
    }
}
