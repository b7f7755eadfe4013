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
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The API keys the service accepts, kept only as SHA-256 hashes. Keys come from
 * {@code ledger.security.keys}, {@code LEDGER_ADMIN_API_KEY}, or, when neither gives any, from
 * {@code <data-dir>/admin-api-key}, generated at first start (readable by its owner only); and
 * from the keys an ADMIN issues at run time ({@code /api/v1/api-keys}), looked up after those of
 * the configuration through IssuedKeyCache.
 */
@Component
public class ApiKeys {

    /** Who a key belongs to: the name the audit trail records, its role and the departments and units it is limited to. */
    public record Holder(String name, Role role, KeyScope scope) {
    }

    static final String ADMIN_KEY_FILE = "admin-api-key";
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final Map<String, Holder> byHash = new HashMap<>();
    private final Function<String, Optional<Holder>> issued;

    /** Only the keys of the configuration. */
    public ApiKeys(LedgerProperties properties) {
        this(properties, hash -> Optional.empty());
    }

    @Autowired
    ApiKeys(LedgerProperties properties, IssuedKeyCache issuedKeys) {
        this(properties, issuedKeys::holderOf);
    }

    private ApiKeys(LedgerProperties properties, Function<String, Optional<Holder>> issued) {
        this.issued = issued;
        LedgerProperties.Security security = properties.security();
        for (LedgerProperties.ApiKey key : security.keys()) {
            if (key.key() == null || key.key().length() < 16) {
                throw new IllegalStateException("ledger.security.keys: every key needs at least 16 characters");
            }
            Role role = Role.valueOf(key.role() == null ? "" : key.role().trim().toUpperCase());
            KeyScope scope = KeyScope.parse(key.departments(), key.units());
            if (!scope.unscoped() && (role == Role.ADMIN || role == Role.AUDITOR)) {
                // ignored, as units on such a key always were: a configuration that ran before still starts
                log.warn("ledger.security.keys: the departments and units of the {} key {} are ignored", role, key.name());
                scope = KeyScope.UNSCOPED;
            }
            add(key.key(), key.name(), role, scope);
        }
        if (security.adminApiKey() != null && !security.adminApiKey().isBlank()) {
            add(security.adminApiKey(), "admin", Role.ADMIN, KeyScope.UNSCOPED);
        }
        if (byHash.isEmpty()) {
            add(generatedAdminKey(properties.dataDir()), "admin", Role.ADMIN, KeyScope.UNSCOPED);
        }
    }

    /** Whether a key of the configuration has this name (an issued key may not take it). */
    boolean configuresName(String name) {
        return byHash.values().stream().anyMatch(holder -> holder.name().equals(name));
    }

    /** The holder of a key of the configuration or, failing that, of a live key issued at run time. */
    public Optional<Holder> holderOf(String key) {
        String hash = hash(key);
        Holder configured = byHash.get(hash);
        return configured != null ? Optional.of(configured) : issued.apply(hash);
    }

    /** The holder of the key an {@code Authorization: Bearer <key>} header carries, if it is one. */
    public Optional<Holder> holderOfAuthorization(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? holderOf(header.substring(7).trim()) : Optional.empty();
    }

    private void add(String key, String name, Role role, KeyScope scope) {
        String hash = hash(key);
        byHash.put(hash, new Holder(name == null || name.isBlank() ? "key-" + hash.substring(0, 8) : name, role, scope));
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
