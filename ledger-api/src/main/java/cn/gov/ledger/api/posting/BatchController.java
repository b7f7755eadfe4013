package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/postings:batch}: many postings in one request, each or all. */
@RestController
@Tag(name = "Posting")
public class BatchController {

    public record BatchResponse(boolean atomic, long sequence, List<PostingService.BatchItem> results) {
    }

    private final PostingService postings;
    private final int maxBatchSize;

    public BatchController(PostingService postings, cn.gov.ledger.api.config.LedgerProperties properties) {
        this.postings = postings;
        this.maxBatchSize = properties.posting().maxBatchSize();
    }

    @Operation(summary = "Post a batch: one result per posting, in order; with atomic, all or none")
    @PostMapping(path = "/api/v1/postings:batch", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BatchResponse> batch(@RequestBody BatchRequest body, HttpServletRequest request) {
        if (body.postings() == null || body.postings().isEmpty()) {
            throw ApiProblem.validation(Map.of("postings", "must hold at least one posting"));
        }
        if (body.postings().size() > maxBatchSize) {
            throw new ApiProblem(HttpStatus.PAYLOAD_TOO_LARGE, "BATCH_TOO_LARGE",
                    "a batch holds at most " + maxBatchSize + " postings");
        }
        if (body.postings().contains(null)) {
            throw ApiProblem.validation(Map.of("postings", "must not contain null"));
        }
        Caller caller = Caller.of(request);
        List<PostingService.BatchItem> results = body.atomic()
                ? postings.postAtomically(body.postings(), caller)
                : postings.postEach(body.postings(), caller);
        long sequence = results.stream().filter(r -> r.result() != null)
                .mapToLong(r -> r.result().sequence()).max().orElse(0);
        return ResponseEntity.ok(new BatchResponse(body.atomic(), sequence, results));
    }

    /** An atomic batch answers with the problem of the posting that stopped it, and its index. */
    @ExceptionHandler(BatchRefused.class)
    ResponseEntity<ProblemDetail> refused(BatchRefused refused) {
        ProblemDetail problem = refused.problem().toProblemDetail();
        problem.setDetail("posting " + refused.index() + " was refused, so none of the batch was written: "
                + refused.problem().getMessage());
        problem.setProperty("index", refused.index());
        return ResponseEntity.status(refused.problem().status()).body(problem);
    }
}
