package cn.gov.ledger.api.infrastructure.eventstore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;

/**
 * Axon's JDBC engine that appends the events of a large unit of work (a batch posting) with one
 * binary {@code COPY} instead of Axon's multi-row INSERT, whose nine bound parameters per event the
 * driver encoded and PostgreSQL parsed, planned and executed 128 rows at a time. The rows are the
 * ones Axon writes, column by column (the same serializer, the same timestamp text), so reads,
 * the event chain and the audit replay cannot tell the two apart. A duplicate (aggregate,
 * sequence) fails the COPY with the same unique violation, translated by Axon as for an INSERT.
 * Smaller appends (single postings) keep Axon's INSERT: one round trip either way; so do events
 * of no aggregate, which this ledger does not make.
 */
public class CopyAppendingEventStorageEngine extends JdbcEventStorageEngine {

    /** From this many events of one unit of work on, they are appended by COPY. */
    static final int COPY_FROM = 64;

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    private final TransactionManager transactionManager;
    private final String copy;

    CopyAppendingEventStorageEngine(Builder builder, TransactionManager transactionManager, EventSchema schema) {
        super(builder);
        this.transactionManager = transactionManager;
        this.copy = "COPY " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") FROM STDIN BINARY";
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.size() < COPY_FROM || !events.stream().allMatch(DomainEventMessage.class::isInstance)) {
            super.appendEvents(events, serializer);
            return;
        }
        byte[] rows = rows(events, serializer);
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(rows));
            } catch (SQLException | IOException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
    }

    /**
     * The events in COPY's binary format, in the order of {@link EventSchema#domainEventFields()}:
     * event id, aggregate id, sequence, aggregate type, timestamp, payload type and revision,
     * payload, metadata.
     */
    private static byte[] rows(List<? extends EventMessage<?>> events, Serializer serializer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(events.size() * 512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(SIGNATURE);
            out.writeInt(0); // flags
            out.writeInt(0); // header extension
            for (EventMessage<?> event : events) {
                DomainEventMessage<?> message = (DomainEventMessage<?>) event;
                SerializedObject<byte[]> payload = message.serializePayload(serializer, byte[].class);
                SerializedObject<byte[]> metaData = message.serializeMetaData(serializer, byte[].class);
                out.writeShort(9);
                text(out, message.getIdentifier());
                text(out, message.getAggregateIdentifier());
                out.writeInt(Long.BYTES);
                out.writeLong(message.getSequenceNumber());
                text(out, message.getType());
                text(out, DateTimeUtils.formatInstant(message.getTimestamp()));
                text(out, payload.getType().getName());
                text(out, payload.getType().getRevision());
                binary(out, payload.getData());
                binary(out, metaData.getData());
            }
            out.writeShort(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        binary(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void binary(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
        } else {
            out.writeInt(value.length);
            out.write(value);
        }
    }
}
