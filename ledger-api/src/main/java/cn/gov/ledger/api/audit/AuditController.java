package cn.gov.ledger.api.audit;

import cn.gov.ledger.api.reading.FigureFields;
import cn.gov.ledger.api.reading.ReadAnswers;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.indicator.IndicatorAttributes;
import cn.gov.ledger.core.indicator.IndicatorState;
import cn.gov.ledger.core.unit.BudgetUnit;
import cn.gov.ledger.projections.audit.EventJournal;
import cn.gov.ledger.projections.audit.IndicatorReplay;
import cn.gov.ledger.projections.audit.RecordedEvent;
import cn.gov.ledger.projections.balance.TimeSlice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail: the events themselves, and an indicator rebuilt from them alone. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "Events in order and replays independent of any read model")
public class AuditController {

    private static final int MAX_LIMIT = 10_000;

    private final EventJournal journal;
    private final IndicatorReplay replay;

    public AuditController(EventJournal journal, IndicatorReplay replay) {
        this.journal = journal;
        this.replay = replay;
    }

    @Operation(summary = "Events in global order, with effective date, recorded time, who posted and the caller's id; "
            + "page with afterSequence")
    @GetMapping("/events")
    Map<String, Object> events(@RequestParam(required = false) String indicatorId,
                               @RequestParam(required = false) String unitCode,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                               @RequestParam(defaultValue = "0") long afterSequence,
                               @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.validation(Map.of("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (indicatorId != null && unitCode != null) {
            throw ApiProblem.validation(Map.of("unitCode", "give at most one of indicatorId and unitCode"));
        }
        List<RecordedEvent> rows = journal.events(unitCode != null ? BudgetUnit.aggregateId(unitCode) : indicatorId,
                from, to, afterSequence, limit);
        long sequence = rows.isEmpty() ? afterSequence : rows.get(rows.size() - 1).sequence();
        return ReadAnswers.list(null, null, sequence, rows);
    }

    @Operation(summary = "The indicator's figures rebuilt by replaying its own events from the event store")
    @GetMapping("/indicators/{indicatorId}/replay")
    Map<String, Object> replay(@PathVariable String indicatorId,
                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                               @RequestParam(required = false) Instant knownAt) {
        IndicatorReplay.Replayed replayed = replay.replay(indicatorId, new TimeSlice(asOf, knownAt))
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "INDICATOR_NOT_FOUND",
                        "indicator " + indicatorId + " has no events"));
        IndicatorState state = replayed.state();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("indicatorId", indicatorId);
        IndicatorAttributes a = state.attributes();
        body.put("fiscalYear", a.fiscalYear());
        body.put("unitCode", a.unitCode());
        body.put("fundSource", a.fundSource());
        body.put("functionalCode", a.functionalCode().value());
        body.put("kind", a.kind());
        body.put("projectCode", a.projectCode());
        body.put("projectName", a.projectName());
        body.put("economicCode", a.economicCode() == null ? null : a.economicCode().value());
        body.put("status", state.closed() ? "CLOSED" : "OPEN");
        body.putAll(FigureFields.of(state.figures()));
        body.put("events", replayed.events());
        body.put("asOf", asOf);
        body.put("knownAt", knownAt);
        return body;
    }
}
