package cn.gov.ledger.api.classification;

import cn.gov.ledger.api.reading.LedgerCalendar;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.web.CorrelationIdFilter;
import cn.gov.ledger.core.classification.ClassificationKind;
import cn.gov.ledger.core.classification.CodeList;
import cn.gov.ledger.core.classification.ListedCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The classification code lists (政府收支分类科目) of each fiscal year: functional (支出功能分类),
 * economic (部门预算支出经济分类, with its mapping) and government-economic (政府预算支出经济分类).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reference data")
public class ClassificationController {

    private final YearClassifications lists;
    private final ClassificationLoads loads;
    private final LedgerCalendar calendar;

    public ClassificationController(YearClassifications lists, ClassificationLoads loads, LedgerCalendar calendar) {
        this.lists = lists;
        this.loads = loads;
        this.calendar = calendar;
    }

    @Operation(summary = "A fiscal year's code list (kind: functional, economic or government-economic), with whether "
            + "it is complete and where it comes from; fiscalYear defaults to the current fiscal year, or the latest "
            + "year with a list when the current one has none")
    @GetMapping("/classifications/{kind}")
    Map<String, Object> list(@PathVariable String kind, @RequestParam(required = false) Integer fiscalYear) {
        ClassificationKind k = kind(kind);
        int year = fiscalYear != null ? fiscalYear : defaultYear(k);
        CodeList list = lists.list(year, k).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
                "CLASSIFICATION_NOT_FOUND", "the ledger has no " + k.key() + " list for " + year,
                Map.of("fiscalYear", year)));
        return answer(list);
    }

    @Operation(summary = "Load or replace a fiscal year's code list (ADMIN) from a text/csv body: code,name (economic: "
            + "code,name,governmentCode,institutionGovernmentCode); the loaded list is the official one, and complete")
    @PutMapping(path = "/classifications/{fiscalYear}/{kind}", consumes = "text/csv")
    Map<String, Object> load(@PathVariable int fiscalYear, @PathVariable String kind, @RequestBody(required = false) String csv,
                             Principal principal, HttpServletRequest request) {
        ClassificationKind k = kind(kind);
        if (fiscalYear < 1990 || fiscalYear > 2999) {
            throw ApiProblem.validation(Map.of("fiscalYear", "must be a year between 1990 and 2999"));
        }
        return answer(loads.load(fiscalYear, k, csv, principal.getName(), CorrelationIdFilter.of(request)));
    }

    private int defaultYear(ClassificationKind kind) {
        int current = calendar.today().getYear();
        SortedSet<Integer> years = lists.years(kind);
        if (years.contains(current) || years.isEmpty()) {
            return current;
        }
        SortedSet<Integer> upToNow = years.headSet(current);
        return upToNow.isEmpty() ? years.first() : upToNow.last();
    }

    private static ClassificationKind kind(String key) {
        return ClassificationKind.byKey(key).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND,
                "CLASSIFICATION_NOT_FOUND", "no code list is called '" + key
                + "'; use functional, economic or government-economic"));
    }

    private static Map<String, Object> answer(CodeList list) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fiscalYear", list.fiscalYear());
        body.put("kind", list.kind().key());
        body.put("complete", list.complete());
        body.put("source", list.source());
        body.put("loadedBy", list.loadedBy().orElse(null));
        body.put("loadedAt", list.loadedAt().orElse(null));
        body.put("rows", list.codes().stream().map(c -> row(list.kind(), c)).toList());
        return body;
    }

    private static Map<String, Object> row(ClassificationKind kind, ListedCode code) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", code.code());
        row.put("name", code.name());
        if (kind == ClassificationKind.ECONOMIC) {
            row.put("governmentCode", code.governmentCode());
            row.put("institutionGovernmentCode", code.institutionGovernmentCode());
        }
        return row;
    }
}
