package cn.gov.ledger.api.infrastructure.eventstore;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Version 7 UUIDs (RFC 9562: the millisecond, then 74 random bits) for Axon's message identifiers
 * (registered in META-INF/services) and correlation ids.
 *
 * <p>Time first, because event identifiers are keys of unique indexes that grow with the ledger
 * ({@code domain_event_entry.event_identifier}, {@code rm_movement.event_id}): new ids go to the
 * right edge of those indexes, where random ids would each write a random page of an index larger
 * than PostgreSQL's cache.
 *
 * <p>The random bits come from a strong generator per thread, drawn in blocks of {@value #BLOCK}
 * bytes: {@code UUID.randomUUID()} draws from one generator behind a global lock, which posting
 * threads contend for, and each call of the DRBG hashes its state several times whatever it
 * returns, so drawing many bytes at once is cheaper per identifier.
 */
public final class TimeOrderedIdentifiers extends IdentifierFactory {

    private static final int BLOCK = 4096;

    /** Random bytes from a thread's own strong generator, handed out 16 at a time. */
    private static final class Block {
        private final SecureRandom random = strongRandom();
        private final ByteBuffer bytes = ByteBuffer.allocate(BLOCK).position(BLOCK);

        UUID next() {
            if (bytes.remaining() < 2 * Long.BYTES) {
                random.nextBytes(bytes.array());
                bytes.clear();
            }
            long millis = System.currentTimeMillis();
            long high = (millis << 16) | 0x7000L | (bytes.getLong() & 0x0fffL); // version 7
            long low = (bytes.getLong() & 0x3fffffffffffffffL) | 0x8000000000000000L; // IETF variant
            return new UUID(high, low);
        }
    }

    private static final ThreadLocal<Block> RANDOM = ThreadLocal.withInitial(Block::new);

    private static SecureRandom strongRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    public static String uuid() {
        return RANDOM.get().next().toString();
    }

    @Override
    public String generateIdentifier() {
        return uuid();
    }
}
