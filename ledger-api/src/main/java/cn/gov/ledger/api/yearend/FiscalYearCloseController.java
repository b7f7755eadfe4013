package cn.gov.ledger.api.yearend;

import cn.gov.ledger.api.posting.Caller;
import cn.gov.ledger.api.posting.PostingService;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.indicator.SurplusDisposition;
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
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/fiscal-years/{year}/close}: carry every open indicator into next year. */
@RestController
@Tag(name = "Year end")
public class FiscalYearCloseController {

    /**
     * @param effectiveDate      default: 31 December of the year
     * @param defaultSplit       default CARRY_OVER_ALL
     * @param surplusDisposition default CARRY
     */
    public record CloseRequest(String departmentCode, String unitCode, LocalDate effectiveDate,
                               FiscalYearClose.DefaultSplit defaultSplit, SurplusDisposition surplusDisposition,
                               List<FiscalYearClose.CarryForwardOverride> overrides) {
    }

    private final FiscalYearClose close;

    public FiscalYearCloseController(FiscalYearClose close) {
        this.close = close;
    }

    @Operation(summary = "Close a fiscal year for a unit or department: one CarryForward per open indicator, "
            + "into '<indicatorId>-<year+1>' unless overridden; idempotent")
    @PostMapping(path = "/api/v1/fiscal-years/{year}/close", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> close(@PathVariable int year, @RequestBody CloseRequest body, HttpServletRequest request) {
        if ((body.departmentCode() == null) == (body.unitCode() == null)) {
            throw ApiProblem.validation(Map.of("departmentCode", "give exactly one of departmentCode and unitCode"));
        }
        Scope scope = body.unitCode() != null ? Scope.unit(year, body.unitCode()) : Scope.department(year, body.departmentCode());
        List<PostingService.BatchItem> results = close.close(scope,
                Objects.requireNonNullElse(body.effectiveDate(), LocalDate.of(year, 12, 31)),
                Objects.requireNonNullElse(body.defaultSplit(), FiscalYearClose.DefaultSplit.CARRY_OVER_ALL),
                Objects.requireNonNullElse(body.surplusDisposition(), SurplusDisposition.CARRY),
                Objects.requireNonNullElse(body.overrides(), List.of()),
                Caller.of(request));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fiscalYear", year);
        answer.put("carriedForward", results.stream().filter(r -> r.status() == 201).count());
        answer.put("repeated", results.stream().filter(r -> r.status() == 200).count());
        answer.put("refused", results.stream().filter(r -> r.status() >= 400).count());
        answer.put("sequence", results.stream().filter(r -> r.result() != null)
                .mapToLong(r -> r.result().sequence()).max().orElse(0));
        answer.put("results", results);
        return answer;
    }
}
