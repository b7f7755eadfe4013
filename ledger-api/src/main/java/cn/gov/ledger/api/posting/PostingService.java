package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.config.AxonConfiguration;
import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.web.RejectionProblems;
import cn.gov.ledger.core.indicator.LedgerRejection;
import cn.gov.ledger.projections.unit.UnitDirectory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts to the ledger exactly once. A posting's receipt, its command and its events share one
 * transaction: a repeat with the same content answers the stored result and writes nothing, the
 * same id with other content is refused, and a rejected posting leaves no trace.
 */
@Service
public class PostingService {

    private static final Logger log = LoggerFactory.getLogger(PostingService.class);

    /** How a posting ended: 201 created, or 200 for a repeat of an accepted one. */
    public record Outcome(int status, PostingResult result) {
    }

    /** One posting of a batch: its outcome or its problem. */
    public record BatchItem(int index, int status, PostingResult result, Map<String, Object> problem) {
    }

    /** A validated posting and who sent it. */
    private record Submitted(PreparedPosting posting, Caller caller) {
    }

    /** What became of a submitted posting: its outcome, or the problem that refused it. */
    private record Written(Outcome outcome, ApiProblem problem) {
    }

    /** An atomic batch refused because of the posting at {@code index}: nothing of it was written. */
    public static class BatchRejected extends RuntimeException {
        private final int index;
        private final ApiProblem problem;

        BatchRejected(int index, ApiProblem problem) {
            super(problem.getMessage());
            this.index = index;
            this.problem = problem;
        }

        public int index() {
            return index;
        }

        public ApiProblem problem() {
            return problem;
        }
    }

    private final CommandGateway commands;
    private final PostingReceipts receipts;
    private final IndicatorUnits indicatorUnits;
    private final UnitDirectory units;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final LedgerProperties.Posting limits;
    private final IndicatorLocks locks = new IndicatorLocks(1024);
    private final GroupCommit<Submitted, Written> singlePostings;
    private final DistributionSummary groupSizes;

    PostingService(CommandGateway commands, PostingReceipts receipts, IndicatorUnits indicatorUnits, UnitDirectory units,
                   PlatformTransactionManager transactionManager, ObjectMapper json, MeterRegistry meters,
                   LedgerProperties properties) {
        this.commands = commands;
        this.receipts = receipts;
        this.indicatorUnits = indicatorUnits;
        this.units = units;
        this.transaction = new TransactionTemplate(transactionManager);
        this.json = json;
        this.meters = meters;
        this.limits = properties.posting();
        this.groupSizes = DistributionSummary.builder("ledger.postings.group.size")
                .description("postings written together: a group of single postings, or a batch").register(meters);
        this.singlePostings = new GroupCommit<>("group-commit", limits.groupCommitWriters(),
                limits.groupCommitSize(), this::writeEach);
        meters.gauge("ledger.postings.waiting", singlePostings, GroupCommit::waiting);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        singlePostings.close();
    }

