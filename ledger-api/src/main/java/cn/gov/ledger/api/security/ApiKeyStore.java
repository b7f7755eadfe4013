package cn.gov.ledger.api.security;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The keys issued at run time, in {@code api_key} (V13__api_keys.sql): never their secret, only its hash. */
@Component
class ApiKeyStore {

    /** A stored key as the API lists it. */
    record StoredKey(UUID keyId, String name, Role role, KeyScope scope, String createdBy, Instant createdAt,
                     String revokedBy, Instant revokedAt) {
    }

    private static final String COLUMNS =
            "key_id, name, role, departments, units, created_by, created_at, revoked_by, revoked_at";

    private final JdbcTemplate jdbc;

    ApiKeyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID keyId, String name, Role role, KeyScope scope, String secretHash, String createdBy) {
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("INSERT INTO api_key (key_id, name, role, departments, units,"
                    + " secret_hash, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
            statement.setObject(1, keyId);
            statement.setString(2, name);
            statement.setString(3, role.name());
            statement.setArray(4, connection.createArrayOf("text", scope.sortedDepartments().toArray()));
            statement.setArray(5, connection.createArrayOf("text", scope.sortedUnits().toArray()));
            statement.setString(6, secretHash);
            statement.setString(7, createdBy);
            return statement;
        });
    }

    /** Revokes the key if it is not revoked yet; answers whether this call revoked it (the row is locked until commit). */
    boolean revoke(UUID keyId, String revokedBy) {
        return jdbc.update("UPDATE api_key SET revoked_at = now(), revoked_by = ? WHERE key_id = ? AND revoked_at IS NULL",
                revokedBy, keyId) == 1;
    }

    Optional<StoredKey> find(UUID keyId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_key WHERE key_id = ?", (rs, n) -> read(rs), keyId)
                .stream().findFirst();
    }

    List<StoredKey> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_key ORDER BY created_at, key_id", (rs, n) -> read(rs));
    }

    /** The key with this secret's hash, unless revoked. */
    Optional<ApiKeys.Holder> activeHolder(String secretHash) {
        return jdbc.query("SELECT name, role, departments, units FROM api_key"
                        + " WHERE secret_hash = ? AND revoked_at IS NULL",
                (rs, n) -> new ApiKeys.Holder(rs.getString("name"), Role.valueOf(rs.getString("role")), scope(rs)),
                secretHash).stream().findFirst();
    }

    private static StoredKey read(ResultSet rs) throws SQLException {
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        return new StoredKey(rs.getObject("key_id", UUID.class), rs.getString("name"), Role.valueOf(rs.getString("role")),
                scope(rs), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("revoked_by"), revokedAt == null ? null : revokedAt.toInstant());
    }

    private static KeyScope scope(ResultSet rs) throws SQLException {
        return KeyScope.of(strings(rs.getArray("departments")), strings(rs.getArray("units")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String.class::cast).toList();
    }
}
