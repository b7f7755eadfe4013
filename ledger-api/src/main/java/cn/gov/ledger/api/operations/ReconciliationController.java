package cn.gov.ledger.api.operations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The reconciliation of the read models with the event store, on demand (ADMIN). */
@RestController
@RequestMapping("/api/v1/operations")
@Tag(name = "Operations", description = "Keeping the read models in step with the event store")
public class ReconciliationController {

    private final DriftRepairer repairer;

    public ReconciliationController(DriftRepairer repairer) {
        this.repairer = repairer;
    }

    @Operation(summary = "Compare the read models with the event store now, and repair them by replay if events are missing",
            description = """
                    Every figure-changing event the "balances" processor has passed (leaving out the gaps it \
                    still waits for) must have its movement in the read model, and every carry-forward must \
                    have closed its indicator. Answers 200 with state (CONSISTENT, DRIFTED, REPAIRED, \
                    REPAIR_FAILED), checkedUpTo, missingEvents (missingMovements + missingClosures), \
                    firstMissing (global indexes), inFlight, and with repair the replay's replayedUpTo, \
                    tookMillis, failure and the check after it. With deep=true it also compares each \
                    indicator's figures with the sums of its events (reads every event: slower).""")
    @PostMapping("/reconciliation")
    Map<String, Object> reconcile(
            @Parameter(description = "replay the read models if events are missing (default: ledger.reconciliation.repair)")
            @RequestParam(required = false) Boolean repair,
            @Parameter(description = "also compare every indicator's sums with its events' amounts")
            @RequestParam(defaultValue = "false") boolean deep) {
        boolean repairing = repair == null ? repairer.settings().repair() : repair;
        return DriftRepairer.describe(repairer.reconcile(repairing, deep));
    }

    @Operation(summary = "The last reconciliation's outcome (scheduled or on demand)")
    @GetMapping("/reconciliation")
    Map<String, Object> last() {
        DriftRepairer.Outcome last = repairer.last();
        return last == null ? Map.of("state", "NOT_CHECKED_YET") : DriftRepairer.describe(last);
    }
}