    /** One posting, written together with the others that arrive meanwhile (GroupCommit). */
    public Outcome post(PostingRequest request, Caller caller) {
        try {
            Written written = singlePostings.submit(new Submitted(request.prepare(context(Map.of())), caller));
            if (written.problem() != null) {
                throw written.problem();
            }
            count(request.type(), written.outcome().status() == 201 ? "created" : "repeated", "OK");
            return written.outcome();
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
                items[i] = refused(i, requests.get(i).type(), problem);
            }
        }
        List<Written> written = writeEach(prepared);
        for (int k = 0; k < written.size(); k++) {
            int index = indexes.get(k);
            items[index] = written.get(k).problem() == null
                    ? accepted(index, requests, written.get(k).outcome())
                    : refused(index, requests.get(index).type(), written.get(k).problem());
        }
        return List.of(items);
    }

    /**
     * Writes each posting on its own terms, in order, in as few transactions as refusals allow:
     * all in one; when one is refused, that transaction rolls back, the postings before the
     * refused one are written in a transaction of their own (their outcome is known), the refused
     * one gets its problem, and the rest go on the same way after it.
     */
    private List<Written> writeEach(List<Submitted> submitted) {
        groupSizes.record(submitted.size());
        Written[] written = new Written[submitted.size()];
        try (IndicatorLocks.Held held = locks.lock(indicatorIds(submitted), limits.lockTimeout())) {
            int start = 0;
            BatchRejected pending = null;
            while (start < submitted.size()) {
                int end = pending == null ? submitted.size() : pending.index();
                try {
                    List<Outcome> outcomes = write(submitted.subList(start, end));
                    for (int k = 0; k < outcomes.size(); k++) {
                        written[start + k] = new Written(outcomes.get(k), null);
                    }
                    if (pending != null) {
                        written[end++] = new Written(null, pending.problem());
                    }
                    start = end;
                    pending = null;
                } catch (BatchRejected rejected) {
                    if (rejected.index() == 0) {
                        written[start++] = new Written(null, rejected.problem());
                        pending = null;
                    } else {
                        pending = new BatchRejected(start + rejected.index(), rejected.problem());
                    }
                }
            }
        }
        return List.of(written);
    }

    /** All postings in one transaction, or none: the first refusal rolls back the whole batch. */
    public List<BatchItem> postAtomically(List<PostingRequest> requests, Caller caller) {
        Function<PostingRequest, PreparedPosting> preparer = batchPreparer();
        List<Submitted> prepared = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                prepared.add(new Submitted(preparer.apply(requests.get(i)), caller));
            } catch (ApiProblem problem) {
                count(requests.get(i).type(), "rejected", problem.code());
                throw new BatchRejected(i, problem);
            }
        }
        try {
            List<Outcome> outcomes = write(prepared);
            List<BatchItem> items = new ArrayList<>(outcomes.size());
            for (int i = 0; i < outcomes.size(); i++) {
                items.add(accepted(i, requests, outcomes.get(i)));
            }
            return items;
        } catch (BatchRejected rejected) {
            count(requests.get(rejected.index()).type(), "rejected", rejected.problem().code());
            throw rejected;
        }
    }

    /** Validates the postings of one batch in order: a reversal may name an expenditure earlier in it. */
    private Function<PostingRequest, PreparedPosting> batchPreparer() {
        Map<String, String> expendituresInBatch = new HashMap<>();
        PostingContext context = context(expendituresInBatch);
        return request -> {
            PreparedPosting posting = request.prepare(context);
            if (posting.type() == PostingType.EXPENDITURE) {
                expendituresInBatch.put(posting.postingId(), posting.indicatorId());
            }
            return posting;
        };
    }

    private BatchItem accepted(int index, List<PostingRequest> requests, Outcome outcome) {
        count(requests.get(index).type(), outcome.status() == 201 ? "created" : "repeated", "OK");
        return new BatchItem(index, outcome.status(), outcome.result(), null);
    }

    private BatchItem refused(int index, PostingType type, ApiProblem problem) {
        count(type, "rejected", problem.code());
        return new BatchItem(index, problem.status().value(), null, problemBody(problem));
    }

    private static Set<String> indicatorIds(List<Submitted> postings) {
        Set<String> ids = new LinkedHashSet<>();
        postings.forEach(submitted -> ids.addAll(submitted.posting().indicatorIds()));
        return ids;
    }

    /**
     * Writes these postings in one transaction, all or none, queued behind other postings on their
     * indicators, and retried when it loses a race with another node; a refusal names its index.
     */
    private List<Outcome> write(List<Submitted> submitted) {
        List<String> hashes = submitted.stream().map(s -> contentHash(s.posting())).toList();
        return retrying(() -> {
            try (IndicatorLocks.Held held = locks.lock(indicatorIds(submitted), limits.lockTimeout())) {
                return transaction.execute(status -> apply(submitted, hashes));
            }
        });
    }

    /**
     * Runs inside the transaction. The commands share one unit of work, so their events are
     * appended in one batch when it commits; then the receipts and new indicators are written.
     */
    private List<Outcome> apply(List<Submitted> submitted, List<String> hashes) {
        List<PreparedPosting> postings = submitted.stream().map(Submitted::posting).toList();
        List<String> keys = postings.stream().map(PostingReceipts::key).toList();
        Map<String, PostingReceipts.Receipt> earlier = receipts.findAll(keys);
        Map<String, String> unitOf = indicatorUnits.unitsOf(indicatorIds(submitted));
        Map<String, String> newIndicators = new LinkedHashMap<>();
        Map<String, Integer> firstInBatch = new HashMap<>();
        Outcome[] outcomes = new Outcome[postings.size()];
        List<Integer> created = new ArrayList<>();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            for (int i = 0; i < postings.size(); i++) {
                PreparedPosting posting = postings.get(i);
                Caller caller = submitted.get(i).caller();
                try {
                    authorize(posting, caller, unitOf);
                    PostingReceipts.Receipt receipt = earlier.get(keys.get(i));
                    Integer first = firstInBatch.putIfAbsent(keys.get(i), i);
                    if (receipt != null || first != null) {
                        String hash = receipt != null ? receipt.contentHash() : hashes.get(first);
                        if (!hash.equals(hashes.get(i))) {
                            throw new ApiProblem(HttpStatus.CONFLICT, "ID_CONFLICT", posting.type() + " "
                                    + posting.postingId() + " was posted before with other content");
                        }
                        outcomes[i] = receipt != null ? new Outcome(200, receipt.answer()) : null;
                        continue;
                    }
                    if (posting.type() == PostingType.APPROPRIATION && unitOf.containsKey(posting.indicatorId())) {
                        throw new ApiProblem(HttpStatus.CONFLICT, "ID_CONFLICT",
                                "an indicator with this id exists already");
                    }
                    dispatch(posting, caller);
                } catch (ApiProblem problem) {
                    throw new BatchRejected(i, problem);
                }
                created.add(i);
                registerNewIndicator(posting, unitOf, newIndicators);
            }
        } catch (RuntimeException e) {
            unitOfWork.rollback(e);
            throw e;
        }
        unitOfWork.commit();
        if (created.isEmpty()) {
            return List.of(outcomes);
        }
        long sequence = receipts.lastSequence();
        List<PostingReceipts.Accepted> accepted = new ArrayList<>(created.size());
        for (int i : created) {
            PreparedPosting posting = postings.get(i);
            PostingResult result = new PostingResult(posting.type(), posting.postingId(), posting.indicatorId(), sequence);
            outcomes[i] = new Outcome(201, result);
            accepted.add(new PostingReceipts.Accepted(posting, hashes.get(i), sequence,
                    submitted.get(i).caller().principal()));
        }
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = new Outcome(200, outcomes[firstInBatch.get(keys.get(i))].result());
            }
        }
        receipts.insertAll(accepted);
        indicatorUnits.registerAll(newIndicators);
        log.debug("Accepted {} postings up to sequence {}", created.size(), sequence);
        return List.of(outcomes);
    }

    /** An appropriation creates its indicator in its unit; a carry-forward may open next year's in the same unit. */
    private static void registerNewIndicator(PreparedPosting posting, Map<String, String> unitOf,
                                             Map<String, String> newIndicators) {
        String unit = switch (posting.type()) {
            case APPROPRIATION -> posting.unitCode();
            case CARRY_FORWARD -> unitOf.get(posting.indicatorId());
            default -> null;
        };
        String indicatorId = posting.indicatorIds().get(posting.indicatorIds().size() - 1);
        if (unit != null && unitOf.putIfAbsent(indicatorId, unit) == null) {
            newIndicators.put(indicatorId, unit);
        }
    }

    /** A POSTER key posts only to its own units' indicators. Runs per posting, so it allocates nothing. */
    private static void authorize(PreparedPosting posting, Caller caller, Map<String, String> unitOf) {
        if (posting.unitCode() != null) {
            requireMayPostTo(caller, posting.unitCode());
        }
        for (String indicatorId : posting.indicatorIds()) {
            String unit = unitOf.get(indicatorId);
            if (unit != null) {
                requireMayPostTo(caller, unit);
            }
        }
    }

    private static void requireMayPostTo(Caller caller, String unit) {
        if (!caller.mayPostTo(unit)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "UNIT_NOT_ALLOWED", "this key may not post to unit " + unit);
        }
    }

    private void dispatch(PreparedPosting posting, Caller caller) {
        Map<String, Object> metadata = Map.of(
                AxonConfiguration.POSTED_BY, caller.principal(),
                AxonConfiguration.POSTING_ID, posting.postingId(),
                AxonConfiguration.CORRELATION_ID, caller.correlationId());
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(posting.command()).andMetaData(metadata));
        } catch (RuntimeException e) {
            throw translate(e, posting);
        }
    }

    private RuntimeException translate(RuntimeException thrown, PreparedPosting posting) {
        for (Throwable e = thrown; e != null; e = e.getCause()) {
            if (e instanceof LedgerRejection rejection) {
                return RejectionProblems.toProblem(rejection);
            }
            if (e instanceof AggregateNotFoundException) {
                return new ApiProblem(HttpStatus.NOT_FOUND, "INDICATOR_NOT_FOUND",
                        "indicator " + posting.indicatorId() + " does not exist");
            }
        }
        return thrown;
    }

    /**
     * Retries postings that lost a race with another node or transaction on the same row: an
     * indicator's next event (ConcurrencyException, when this node's cached state was stale), a
     * new indicator's id, or a posting id.
     */
    private <T> T retrying(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (ConflictingModificationException | ConcurrencyException | AggregateStreamCreationException
                     | DuplicateKeyException | PessimisticLockingFailureException e) {
                if (attempt >= limits.retries()) {
                    throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "BUSY",
                            "the posting kept conflicting with concurrent postings; retry it");
                }
            }
        }
    }

    private PostingContext context(Map<String, String> expendituresInBatch) {
        return new PostingContext() {
            @Override
            public boolean unitExists(String unitCode) {
                return units.find(unitCode).isPresent();
            }

            @Override
            public Optional<String> indicatorOfExpenditure(String expenditureId) {
                String inBatch = expendituresInBatch.get(expenditureId);
                if (inBatch != null) {
                    return Optional.of(inBatch);
                }
                return receipts.find(PostingType.EXPENDITURE, expenditureId).map(PostingReceipts.Receipt::indicatorId);
            }
        };
    }

    private String contentHash(PreparedPosting posting) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(posting.type().name().getBytes(StandardCharsets.UTF_8));
            digest.update(json.writeValueAsBytes(posting.command()));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> problemBody(ApiProblem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problem.status().value());
        body.put("code", problem.code());
        body.put("detail", problem.getMessage());
        Map<String, Object> extra = problem.toProblemDetail().getProperties();
        if (extra != null) {
            body.putAll(extra);
        }
        return body;
    }

    private void count(PostingType type, String outcome, String code) {
        meters.counter("ledger.postings", "type", type.name(), "outcome", outcome, "code", code).increment();
    }
}
