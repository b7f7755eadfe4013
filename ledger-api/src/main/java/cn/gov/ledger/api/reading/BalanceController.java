package cn.gov.ledger.api.reading;

import cn.gov.ledger.api.security.ScopeCheck;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.classification.ClassificationKind;
import cn.gov.ledger.core.classification.Classifications;
import cn.gov.ledger.core.classification.CodeList;
import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.unit.UnitType;
import cn.gov.ledger.projections.balance.BalanceQueries;
import cn.gov.ledger.projections.balance.BalanceRow;
import cn.gov.ledger.projections.balance.Dimension;
import cn.gov.ledger.projections.balance.IndicatorView;
import cn.gov.ledger.projections.balance.Scope;
import cn.gov.ledger.projections.balance.TimeSlice;
import cn.gov.ledger.projections.unit.UnitVersions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Live and point-in-time figures: one indicator, balances per group, execution rates per group. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reading", description = "Balances and execution rates, for any asOf (effective date) and knownAt")
public class BalanceController {

    private final BalanceQueries queries;
    private final ReadConsistency consistency;
    private final ExecutionRatesAnswers answers;
    private final LedgerCalendar calendar;
    private final Classifications classifications;
    private final ScopeCheck scopes;
    private final UnitVersions units;

    BalanceController(BalanceQueries queries, ReadConsistency consistency, ExecutionRatesAnswers answers,
                      LedgerCalendar calendar, Classifications classifications, ScopeCheck scopes, UnitVersions units) {
        this.queries = queries;
        this.classifications = classifications;
        this.consistency = consistency;
        this.answers = answers;
        this.calendar = calendar;
        this.scopes = scopes;
        this.units = units;
    }

    @Operation(summary = "An indicator's attributes and figures")
    @GetMapping("/indicators/{indicatorId}")
    Map<String, Object> indicator(@PathVariable String indicatorId,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                  @RequestParam(required = false) Instant knownAt,
                                  @RequestParam(required = false) Long minSequence) {
        consistency.await(minSequence);
        long sequence = consistency.current();
        Optional<IndicatorView> found = queries.indicator(indicatorId, new TimeSlice(asOf, knownAt));
        scopes.requireIndicator(found.map(IndicatorView::unitCode));
        IndicatorView view = found.orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "INDICATOR_NOT_FOUND",
                        "indicator " + indicatorId + " does not exist"));
        Map<String, Object> body = IndicatorFields.of(view);
        body.put("asOf", asOf);
        body.put("knownAt", knownAt);
        body.put("sequence", sequence);
        return body;
    }

    @Operation(summary = "Figures summed per group (groupBy: unit, fundSource, functionalClass, functionalSection, "
            + "functionalItem, economicClass, economicSection, governmentEconomicSection, kind, project, indicator)")
    @GetMapping("/balances")
    Map<String, Object> balances(@RequestParam(required = false) Integer fiscalYear,
                                 @RequestParam(required = false) String departmentCode,
                                 @RequestParam(required = false) String unitCode,
                                 @RequestParam(required = false) List<String> groupBy,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                 @RequestParam(required = false) Instant knownAt,
                                 @RequestParam(required = false) Long minSequence) {
        Scope scope = ReadParameters.scope(fiscalYear, departmentCode, unitCode);
        List<Dimension> dimensions = ReadParameters.groupBy(groupBy);
        scopes.requireRead(departmentCode, unitCode);
        consistency.await(minSequence);
        long sequence = consistency.current();
        List<Map<String, Object>> rows = balances(scope, dimensions, new TimeSlice(asOf, knownAt)).stream()
                .map(row -> row(row, FigureFields.of(row.figures()))).toList();
        return ReadAnswers.list(asOf, knownAt, sequence, rows);
    }

    @Operation(summary = "Execution rates per group against time progress (序时进度); answers ETag, honours If-None-Match")
    @GetMapping("/execution-rates")
    ResponseEntity<Map<String, Object>> executionRates(
            @RequestParam(required = false) Integer fiscalYear,
            @RequestParam(required = false) String departmentCode,
            @RequestParam(required = false) String unitCode,
            @RequestParam(required = false) List<String> groupBy,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) Long minSequence,
            @RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        Scope scope = ReadParameters.scope(fiscalYear, departmentCode, unitCode);
        List<Dimension> dimensions = ReadParameters.groupBy(groupBy);
        scopes.requireRead(departmentCode, unitCode);
        consistency.await(minSequence);
        long sequence = consistency.current();
        LocalDate progressDate = calendar.progressDay(asOf, knownAt);
        String etag = ExecutionRatesTag.of(sequence, scope, dimensions, asOf, knownAt, progressDate);
        CacheControl cache = CacheControl.noCache();
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
        }
        Map<String, Object> answer = answers.answer(sequence, etag, () -> {
            BigDecimal timeProgress = TimeProgress.of(scope.fiscalYear(), progressDate);
            List<Map<String, Object>> rows = balances(scope, dimensions, new TimeSlice(asOf, knownAt)).stream()
                    .map(row -> row(row, FigureFields.rates(row.figures(), timeProgress))).toList();
            return ReadAnswers.list(asOf, knownAt, sequence, rows);
        });
        return ResponseEntity.ok().eTag(etag).cacheControl(cache).body(answer);
    }

    /**
     * The groups of a read; by 政府预算支出经济分类, each unit's economic 款 mapped through the economic
     * list of the scope's fiscal year: for a 事业单位 (as of the read) by the mapping for public
     * institutions, for any other unit by the one for 行政单位 and 参照公务员法管理事业单位; a 款
     * without a mapping is kept under its own code.
     */
    private List<BalanceRow> balances(Scope scope, List<Dimension> dimensions, TimeSlice time) {
        Dimension mapped = Dimension.GOVERNMENT_ECONOMIC_SECTION;
        if (!dimensions.contains(mapped)) {
            return queries.balances(scope, dimensions, time);
        }
        // grouped by unit as well, for each unit's type; the unit is left out again unless asked for
        List<Dimension> byUnit = dimensions.contains(Dimension.UNIT) ? dimensions
                : Stream.concat(dimensions.stream(), Stream.of(Dimension.UNIT)).toList();
        Optional<CodeList> economic = classifications.list(scope.fiscalYear(), ClassificationKind.ECONOMIC);
        Map<String, Boolean> publicInstitutions = new HashMap<>();
        return BalanceRow.regrouped(queries.balances(scope, byUnit, time), key -> {
            String unit = dimensions.contains(Dimension.UNIT) ? key.get(Dimension.UNIT.key())
                    : key.remove(Dimension.UNIT.key());
            String section = key.get(mapped.key());
            if (section != null) {
                boolean publicInstitution = publicInstitutions.computeIfAbsent(unit, code -> units
                        .find(code, time.asOf(), time.knownAt())
                        .map(u -> u.unitType() == UnitType.PUBLIC_INSTITUTION).orElse(false));
                key.put(mapped.key(), economic.flatMap(list -> list.governmentCode(new EconomicCode(section),
                        publicInstitution)).orElse(section));
            }
            return key;
        });
    }

    private static Map<String, Object> row(BalanceRow row, Map<String, Object> figures) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", row.key());
        out.putAll(figures);
        return out;
    }
}
