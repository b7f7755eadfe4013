package cn.gov.ledger.api.config;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Random (version 4) UUIDs from a strong generator per thread, for Axon's message identifiers
 * (registered in META-INF/services) and correlation ids. {@code UUID.randomUUID()} draws from one
 * NativePRNG behind a global lock: under 32 posting clients JFR showed it as the service's largest
 * lock contention (about a thread's worth of blocked time).
 */
public final class RandomIdentifiers extends IdentifierFactory {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    });

    public static String uuid() {
        byte[] bytes = new byte[16];
        RANDOM.get().nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    @Override
    public String generateIdentifier() {
        return uuid();
    }
}
