package cn.gov.ledger.api.reading;

import cn.gov.ledger.projections.balance.Dimension;
import cn.gov.ledger.projections.balance.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;

/**
 * The ETag of an execution-rates answer: it changes only when the read model moves on or the day
 * (time progress, 序时进度) changes, so a dashboard polling with If-None-Match gets 304 meanwhile.
 */
final class ExecutionRatesTag {

    private ExecutionRatesTag() {
    }

    static String of(long sequence, Scope scope, List<Dimension> dimensions, LocalDate asOf, Instant knownAt,
                     LocalDate progressDate) {
        String question = scope + "|" + dimensions + "|" + asOf + "|" + knownAt + "|" + progressDate;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(question.getBytes(StandardCharsets.UTF_8));
            return "W/\"" + sequence + "-" + HexFormat.of().formatHex(hash, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
