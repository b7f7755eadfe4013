package cn.gov.ledger.projections.audit;

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
        Encoder sha = new Encoder();
        sha.text(SCHEME);
        sha.text(previousHash);
        sha.number(event.globalIndex());
        sha.text(event.eventIdentifier());
        sha.text(event.aggregateIdentifier());
        sha.number(event.sequenceNumber());
        sha.text(event.type());
        sha.text(event.payloadType());
        sha.text(event.payloadRevision());
        sha.text(event.timeStamp());
        sha.bytes(event.payload());
        sha.bytes(event.metaData());
        return HEX.formatHex(sha.digest.digest());
    }

    /** The encoding into one digest; lengths and numbers go through one scratch array, not a buffer per field. */
    private static final class Encoder {
        private final MessageDigest digest = sha256();
        private final byte[] scratch = new byte[Long.BYTES];

        void text(String value) {
            bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        void bytes(byte[] value) {
            bigEndian(value == null ? -1 : value.length, Integer.BYTES);
            if (value != null) {
                digest.update(value);
            }
        }

        void number(long value) {
            bigEndian(value, Long.BYTES);
        }

        private void bigEndian(long value, int length) {
            for (int i = length - 1; i >= 0; i--) {
                scratch[i] = (byte) value;
                value >>= 8;
            }
            digest.update(scratch, 0, length);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
