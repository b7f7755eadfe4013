package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.api.security.ScopeCheck;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.indicator.MoveExpenditure;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes postings to the ledger exactly once. A posting's receipt, its command and its events share
 * one transaction: a repeat with the same content answers the stored result and writes nothing, the
 * same id with other content is refused, and a refused posting leaves no trace.
 *
 * <p>The postings' indicators are locked once, before the first transaction and until the last
 * commits, so postings on one indicator queue within this node; each transaction is retried when
 * it loses a race with another node ({@link RaceRetry}).
 */
@Component
class PostingWriter {

    private static final Logger log = LoggerFactory.getLogger(PostingWriter.class);

    /** A validated posting and who sent it. */
    record Submitted(PreparedPosting posting, Caller caller) {
    }

    /** What became of a posting: written now (201), written before (200), or refused with its problem. */
    record Written(int status, PostingResult result, ApiProblem problem) {

        static Written refused(ApiProblem problem) {
            return new Written(problem.status().value(), null, problem);
        }
    }

    private final PostingReceipts receipts;
    private final IndicatorUnits indicatorUnits;
    private final CommandDispatch commands;
    private final ContentHash contentHash;
    private final TransactionTemplate transaction;
    private final RaceRetry retry;
    private final IndicatorLocks locks = new IndicatorLocks(1024);
    private final Duration lockTimeout;
    private final DistributionSummary groupSizes;
    private final ScopeCheck scopes;
    private final ClosedYearLock closedYears;

    PostingWriter(CommandGateway commands, PostingReceipts receipts, IndicatorUnits indicatorUnits,
                  PlatformTransactionManager transactionManager, ObjectMapper json, MeterRegistry meters,
                  LedgerProperties properties, ScopeCheck scopes, ClosedYearLock closedYears) {
        this.receipts = receipts;
        this.indicatorUnits = indicatorUnits;
        this.commands = new CommandDispatch(commands);
        this.contentHash = new ContentHash(json);
        this.transaction = new TransactionTemplate(transactionManager);
        this.retry = RaceRetry.of(properties.posting());
        this.lockTimeout = properties.posting().lockTimeout();
        this.scopes = scopes;
        this.closedYears = closedYears;
        this.groupSizes = DistributionSummary.builder("ledger.postings.group.size")
                .description("postings written together: a group of single postings, or a batch").register(meters);
    }

    /** All postings in one transaction, or none: a refusal throws {@link BatchRefused} with its index. */
    List<Written> writeAll(List<Submitted> submitted) {
        List<String> hashes = submitted.stream().map(s -> contentHash.of(s.posting())).toList();
        try (IndicatorLocks.Held held = locks.lock(indicatorIds(submitted), lockTimeout)) {
            return inOneTransaction(submitted, hashes);
        }
    }

    /**
     * Writes each posting on its own terms, in order, in as few transactions as refusals allow:
     * all in one; when one is refused, that transaction rolls back, the postings before the refused
     * one are written in a transaction of their own (their outcome is known), the refused one gets
     * its problem, and the rest go on the same way after it.
     */
    List<Written> writeEach(List<Submitted> submitted) {
        groupSizes.record(submitted.size());
        List<String> hashes = submitted.stream().map(s -> contentHash.of(s.posting())).toList();
        Written[] written = new Written[submitted.size()];
        try (IndicatorLocks.Held held = locks.lock(indicatorIds(submitted), lockTimeout)) {
            int start = 0;
            // the posting refused in the last try, if any: those before it are written next
            int refusedAt = -1;
            while (start < submitted.size()) {
                int end = refusedAt < 0 ? submitted.size() : refusedAt;
                if (start < end) {
                    try {
                        List<Written> done = inOneTransaction(submitted.subList(start, end),
                                hashes.subList(start, end));
                        for (int k = 0; k < done.size(); k++) {
                            written[start + k] = done.get(k);
                        }
                    } catch (BatchRefused refused) {
                        refusedAt = start + refused.index();
                        written[refusedAt] = Written.refused(refused.problem());
                        continue;
                    }
                }
                start = refusedAt < 0 ? end : end + 1;
                refusedAt = -1;
            }
        }
        return List.of(written);
    }

    private List<Written> inOneTransaction(List<Submitted> submitted, List<String> hashes) {
        return retry.run(() -> transaction.execute(status -> apply(submitted, hashes)));
    }

