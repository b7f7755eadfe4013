package cn.gov.ledger.api.reading;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.indicator.ExpenditureKind;
import cn.gov.ledger.projections.balance.BalanceQueries;
import cn.gov.ledger.projections.balance.IndicatorFilter;
import cn.gov.ledger.projections.balance.IndicatorView;
import cn.gov.ledger.projections.balance.TimeSlice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The indicators of a fiscal year, filtered, with their attributes and figures as the single read
 * answers them, a page at a time: keyset paging on the indicator id behind an opaque cursor.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reading")
public class IndicatorListController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** What a cursor encodes before the last indicator id of its page, so that a random string is refused. */
    private static final String CURSOR_PREFIX = "after:";

    private final BalanceQueries queries;
    private final ReadConsistency consistency;

    IndicatorListController(BalanceQueries queries, ReadConsistency consistency) {
        this.queries = queries;
        this.consistency = consistency;
    }

    @Operation(summary = "Indicators of a fiscal year with their attributes and figures, a page at a time "
            + "(filters: departmentCode or unitCode, functionalCode prefix, kind, projectCode, status OPEN|CLOSED)")
    @GetMapping("/indicators")
    Map<String, Object> indicators(@RequestParam(required = false) Integer fiscalYear,
                                   @RequestParam(required = false) String departmentCode,
                                   @RequestParam(required = false) String unitCode,
                                   @RequestParam(required = false) String functionalCode,
                                   @RequestParam(required = false) String kind,
                                   @RequestParam(required = false) String projectCode,
                                   @RequestParam(required = false) String status,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                   @RequestParam(required = false) Instant knownAt,
                                   @RequestParam(required = false) Long minSequence) {
        IndicatorFilter filter = filter(fiscalYear, departmentCode, unitCode, functionalCode, kind, projectCode, status);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ApiProblem.validation(Map.of("limit", "must be between 1 and " + MAX_LIMIT));
        }
        String afterId = cursor == null ? null : decode(cursor);
        consistency.await(minSequence);
        long sequence = consistency.current();
        // one more than the page, to tell whether another follows
        List<IndicatorView> found = queries.indicators(filter, new TimeSlice(asOf, knownAt), afterId, size + 1);
        List<IndicatorView> page = found.subList(0, Math.min(size, found.size()));
        Map<String, Object> body = new LinkedHashMap<>(ReadAnswers.list(asOf, knownAt, sequence,
                page.stream().map(IndicatorFields::of).toList()));
        body.put("nextCursor", found.size() > size ? encode(page.get(page.size() - 1).indicatorId()) : null);
        return body;
    }

    private static IndicatorFilter filter(Integer fiscalYear, String departmentCode, String unitCode,
                                          String functionalCode, String kind, String projectCode, String status) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (fiscalYear == null) {
            errors.put("fiscalYear", "is required");
        }
        if (departmentCode != null && unitCode != null) {
            errors.put("departmentCode", "give at most one of departmentCode and unitCode");
        }
        if (functionalCode != null && !functionalCode.matches("\\d{3}|\\d{5}|\\d{7}")) {
            errors.put("functionalCode", "a 类, 款 or 项 code of 3, 5 or 7 digits");
        }
        if (kind != null && Arrays.stream(ExpenditureKind.values()).noneMatch(k -> k.name().equals(kind))) {
            errors.put("kind", "one of " + Arrays.toString(ExpenditureKind.values()));
        }
        if (status != null && !status.equals("OPEN") && !status.equals("CLOSED")) {
            errors.put("status", "OPEN or CLOSED");
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return new IndicatorFilter(fiscalYear, departmentCode, unitCode, functionalCode, kind, projectCode,
                status == null ? null : status.equals("CLOSED"));
    }

    private static String encode(String indicatorId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + indicatorId).getBytes(StandardCharsets.UTF_8));
    }

    /** The last indicator id of the page before, or 400 INVALID_CURSOR for a string no page answered. */
    private static String decode(String cursor) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor))).toString();
            if (text.startsWith(CURSOR_PREFIX) && text.length() > CURSOR_PREFIX.length()) {
                return text.substring(CURSOR_PREFIX.length());
            }
        } catch (IllegalArgumentException | CharacterCodingException e) {
            // not base64url or not UTF-8: refused below
        }
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_CURSOR",
                "the cursor is not one a page of this list answered; start again without it");
    }
}
