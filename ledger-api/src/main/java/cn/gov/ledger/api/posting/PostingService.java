package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.api.posting.PostingWriter.Submitted;
import cn.gov.ledger.api.posting.PostingWriter.Written;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.classification.Classifications;
import cn.gov.ledger.core.indicator.MoveExpenditure;
import cn.gov.ledger.projections.unit.UnitVersions;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * Posts to the ledger: validates each request, hands it to the {@link PostingWriter} (single
 * postings through {@link GroupCommit}, batches directly) and counts what became of it. The
 * writer makes each posting exactly once.
 */
@Service
public class PostingService {

    /** How a posting ended: 201 created, or 200 for a repeat of an accepted one. */
    public record Outcome(int status, PostingResult result) {
    }

    /** One posting of a batch: its outcome or its problem. */
    public record BatchItem(int index, int status, PostingResult result, Map<String, Object> problem) {
    }

    private final PostingWriter writer;
    private final PostingReceipts receipts;
    private final UnitVersions units;
    private final Classifications classifications;
    private final MeterRegistry meters;
    private final GroupCommit<Submitted, Written> singlePostings;

    PostingService(PostingWriter writer, PostingReceipts receipts, UnitVersions units,
                   Classifications classifications, MeterRegistry meters, LedgerProperties properties) {
        this.writer = writer;
        this.receipts = receipts;
        this.units = units;
        this.classifications = classifications;
        this.meters = meters;
        LedgerProperties.Posting limits = properties.posting();
        this.singlePostings = new GroupCommit<>("group-commit", limits.groupCommitWriters(),
                limits.groupCommitSize(), writer::writeEach);
        meters.gauge("ledger.postings.waiting", singlePostings, GroupCommit::waiting);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        singlePostings.close();
    }

    /** One posting, written together with the others that arrive meanwhile (GroupCommit). */
    public Outcome post(PostingRequest request, Caller caller) {
        try {
            Written written = singlePostings.submit(new Submitted(request.prepare(context(Map.of(), Map.of())), caller));
            if (written.problem() != null) {
                throw written.problem();
            }
            count(request.type(), written.status() == 201 ? "created" : "repeated", "OK");
            return new Outcome(written.status(), written.result());
        } catch (ApiProblem problem) {
            count(request.type(), "rejected", problem.code());
            throw problem;
        }
    }

    /** Each posting on its own: one result per posting, in order, as if posted one after the other. */
    public List<BatchItem> postEach(List<PostingRequest> requests, Caller caller) {
        BatchItem[] items = new BatchItem[requests.size()];
        Function<PostingRequest, PreparedPosting> preparer = batchPreparer();
        List<Submitted> prepared = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                prepared.add(new Submitted(preparer.apply(requests.get(i)), caller));
                indexes.add(i);
            } catch (ApiProblem problem) {
                items[i] = item(i, requests, Written.refused(problem));
            }
        }
        List<Written> written = writer.writeEach(prepared);
        for (int k = 0; k < written.size(); k++) {
            items[indexes.get(k)] = item(indexes.get(k), requests, written.get(k));
        }
        return List.of(items);
    }

    /** All postings in one transaction, or none: the first refusal throws {@link BatchRefused}. */
    public List<BatchItem> postAtomically(List<PostingRequest> requests, Caller caller) {
        Function<PostingRequest, PreparedPosting> preparer = batchPreparer();
        List<Submitted> prepared = new ArrayList<>(requests.size());
        try {
            for (int i = 0; i < requests.size(); i++) {
                try {
                    prepared.add(new Submitted(preparer.apply(requests.get(i)), caller));
                } catch (ApiProblem problem) {
                    throw new BatchRefused(i, problem);
                }
            }
            List<Written> written = writer.writeAll(prepared);
            List<BatchItem> items = new ArrayList<>(written.size());
            for (int i = 0; i < written.size(); i++) {
                items.add(item(i, requests, written.get(i)));
            }
            return items;
        } catch (BatchRefused refused) {
            count(requests.get(refused.index()).type(), "rejected", refused.problem().code());
            throw refused;
        }
    }

    /**
     * Validates the postings of one batch in order: a reversal or move may name an expenditure
     * earlier in it, an income reversal an income.
     */
    private Function<PostingRequest, PreparedPosting> batchPreparer() {
        Map<String, String> expendituresInBatch = new HashMap<>();
        Map<String, String> incomesInBatch = new HashMap<>();
        PostingContext context = context(expendituresInBatch, incomesInBatch);
        return request -> {
            PreparedPosting posting = request.prepare(context);
            if (posting.type() == PostingType.EXPENDITURE) {
                expendituresInBatch.put(posting.postingId(), posting.indicatorId());
            }
            if (posting.type() == PostingType.INCOME) {
                incomesInBatch.put(posting.postingId(), posting.indicatorId());
            }
            if (posting.command() instanceof MoveExpenditure move) {
                // a reversal later in the batch finds it where it was moved
                expendituresInBatch.put(move.expenditureId(), move.targetIndicatorId());
            }
            return posting;
        };
    }

    private PostingContext context(Map<String, String> expendituresInBatch, Map<String, String> incomesInBatch) {
        return new PostingContext() {
            @Override
            public boolean unitExists(String unitCode) {
                return units.exists(unitCode);
            }

            @Override
            public Classifications classifications() {
                return classifications;
            }

            @Override
            public Optional<String> indicatorOfExpenditure(String expenditureId) {
                String inBatch = expendituresInBatch.get(expenditureId);
                if (inBatch != null) {
                    return Optional.of(inBatch);
                }
                return receipts.indicatorOfExpenditure(expenditureId);
            }

            @Override
            public Optional<String> indicatorOfIncome(String incomeId) {
                String inBatch = incomesInBatch.get(incomeId);
                if (inBatch != null) {
                    return Optional.of(inBatch);
                }
                return receipts.indicatorOfIncome(incomeId);
            }
        };
    }

    private BatchItem item(int index, List<PostingRequest> requests, Written written) {
        PostingType type = requests.get(index).type();
        if (written.problem() != null) {
            count(type, "rejected", written.problem().code());
            return new BatchItem(index, written.status(), null, written.problem().toMap());
        }
        count(type, written.status() == 201 ? "created" : "repeated", "OK");
        return new BatchItem(index, written.status(), written.result(), null);
    }

    private void count(PostingType type, String outcome, String code) {
        meters.counter("ledger.postings", "type", type.name(), "outcome", outcome, "code", code).increment();
    }
}
