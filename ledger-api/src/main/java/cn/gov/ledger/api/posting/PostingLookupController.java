package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.security.ApiKeys;
import cn.gov.ledger.api.security.Role;
import cn.gov.ledger.api.security.ScopeCheck;
import cn.gov.ledger.api.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "What happened to my posting?": the accepted postings with an id (of one type, or of every type),
 * each with the answer it was given and its events. A refused posting left no trace, so it is not
 * found like one never sent; a POSTER key finds only the postings it sent.
 */
@RestController
@Tag(name = "Posting")
public class PostingLookupController {

    /** The answer: every accepted posting with the id, oldest first. */
    record Found(List<Posting> postings) {
    }

    /** One accepted posting. */
    record Posting(PostingType type, String postingId, String indicatorId, String status, PostingResult answer,
                   String postedBy, List<PostingHistory.PostingEvent> events) {
    }

    private final PostingReceipts receipts;
    private final PostingHistory history;
    private final IndicatorUnits indicatorUnits;
    private final ScopeCheck scopes;

    PostingLookupController(PostingReceipts receipts, PostingHistory history, IndicatorUnits indicatorUnits,
                            ScopeCheck scopes) {
        this.receipts = receipts;
        this.history = history;
        this.indicatorUnits = indicatorUnits;
        this.scopes = scopes;
    }

    @Operation(summary = "An accepted posting by its id: the answer it was given and its events")
    @GetMapping(value = "/api/v1/postings/{postingId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Found find(@PathVariable String postingId, @RequestParam(required = false) PostingType type) {
        ApiKeys.Holder holder = ScopeCheck.currentHolder();
        List<PostingType> types = type == null ? List.of(PostingType.values()) : List.of(type);
        List<Posting> postings = receipts.withId(postingId, types).stream()
                .filter(stored -> holder.role() != Role.POSTER || holder.name().equals(stored.postedBy()))
                .filter(stored -> inScope(holder, stored.answer().indicatorId()))
                .map(stored -> new Posting(stored.answer().type(), postingId, stored.answer().indicatorId(),
                        "ACCEPTED", stored.answer(), stored.postedBy(), history.eventsOf(stored.answer())))
                .toList();
        if (postings.isEmpty()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "POSTING_NOT_FOUND",
                    "no accepted posting has the id " + postingId + (type == null ? "" : " and the type " + type));
        }
        return new Found(postings);
    }

    /** A scoped key finds only postings to indicators in its scope; the others are not found, like other keys' postings. */
    private boolean inScope(ApiKeys.Holder holder, String indicatorId) {
        if (holder.scope().unscoped()) {
            return true;
        }
        String unit = indicatorUnits.unitsOf(List.of(indicatorId)).get(indicatorId);
        return unit != null && scopes.mayRead(holder, null, unit);
    }
}
