package cn.gov.ledger.api.classification;

import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.core.classification.ClassificationKind;
import cn.gov.ledger.core.classification.Classifications;
import cn.gov.ledger.core.classification.CodeList;
import cn.gov.ledger.core.classification.UnlistedItems;
import cn.gov.ledger.projections.classification.ShippedLists;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The code lists of every fiscal year as this node knows them: a loaded list (LoadedLists) wins
 * over the shipped one of its year and kind. Each year's and kind's answer is kept in memory for
 * at most {@code ledger.classifications.refresh}: a list loaded on another node is used here within
 * that; one loaded on this node at once.
 */
@Component
public class YearClassifications implements Classifications {

    private final LoadedLists loaded;
    private final ShippedLists shipped = ShippedLists.standard();
    private final UnlistedItems unlistedItems;
    private final LoadingCache<String, Optional<CodeList>> lists;

    YearClassifications(LoadedLists loaded, LedgerProperties properties) {
        this.loaded = loaded;
        this.unlistedItems = properties.classifications().unlistedItems();
        this.lists = Caffeine.newBuilder()
                .expireAfterWrite(properties.classifications().refresh())
                .build(this::read);
    }

    @Override
    public Optional<CodeList> list(int fiscalYear, ClassificationKind kind) {
        return lists.get(kind.listId(fiscalYear));
    }

    @Override
    public UnlistedItems unlistedItems() {
        return unlistedItems;
    }

    /** The fiscal years with a list of this kind, shipped or loaded. */
    public SortedSet<Integer> years(ClassificationKind kind) {
        SortedSet<Integer> years = new TreeSet<>(loaded.years(kind));
        shipped.years().stream().filter(y -> shipped.list(y, kind).isPresent()).forEach(years::add);
        return years;
    }

    /** After a load on this node: the next check reads the list again. */
    void forget(int fiscalYear, ClassificationKind kind) {
        lists.invalidate(kind.listId(fiscalYear));
    }

    /** The loaded lists are derived from their events: written again at start. */
    @EventListener(ApplicationReadyEvent.class)
    void rebuild() {
        loaded.rebuild();
        lists.invalidateAll();
    }

    private Optional<CodeList> read(String listId) {
        int at = listId.indexOf('@');
        ClassificationKind kind = ClassificationKind.byKey(listId.substring(0, at)).orElseThrow();
        int fiscalYear = Integer.parseInt(listId.substring(at + 1));
        return loaded.find(fiscalYear, kind).or(() -> shipped.list(fiscalYear, kind));
    }
}
