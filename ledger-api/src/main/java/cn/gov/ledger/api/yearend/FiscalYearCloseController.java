package cn.gov.ledger.api.yearend;

import cn.gov.ledger.api.posting.Caller;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.indicator.SurplusDisposition;
import cn.gov.ledger.core.yearend.CloseDecision;
import cn.gov.ledger.projections.balance.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/fiscal-years/{year}/close} (carry every open indicator into next year and lock
 * the year; {@code ?dryRun=true} answers what it would do) and {@code .../reopen} (an ADMIN).
 */
@RestController
@Tag(name = "Year end")
public class FiscalYearCloseController {

    /**
     * @param effectiveDate      default: 31 December of the year
     * @param defaultSplit       default CARRY_OVER_ALL
     * @param surplusDisposition default CARRY
     * @param atomic             true: when any indicator cannot close, nothing happens (422 FISCAL_YEAR_NOT_CLOSABLE)
     */
    public record CloseRequest(String departmentCode, String unitCode, LocalDate effectiveDate,
                               FiscalYearClose.DefaultSplit defaultSplit, SurplusDisposition surplusDisposition,
                               List<FiscalYearClose.CarryForwardOverride> overrides, Boolean atomic) {
    }

    public record ReopenRequest(String departmentCode, String unitCode, String reason) {
    }

    private final FiscalYearClose close;
    private final CloseRecords records;

    FiscalYearCloseController(FiscalYearClose close, CloseRecords records) {
        this.close = close;
        this.records = records;
    }

    @Operation(summary = "Close a fiscal year for a unit or department: one CarryForward per open indicator with a "
            + "balance, into '<indicatorId>-<year+1>' unless overridden; then the year is locked. dryRun=true "
            + "answers the decisions and writes nothing")
    @PostMapping(path = "/api/v1/fiscal-years/{year}/close", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> close(@PathVariable int year, @RequestParam(defaultValue = "false") boolean dryRun,
                              @RequestBody CloseRequest body, HttpServletRequest request) {
        Scope scope = scope(year, body.departmentCode(), body.unitCode());
        LocalDate effectiveDate = Objects.requireNonNullElse(body.effectiveDate(), LocalDate.of(year, 12, 31));
        if (effectiveDate.getYear() != year) {
            // the carry-forwards would all be refused, and the year locked with nothing closed
            throw ApiProblem.validation(Map.of("effectiveDate", "must be in " + year));
        }
        FiscalYearClose.CloseResult result = close.close(new FiscalYearClose.CloseOrder(scope, effectiveDate,
                Objects.requireNonNullElse(body.defaultSplit(), FiscalYearClose.DefaultSplit.CARRY_OVER_ALL),
                Objects.requireNonNullElse(body.surplusDisposition(), SurplusDisposition.CARRY),
                Objects.requireNonNullElse(body.overrides(), List.of()), dryRun,
                Boolean.TRUE.equals(body.atomic())), Caller.of(request));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fiscalYear", year);
        answer.put("departmentCode", body.departmentCode());
        answer.put("unitCode", body.unitCode());
        answer.put("dryRun", result.dryRun());
        answer.put("alreadyClosed", result.alreadyClosed());
        answer.put("carriedForward", count(result, CloseDecision.Outcome.CARRIED_FORWARD));
        answer.put("closedNothingToCarry", count(result, CloseDecision.Outcome.CLOSED_NOTHING_TO_CARRY));
        answer.put("notClosable", count(result, CloseDecision.Outcome.NOT_CLOSABLE));
        answer.put("sequence", result.sequence());
        answer.put("decisions", result.decisions().stream().map(CloseAnswers::decision).toList());
        return answer;
    }

    @Operation(summary = "Reopen a closed fiscal year of a unit or department (ADMIN), with a reason")
    @PostMapping(path = "/api/v1/fiscal-years/{year}/reopen", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> reopen(@PathVariable int year, @RequestBody ReopenRequest body, HttpServletRequest request) {
        scope(year, body.departmentCode(), body.unitCode());
        if (body.reason() == null || body.reason().isBlank()) {
            throw ApiProblem.validation(Map.of("reason", "say why the year is reopened"));
        }
        long sequence = records.recordReopen(year, body.departmentCode(), body.unitCode(), body.reason(),
                Caller.of(request));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fiscalYear", year);
        answer.put("departmentCode", body.departmentCode());
        answer.put("unitCode", body.unitCode());
        answer.put("reopened", true);
        answer.put("sequence", sequence);
        return answer;
    }

    private static Scope scope(int year, String departmentCode, String unitCode) {
        if ((departmentCode == null) == (unitCode == null)) {
            throw ApiProblem.validation(Map.of("departmentCode", "give exactly one of departmentCode and unitCode"));
        }
        return unitCode != null ? Scope.unit(year, unitCode) : Scope.department(year, departmentCode);
    }

    private static long count(FiscalYearClose.CloseResult result, CloseDecision.Outcome outcome) {
        return result.decisions().stream().filter(d -> d.outcome() == outcome).count();
    }
}
