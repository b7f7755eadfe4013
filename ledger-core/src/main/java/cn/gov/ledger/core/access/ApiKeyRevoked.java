package cn.gov.ledger.core.access;

/** An administrator revoked an API key: from then on it authenticates nothing. */
public record ApiKeyRevoked(String keyId, String revokedBy) {
}
