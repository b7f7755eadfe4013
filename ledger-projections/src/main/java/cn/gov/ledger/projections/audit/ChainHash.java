package cn.gov.ledger.projections.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of a chain link: SHA-256 over a canonical encoding of the previous link's hash and
 * every column of the event's stored row. Each field is length-prefixed (a 4-byte big-endian
 * length, -1 for SQL NULL, then its bytes; numbers as 8 bytes), so no two different rows encode
 * alike. Changing this encoding invalidates every stored chain: give it a new {@link #SCHEME}.
 */
final class ChainHash {

    /** The previous hash of the first link. */
    static final String GENESIS = "0".repeat(64);

    /** Names the encoding; it is hashed first. */
    static final String SCHEME = "ledger-event-chain/1";

    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {
    }

    static String link(String previousHash, StoredEvent event) {
        MessageDigest sha = sha256();
        text(sha, SCHEME);
        text(sha, previousHash);
        number(sha, event.globalIndex());
        text(sha, event.eventIdentifier());
        text(sha, event.aggregateIdentifier());
        number(sha, event.sequenceNumber());
        text(sha, event.type());
        text(sha, event.payloadType());
        text(sha, event.payloadRevision());
        text(sha, event.timeStamp());
        bytes(sha, event.payload());
        bytes(sha, event.metaData());
        return HEX.formatHex(sha.digest());
    }

    private static void text(MessageDigest sha, String value) {
        bytes(sha, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(MessageDigest sha, byte[] value) {
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            sha.update(value);
        }
    }

    private static void number(MessageDigest sha, long value) {
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
