package cn.gov.ledger.api.config;

import cn.gov.ledger.core.classification.UnlistedItems;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the ledger itself can be configured with ({@code ledger.*} in application.yml,
 * or environment variables such as {@code LEDGER_DATA_DIR}).
 *
 * @param dataDir where the embedded PostgreSQL keeps its data when no datasource URL is given
 * @param read    how reads wait for their read model
 * @param posting limits of the posting API
 * @param demo     the demo data of a real department
 * @param security who may call the API
 * @param reconciliation the comparison of the read models with the event store
 * @param eventStore     how the event store's readers wait for late commits
 * @param timeZone       the ledger's time zone: which day "today" is (序时进度) and which day an
 *                       instant such as {@code knownAt} belongs to
 * @param classifications the code lists per fiscal year: the rule for unlisted 项, and how soon a
 *                       list loaded on another node is used
 * @param transfers      the rules of 调剂 the ledger may relax
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(@DefaultValue("./data") Path dataDir,
                               @DefaultValue Read read,
                               @DefaultValue Posting posting,
                               @DefaultValue Demo demo,
                               @DefaultValue Security security,
                               @DefaultValue Reconciliation reconciliation,
                               @DefaultValue EventStore eventStore,
                               @DefaultValue("Asia/Shanghai") ZoneId timeZone,
                               @DefaultValue ClassificationLists classifications,
                               @DefaultValue Transfers transfers) {

    /**
     * @param unlistedItems what a functional 项 not in its year's list gets when its 款 is listed:
     *                      ACCEPT_WHILE_INCOMPLETE (accepted while that list is marked incomplete)
     *                      or REFUSE
     * @param refresh       the longest a node goes on using a year's lists after another node
     *                      loaded new ones (the node that loads uses them at once)
     */
    public record ClassificationLists(@DefaultValue("ACCEPT_WHILE_INCOMPLETE") UnlistedItems unlistedItems,
                                      @DefaultValue("5s") Duration refresh) {
    }

    /**
     * @param allowAcrossKinds whether a transfer that says {@code acrossKinds} may move authority
     *                         between kinds of expenditure (基本支出 and 项目支出); without it, or
     *                         with it false, such a transfer is 422 TRANSFER_NOT_ALLOWED
     */
    public record Transfers(@DefaultValue("false") boolean allowAcrossKinds) {
    }

    /**
     * @param keys        API keys with their role and, for POSTER and VIEWER, the departments and
     *                    units they are limited to
     * @param adminApiKey an ADMIN key given explicitly (LEDGER_ADMIN_API_KEY); when no key is
     *                    configured at all, one is generated into {@code <data-dir>/admin-api-key}
     */
    public record Security(@DefaultValue List<ApiKey> keys, String adminApiKey) {
    }

    /**
     * @param key   the secret the client sends as {@code Authorization: Bearer <key>}
     * @param role  POSTER, VIEWER, AUDITOR or ADMIN
     * @param units for POSTER and VIEWER: comma-separated unit codes it is limited to (posting and reading)
     * @param name  how the audit trail names the caller (default: a prefix of the key's hash)
     * @param departments for POSTER and VIEWER: comma-separated department codes it is limited to,
     *                    with every unit of theirs
     */
    public record ApiKey(String key, String role, String units, String name, String departments) {
    }

    /** @param enabled load the 2024 accounts of 辽宁省工业和信息化厅 at start, into an empty ledger */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }

    /**
     * @param maxWait      the longest a read with {@code minSequence} waits for its read model
     * @param keptAnswers  how many execution-rates answers are kept for polls of the same question
     *                     until the read model moves on (ExecutionRatesAnswers); 0 for none
     */
    public record Read(@DefaultValue("10s") Duration maxWait, @DefaultValue("32") int keptAnswers) {
    }

    /**
     * @param maxBatchSize   the most postings one batch may carry
     * @param retries        how many attempts a posting that keeps losing races on its indicator gets
     *                       (several nodes) before it is answered 503 BUSY
     * @param retryBackoff   the wait before the second attempt; each further wait doubles, with jitter
     * @param retryMaxBackoff the longest wait between two attempts
     * @param lockTimeout    the longest a posting waits for another posting on the same indicator
     * @param maxBodySize    the largest request body the service reads (413 above it)
     * @param cachedIndicators how many indicators' state is kept in memory between postings
     * @param groupCommitWriters threads writing single postings, each a group per transaction
     * @param groupCommitSize  the most single postings one such transaction takes
     */
    public record Posting(@DefaultValue("10000") int maxBatchSize,
                          @DefaultValue("10") int retries,
                          @DefaultValue("5ms") Duration retryBackoff,
                          @DefaultValue("200ms") Duration retryMaxBackoff,
                          @DefaultValue("30s") Duration lockTimeout,
                          @DefaultValue("16MB") DataSize maxBodySize,
                          @DefaultValue("10000") int cachedIndicators,
                          @DefaultValue("1") int groupCommitWriters,
                          @DefaultValue("100") int groupCommitSize) {
    }

    /**
     * @param interval       how often the read models are compared with the event store
     * @param repair         whether a scheduled check that finds drift rebuilds the read models by replay
     * @param catchUpTimeout the longest a repair waits for the replay before it checks again
     */
    public record Reconciliation(@DefaultValue("5m") Duration interval,
                                 @DefaultValue("true") boolean repair,
                                 @DefaultValue("10m") Duration catchUpTimeout) {
    }

    /**
     * Axon's gap handling in the JDBC event store: a global index below the newest one read but not
     * committed yet is a gap the processors wait for, until it is older than the gap timeout and the
     * token holds more gaps than the cleaning threshold, or until it lies more than the maximum gap
     * offset below the newest index; an event committed after that is skipped.
     *
     * @param gapTimeout           how long a gap is waited for (Axon's default: 60 s)
     * @param gapCleaningThreshold how many gaps a token holds before timed-out ones are dropped (Axon's default: 250)
     * @param maxGapOffset         how far below the newest index a gap is still waited for (Axon's default: 10000)
     * @param batchSize            the most events one read of the event store by a processor fetches
     *                             (Axon's default: 100, which makes a replay one query per 100 events)
     * @param processorLinger      while postings stream in, how long new events wait to be read and
     *                             batched for the read models' processors (LingeringEventStore); after
     *                             a quiet spell none wait; 0 for never
     */
    public record EventStore(@DefaultValue("60s") Duration gapTimeout,
                             @DefaultValue("250") int gapCleaningThreshold,
                             @DefaultValue("10000") int maxGapOffset,
                             @DefaultValue("1000") int batchSize,
                             @DefaultValue("100ms") Duration processorLinger) {
    }
}
