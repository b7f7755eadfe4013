package cn.gov.ledger.core.classification;

import java.util.List;

/** A code list of one kind and fiscal year was loaded: it replaces whatever list that year and kind had. */
public record ClassificationListLoaded(int fiscalYear, ClassificationKind kind, List<ListedCode> codes,
                                       String loadedBy) {
}
