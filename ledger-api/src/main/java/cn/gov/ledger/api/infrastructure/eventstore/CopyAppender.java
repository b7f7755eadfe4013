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
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.PGConnection;

/**
 * Appends a large unit of work's events (a batch posting) with one binary {@code COPY}, which
 * PostgreSQL takes in one go, where Axon's multi-row INSERT binds, parses and plans every few
 * rows. The rows are the ones Axon writes, column by column (the same serializer, the same
 * timestamp text), so reads, the event chain and the audit replay cannot tell them apart, and a
 * duplicate (aggregate, sequence) fails the COPY with the same unique violation as the INSERT.
 * Small appends (single postings) cost one round trip either way and stay with Axon's INSERT, as do
 * events of no aggregate, which this ledger does not make.
 */
final class CopyAppender {

    /** From this many events of one unit of work on, they are appended by COPY. */
    static final int COPY_FROM = 64;

    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    private final String copy;

    CopyAppender(EventSchema schema) {
        this.copy = "COPY " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") FROM STDIN BINARY";
    }

    /** Whether these events are appended by COPY rather than by Axon's INSERT. */
    static boolean takes(List<? extends EventMessage<?>> events) {
        return events.size() >= COPY_FROM && events.stream().allMatch(DomainEventMessage.class::isInstance);
    }

    /** Sends the {@link #rows rows} on the connection, within the caller's transaction. */
    void append(Connection connection, byte[] rows) throws SQLException, IOException {
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(rows));
    }

    /**
     * The events (all {@link #takes taken}) in COPY's binary format, in the order of
     * {@link EventSchema#domainEventFields()}: event id, aggregate id, sequence, aggregate type,
     * timestamp, payload type and revision, payload, metadata.
     */
    static byte[] rows(List<? extends EventMessage<?>> events, Serializer serializer) {
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