    /**
     * Runs inside the transaction. The commands share one unit of work, so their events are
     * appended in one batch when it commits; then the receipts and new indicators are written.
     */
    private List<Written> apply(List<Submitted> submitted, List<String> hashes) {
        List<String> keys = submitted.stream().map(s -> PostingReceipts.key(s.posting())).toList();
        Map<String, PostingReceipts.Receipt> earlier = receipts.findAll(keys);
        Map<String, String> unitOf = indicatorUnits.unitsOf(indicatorIds(submitted));
        Map<String, String> newIndicators = new LinkedHashMap<>();
        Map<String, Integer> firstInBatch = new HashMap<>();
        Written[] written = new Written[submitted.size()];
        List<Integer> created = new ArrayList<>();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            for (int i = 0; i < submitted.size(); i++) {
                PreparedPosting posting = submitted.get(i).posting();
                Caller caller = submitted.get(i).caller();
                try {
                    UnitPermissions.check(posting, caller, unitOf, scopes::departmentOf);
                    PostingReceipts.Receipt receipt = earlier.get(keys.get(i));
                    Integer first = firstInBatch.putIfAbsent(keys.get(i), i);
                    if (receipt != null || first != null) {
                        boolean same = receipt != null
                                ? contentHash.matches(receipt.contentHash(), hashes.get(i), posting, receipt.indicatorId())
                                : hashes.get(first).equals(hashes.get(i));
                        if (!same) {
                            throw new ApiProblem(HttpStatus.CONFLICT, "ID_CONFLICT", posting.type() + " "
                                    + posting.postingId() + " was posted before with other content");
                        }
                        written[i] = receipt != null ? new Written(200, receipt.answer(), null) : null;
                        continue;
                    }
                    if (posting.type() == PostingType.APPROPRIATION && unitOf.containsKey(posting.indicatorId())) {
                        throw new ApiProblem(HttpStatus.CONFLICT, "ID_CONFLICT",
                                "an indicator with this id exists already");
                    }
                    requireYearOpen(posting, unitOf);
                    commands.send(posting, caller);
                } catch (ApiProblem problem) {
                    throw new BatchRefused(i, problem);
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
            return List.of(written);
        }
        long sequence = receipts.lastSequence();
        List<PostingReceipts.Accepted> accepted = new ArrayList<>(created.size());
        for (int i : created) {
            PreparedPosting posting = submitted.get(i).posting();
            written[i] = new Written(201, new PostingResult(posting.type(), posting.postingId(),
                    posting.indicatorId(), sequence), null);
            accepted.add(new PostingReceipts.Accepted(posting, hashes.get(i), sequence,
                    submitted.get(i).caller().principal()));
        }
        for (int i = 0; i < written.length; i++) {
            if (written[i] == null) {
                written[i] = new Written(200, written[firstInBatch.get(keys.get(i))].result(), null);
            }
        }
        receipts.insertAll(accepted);
        Map<String, String> moved = new LinkedHashMap<>();
        for (int i : created) {
            if (submitted.get(i).posting().command() instanceof MoveExpenditure move) {
                moved.put(move.expenditureId(), move.targetIndicatorId());
            }
        }
        if (!moved.isEmpty()) {
            receipts.moveAll(moved);
        }
        indicatorUnits.registerAll(newIndicators);
        log.debug("Accepted {} postings up to sequence {}", created.size(), sequence);
        return List.of(written);
    }

    /** A new posting effective in a closed year of its indicators' units is refused (FISCAL_YEAR_CLOSED). */
    private void requireYearOpen(PreparedPosting posting, Map<String, String> unitOf) {
        EffectiveDates.of(posting.command()).ifPresent(date -> {
            if (posting.unitCode() != null) {
                closedYears.requireOpen(posting.unitCode(), date);
            }
            for (String indicatorId : posting.indicatorIds()) {
                String unit = unitOf.get(indicatorId);
                if (unit != null) {
                    closedYears.requireOpen(unit, date);
                }
            }
        });
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

    private static Set<String> indicatorIds(List<Submitted> postings) {
        Set<String> ids = new LinkedHashSet<>();
        postings.forEach(submitted -> ids.addAll(submitted.posting().indicatorIds()));
        return ids;
    }
}
