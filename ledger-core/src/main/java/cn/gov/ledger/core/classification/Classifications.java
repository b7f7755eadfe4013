package cn.gov.ledger.core.classification;

import java.util.Optional;

/**
 * The code lists of every fiscal year, as the ledger knows them now (a list loaded at run time
 * wins over the shipped one of its year and kind), and the rule for unlisted 项. The aggregate
 * receives it as a handler parameter, so every posting's codes are checked against its own
 * fiscal year's lists.
 */
public interface Classifications {

    /** The list of this kind for this fiscal year; empty when the ledger has none. */
    Optional<CodeList> list(int fiscalYear, ClassificationKind kind);

    /** What a 项 unlisted under a listed 款 gets. */
    UnlistedItems unlistedItems();

    /** Why a posting in this fiscal year may not use this functional code, or empty when it may. */
    default Optional<String> functionalRefusal(int fiscalYear, FunctionalCode code) {
        if (!code.isItem()) {
            return Optional.of("postings use a functional 项 (7 digits), not " + code);
        }
        Optional<CodeList> list = list(fiscalYear, ClassificationKind.FUNCTIONAL);
        if (list.isEmpty()) {
            return Optional.of(notListed(code, fiscalYear) + " (the ledger has no functional list for " + fiscalYear + ")");
        }
        CodeList functional = list.get();
        if (functional.contains(code.value())) {
            return Optional.empty();
        }
        if (functional.contains(code.sectionCode()) && !functional.complete()
                && unlistedItems() == UnlistedItems.ACCEPT_WHILE_INCOMPLETE) {
            return Optional.empty();
        }
        return Optional.of(notListed(code, fiscalYear));
    }

    private static String notListed(FunctionalCode code, int fiscalYear) {
        return "functional code " + code + " is not in the " + fiscalYear + " list";
    }

    /** Why a posting in this fiscal year may not use this economic code, or empty when it may. */
    default Optional<String> economicRefusal(int fiscalYear, EconomicCode code) {
        if (!code.isSection()) {
            return Optional.of("postings use an economic 款 (5 digits), not " + code);
        }
        Optional<CodeList> list = list(fiscalYear, ClassificationKind.ECONOMIC);
        if (list.isEmpty()) {
            return Optional.of("economic code " + code + " is not in the " + fiscalYear
                    + " list (the ledger has no economic list for " + fiscalYear + ")");
        }
        return list.get().contains(code.value()) ? Optional.empty()
                : Optional.of("economic code " + code + " is not in the " + fiscalYear + " list");
    }
}
