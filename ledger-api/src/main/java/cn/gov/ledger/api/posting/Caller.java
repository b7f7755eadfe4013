package cn.gov.ledger.api.posting;

/** Who sends a posting, and the correlation id that ties its events to the request. */
public record Caller(String principal, String correlationId) {
}
