package cn.gov.ledger.core.yearend;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reopens a closed fiscal year of a department or a unit (an ADMIN), with the reason. */
public record ReopenFiscalYear(@TargetAggregateIdentifier String closeId, String reopenedBy, String reason) {
}
