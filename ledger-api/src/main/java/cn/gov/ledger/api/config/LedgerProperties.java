package cn.gov.ledger.api.config;

import java.nio.file.Path;
import java.time.Duration;
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
 * @param demo    the demo data of a real department
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(@DefaultValue("./data") Path dataDir,
                               @DefaultValue Read read,
                               @DefaultValue Posting posting,
                               @DefaultValue Demo demo) {

    /** @param enabled load the 2024 accounts of 辽宁省工业和信息化厅 at start, into an empty ledger */
    public record Demo(@DefaultValue("false") boolean enabled) {
    }

    /** @param maxWait the longest a read with {@code minSequence} waits for its read model */
    public record Read(@DefaultValue("10s") Duration maxWait) {
    }

    /**
     * @param maxBatchSize   the most postings one batch may carry
     * @param retries        how often a posting that lost a race on its indicator is retried
     * @param lockTimeout    the longest a posting waits for another posting on the same indicator
     * @param maxBodySize    the largest request body the service reads (413 above it)
     */
    public record Posting(@DefaultValue("10000") int maxBatchSize,
                          @DefaultValue("10") int retries,
                          @DefaultValue("30s") Duration lockTimeout,
                          @DefaultValue("16MB") DataSize maxBodySize) {
    }
}
