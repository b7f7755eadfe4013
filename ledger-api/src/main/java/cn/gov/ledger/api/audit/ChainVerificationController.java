package cn.gov.ledger.api.audit;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.projections.audit.ChainVerification;
import cn.gov.ledger.projections.audit.ChainVerifier;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Tamper evidence: recomputes the hash chain over the event store. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit")
public class ChainVerificationController {

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final ChainVerifier verifier;

    public ChainVerificationController(ChainVerifier verifier) {
        this.verifier = verifier;
    }

    @Operation(summary = "Recompute the hash chain of every event and compare it with the stored links",
            description = """
                    Every event is chained: its link's hash is SHA-256 over its stored row (payload and metadata \
                    bytes, type, aggregate and sequence, time stamp, identifier, global index) and the previous \
                    link's hash. Answers 200 either way with valid, checked (events verified), pending (events \
                    not chained yet, not an error), headHash and headSequence (the last link: keep the hash), \
                    firstBadSequence (the global index of the first event or link that does not verify), \
                    failure (EVENT_ALTERED, EVENT_MISSING, LINK_MISSING, LINK_BROKEN, UNKNOWN_HEAD) and reason. \
                    With expectHead, a head hash kept earlier, the chain is valid only if that hash is the hash \
                    of one of its links (its global index is expectedHeadSequence) and everything verifies; an \
                    unknown hash answers valid false with failure UNKNOWN_HEAD and no firstBadSequence.""")
    @GetMapping("/verify")
    ChainVerification verify(@Parameter(description = "a head hash kept earlier: 64 hexadecimal digits")
                             @RequestParam(required = false) String expectHead) {
        if (expectHead != null && !SHA_256.matcher(expectHead).matches()) {
            throw ApiProblem.validation(Map.of("expectHead", "must be a SHA-256 hash: 64 hexadecimal digits"));
        }
        return verifier.verify(expectHead == null ? null : expectHead.toLowerCase(Locale.ROOT));
    }
}
