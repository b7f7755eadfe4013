package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.config.AxonConfiguration;
import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.api.problem.ApiProblem;
import cn.gov.ledger.api.problem.Rejections;
import cn.gov.ledger.core.indicator.LedgerRejection;
import cn.gov.ledger.projections.unit.UnitDirectory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
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
    }

    public Outcome post(PostingRequest request, Caller caller) {
        try {
            PreparedPosting posting = request.prepare(context(Map.of()));
            String hash = contentHash(posting);
            Outcome outcome = retrying(() -> {
                try (IndicatorLocks.Held held = locks.lock(posting.indicatorIds(), limits.lockTimeout())) {
                    return transaction.execute(status -> apply(posting, hash, caller));
                }
            });
            count(request.type(), outcome.status() == 201 ? "created" : "repeated", "OK");
            return outcome;
        } catch (ApiProblem problem) {
            count(request.type(), "rejected", problem.code());
            throw problem;
        }
    }

    /** Each posting on its own: one result per posting, in order. */
    public List<BatchItem> postEach(List<PostingRequest> requests, Caller caller) {
        List<BatchItem> items = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            try {
                Outcome outcome = post(requests.get(i), caller);
                items.add(new BatchItem(i, outcome.status(), outcome.result(), null));
            } catch (ApiProblem problem) {
                items.add(new BatchItem(i, problem.status().value(), null, problemBody(problem)));
            }
        }
        return items;
    }

    /** All postings in one transaction, or none: the first refusal rolls back the whole batch. */
    public List<BatchItem> postAtomically(List<PostingRequest> requests, Caller caller) {
        Map<String, String> expendituresInBatch = new HashMap<>();
        List<PreparedPosting> prepared = new ArrayList<>(requests.size());
        List<String> hashes = new ArrayList<>(requests.size());
        Set<String> indicatorIds = new LinkedHashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            PreparedPosting posting = prepareInBatch(i, requests.get(i), expendituresInBatch);
            if (posting.type() == PostingType.EXPENDITURE) {
                expendituresInBatch.put(posting.postingId(), posting.indicatorId());
            }
            prepared.add(posting);
            hashes.add(contentHash(posting));
            indicatorIds.addAll(posting.indicatorIds());
        }
        List<BatchItem> items = retrying(() -> {
            try (IndicatorLocks.Held held = locks.lock(indicatorIds, limits.lockTimeout())) {
                return transaction.execute(status -> {
                    List<BatchItem> done = new ArrayList<>(prepared.size());
                    for (int i = 0; i < prepared.size(); i++) {
                        try {
                            Outcome outcome = apply(prepared.get(i), hashes.get(i), caller);
                            done.add(new BatchItem(i, outcome.status(), outcome.result(), null));
                        } catch (ApiProblem problem) {
                            throw new BatchRejected(i, problem);
                        }
                    }
                    return done;
                });
            }
        });
        items.forEach(item -> count(requests.get(item.index()).type(),
                item.status() == 201 ? "created" : "repeated", "OK"));
        return items;
    }

    private PreparedPosting prepareInBatch(int index, PostingRequest request, Map<String, String> expendituresInBatch) {
        try {
            return request.prepare(context(expendituresInBatch));
        } catch (ApiProblem problem) {
            count(request.type(), "rejected", problem.code());
            throw new BatchRejected(index, problem);
        }
    }

    /** Runs inside the transaction. */
    private Outcome apply(PreparedPosting posting, String hash, Caller caller) {
        authorize(posting, caller);
        Optional<PostingReceipts.Receipt> earlier = receipts.find(posting.type(), posting.postingId());
        if (earlier.isPresent()) {
            if (!earlier.get().contentHash().equals(hash)) {
                throw new ApiProblem(HttpStatus.CONFLICT, "ID_CONFLICT", posting.type() + " " + posting.postingId()
                        + " was posted before with other content");
            }
            return new Outcome(200, read(earlier.get().response()));
        }
        receipts.claim(posting, hash, caller.principal());
        dispatch(posting, caller);
        indicatorUnits.register(posting);
        PostingResult result = new PostingResult(posting.type(), posting.postingId(), posting.indicatorId(),
                receipts.sequenceOf(posting.indicatorIds()));
        receipts.complete(posting, result.sequence(), write(result));
        log.debug("Accepted {} {} on {} at sequence {} from {}", posting.type(), posting.postingId(),
                posting.indicatorId(), result.sequence(), caller.principal());
        return new Outcome(201, result);
    }

    /** A POSTER key posts only to its own units' indicators. */
    private void authorize(PreparedPosting posting, Caller caller) {
        List<String> postingUnits = posting.unitCode() != null ? List.of(posting.unitCode())
                : indicatorUnits.unitsOf(posting.indicatorIds());
        for (String unit : postingUnits) {
            if (!caller.mayPostTo(unit)) {
                throw new ApiProblem(HttpStatus.FORBIDDEN, "UNIT_NOT_ALLOWED",
                        "this key may not post to unit " + unit);
            }
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
                return Rejections.toProblem(rejection);
            }
            if (e instanceof AggregateNotFoundException) {
                return new ApiProblem(HttpStatus.NOT_FOUND, "INDICATOR_NOT_FOUND",
                        "indicator " + posting.indicatorId() + " does not exist");
            }
            if (e instanceof AggregateStreamCreationException) {
                return new ApiProblem(HttpStatus.CONFLICT, "ID_CONFLICT", "an indicator with this id exists already");
            }
            if (e instanceof ConflictingModificationException conflict) {
                return conflict;
            }
        }
        return thrown;
    }

    /** Retries a posting that lost a race with another node or transaction on the same row. */
    private <T> T retrying(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (ConflictingModificationException | DuplicateKeyException | PessimisticLockingFailureException e) {
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

    private String write(PostingResult result) {
        try {
            return json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private PostingResult read(String response) {
        try {
            return json.readValue(response, PostingResult.class);
        } catch (JsonProcessingException e) {
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
