package cn.gov.ledger.api.classification;

import cn.gov.ledger.core.classification.ClassificationKind;
import cn.gov.ledger.core.classification.ClassificationListLoaded;
import cn.gov.ledger.core.classification.CodeList;
import cn.gov.ledger.core.classification.ListedCode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lists loaded at run time, in {@code classification_list} and {@code classification_code}:
 * each list as its latest {@link ClassificationListLoaded} event left it. Written in the
 * transaction that stores the event, and rebuilt from the event store at start.
 */
@Component
class LoadedLists {

    /** Taken by a load and by the rebuild, in their transactions: one at a time, across nodes. */
    static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('classification_list'))";

    /**
     * The latest event of each of these lists, found through the (aggregate_identifier,
     * sequence_number) key rather than by a scan of the whole store.
     */
    private static final String LATEST = """
            SELECT e.event_identifier, e.time_stamp, e.payload, e.payload_type, e.payload_revision
            FROM domain_event_entry e
            WHERE e.aggregate_identifier = ANY (?) AND e.payload_type = ?
              AND e.sequence_number = (SELECT max(l.sequence_number) FROM domain_event_entry l
                                       WHERE l.aggregate_identifier = e.aggregate_identifier)""";

    /** Every identifier a list can have: each kind of each fiscal year a posting may have. */
    private static final String[] EVERY_LIST = IntStream.rangeClosed(1990, 2999).boxed()
            .flatMap(year -> Arrays.stream(ClassificationKind.values()).map(kind -> kind.listId(year)))
            .toArray(String[]::new);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final TransactionTemplate transaction;

    LoadedLists(JdbcTemplate jdbc, Serializer serializer, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.transaction = new TransactionTemplate(transactions);
    }

    Optional<CodeList> find(int fiscalYear, ClassificationKind kind) {
        List<Object[]> header = jdbc.query(
                "SELECT loaded_by, loaded_at FROM classification_list WHERE fiscal_year = ? AND kind = ?",
                (rs, n) -> new Object[] {rs.getString(1), rs.getTimestamp(2).toInstant()}, fiscalYear, kind.name());
        if (header.isEmpty()) {
            return Optional.empty();
        }
        List<ListedCode> codes = jdbc.query("""
                SELECT code, name, government_code, institution_government_code FROM classification_code
                WHERE fiscal_year = ? AND kind = ?""", (rs, n) -> new ListedCode(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4)), fiscalYear, kind.name());
        return Optional.of(CodeList.loaded(kind, fiscalYear, codes, (String) header.get(0)[0],
                (Instant) header.get(0)[1]));
    }

    /** The fiscal years with a loaded list of this kind. */
    SortedSet<Integer> years(ClassificationKind kind) {
        return new TreeSet<>(jdbc.queryForList("SELECT fiscal_year FROM classification_list WHERE kind = ?",
                Integer.class, kind.name()));
    }

    /** Writes the list as its latest event left it; in the transaction that stored that event. */
    void record(String listId) {
        writeLatest(new String[] {listId});
    }

    /** Writes every loaded list again from the event store: the tables are derived from the events. */
    void rebuild() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute(LOCK);
            jdbc.update("DELETE FROM classification_list");
            writeLatest(EVERY_LIST);
        });
    }

    private void writeLatest(String[] listIds) {
        jdbc.query(LATEST, rs -> {
            write(rs.getString("event_identifier"), Instant.parse(rs.getString("time_stamp")),
                    event(rs.getBytes("payload"), rs.getString("payload_type"), rs.getString("payload_revision")));
        }, listIds, ClassificationListLoaded.class.getName());
    }

    private ClassificationListLoaded event(byte[] payload, String type, String revision) {
        return serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class, type, revision));
    }

    private void write(String eventIdentifier, Instant loadedAt, ClassificationListLoaded loaded) {
        jdbc.update("DELETE FROM classification_list WHERE fiscal_year = ? AND kind = ?", loaded.fiscalYear(),
                loaded.kind().name());
        jdbc.update("""
                INSERT INTO classification_list (fiscal_year, kind, event_identifier, loaded_by, loaded_at)
                VALUES (?, ?, ?, ?, ?)""", loaded.fiscalYear(), loaded.kind().name(), eventIdentifier,
                loaded.loadedBy(), Timestamp.from(loadedAt));
        jdbc.batchUpdate("""
                INSERT INTO classification_code (fiscal_year, kind, code, name, government_code, institution_government_code)
                VALUES (?, ?, ?, ?, ?, ?)""", loaded.codes().stream().map(c -> new Object[] {loaded.fiscalYear(),
                loaded.kind().name(), c.code(), c.name(), c.governmentCode(), c.institutionGovernmentCode()}).toList());
    }
}
