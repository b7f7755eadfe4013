package cn.gov.ledger.api.security;

import cn.gov.ledger.api.config.LedgerProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The API keys the service accepts, kept only as SHA-256 hashes. Keys come from
 * {@code ledger.security.keys}, {@code LEDGER_ADMIN_API_KEY}, or, when neither gives any, from
 * {@code <data-dir>/admin-api-key}, generated at first start (readable by its owner only).
 */
@Component
public class ApiKeys {

    /** Who a key belongs to: the name the audit trail records, its role and, for POSTER, its units. */
    public record Holder(String name, Role role, Set<String> units) {
    }

    static final String ADMIN_KEY_FILE = "admin-api-key";
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final Map<String, Holder> byHash = new HashMap<>();

    public ApiKeys(LedgerProperties properties) {
        LedgerProperties.Security security = properties.security();
        for (LedgerProperties.ApiKey key : security.keys()) {
            if (key.key() == null || key.key().length() < 16) {
                throw new IllegalStateException("ledger.security.keys: every key needs at least 16 characters");
            }
            Role role = Role.valueOf(key.role() == null ? "" : key.role().trim().toUpperCase());
            Set<String> units = key.units() == null ? Set.of() : Arrays.stream(key.units().split(","))
                    .map(String::trim).filter(u -> !u.isEmpty()).collect(Collectors.toUnmodifiableSet());
            add(key.key(), key.name(), role, units);
        }
        if (security.adminApiKey() != null && !security.adminApiKey().isBlank()) {
            add(security.adminApiKey(), "admin", Role.ADMIN, Set.of());
        }
        if (byHash.isEmpty()) {
            add(generatedAdminKey(properties.dataDir()), "admin", Role.ADMIN, Set.of());
        }
    }

    public Optional<Holder> holderOf(String key) {
        return Optional.ofNullable(byHash.get(hash(key)));
    }

    /** The holder of the key an {@code Authorization: Bearer <key>} header carries, if it is one. */
    public Optional<Holder> holderOfAuthorization(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? holderOf(header.substring(7).trim()) : Optional.empty();
    }

    private void add(String key, String name, Role role, Set<String> units) {
        String hash = hash(key);
        byHash.put(hash, new Holder(name == null || name.isBlank() ? "key-" + hash.substring(0, 8) : name, role, units));
    }

    private static String generatedAdminKey(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(ADMIN_KEY_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDir);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
            } catch (UnsupportedOperationException e) {
                log.warn("Could not restrict the permissions of {}", file);
            }
            log.info("No API key was configured: generated an ADMIN key into {}", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file, e);
        }
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
