package cn.gov.ledger.core.classification;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Loads or replaces the code list of one kind and fiscal year with the official one (an ADMIN, at
 * run time). The codes have been checked by {@link CodeList#problems} and against what postings of
 * that year use before the command is sent.
 */
public record LoadClassificationList(@TargetAggregateIdentifier String listId, int fiscalYear,
                                     ClassificationKind kind, List<ListedCode> codes, String loadedBy) {

    public static LoadClassificationList of(int fiscalYear, ClassificationKind kind, List<ListedCode> codes,
                                            String loadedBy) {
        return new LoadClassificationList(kind.listId(fiscalYear), fiscalYear, kind, List.copyOf(codes), loadedBy);
    }
}
