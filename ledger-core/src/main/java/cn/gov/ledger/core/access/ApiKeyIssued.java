package cn.gov.ledger.core.access;

import java.util.List;

/**
 * An administrator issued an API key (API 密钥). Neither the secret nor its hash is recorded: the
 * event says who may do what, not how to prove it.
 *
 * @param role        POSTER, VIEWER, AUDITOR or ADMIN
 * @param departments the departments (部门) the key is limited to; with {@code units} empty, unscoped
 * @param units       the units (预算单位) the key is limited to
 * @param issuedBy    the name of the ADMIN key that issued it
 */
public record ApiKeyIssued(String keyId, String name, String role, List<String> departments, List<String> units,
                           String issuedBy) {
}
