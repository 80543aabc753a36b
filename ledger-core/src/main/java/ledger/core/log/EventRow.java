package ledger.core.log;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * One stored event row (Axon's domain_event_entry) as the log covers it.
 *
 * <p>The leaf covers the row as stored, so an external verifier can recompute it from a database dump
 * without our serializer or keys: nine values, each followed by "\n". Payload and metadata enter as
 * SHA-256 digests, so crypto-shredding (the ciphertext stays, the key goes) never changes a leaf.
 */
public record EventRow(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
        String timeStamp, String payloadType, String payloadRevision, byte[] payload, byte[] metaData) {

    private static final HexFormat HEX = HexFormat.of();

    /** The leaf format (a contract, see docs/verifiable-ledger.md); IllegalArgumentException if it would be ambiguous. */
    public byte[] leafData() {
        if (payload == null) {
            throw new IllegalArgumentException("payload is required");
        }
        return leafData(eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp, payloadType,
                payloadRevision, payloadSha256(), metaDataSha256());
    }

    /** Lowercase hex SHA-256 of the stored payload bytes, as the leaf holds it. */
    public String payloadSha256() {
        return HEX.formatHex(TreeHash.sha256(payload));
    }

    /** Lowercase hex SHA-256 of the stored metadata bytes (of no bytes when there are none). */
    public String metaDataSha256() {
        return HEX.formatHex(TreeHash.sha256(metaData == null ? new byte[0] : metaData));
    }

    /**
     * The leaf data from the covered values with payload and metadata as their digests: what a verifier
     * holding no payload (a member's certificate, after the erasure too) recomputes the leaf from.
     */
    public static byte[] leafData(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                                  String timeStamp, String payloadType, String payloadRevision, String payloadSha256,
                                  String metaDataSha256) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, "event_identifier", required("event_identifier", eventIdentifier));
        line(out, "aggregate_identifier", required("aggregate_identifier", aggregateIdentifier));
        line(out, "sequence_number", Long.toString(sequenceNumber));
        line(out, "type", type == null ? "" : type);
        line(out, "time_stamp", required("time_stamp", timeStamp));
        line(out, "payload_type", required("payload_type", payloadType));
        line(out, "payload_revision", payloadRevision == null ? "" : payloadRevision);
        line(out, "payload", digest("payload", payloadSha256));
        line(out, "meta_data", digest("meta_data", metaDataSha256));
        return out.toByteArray();
    }

    private static String digest(String column, String hex) {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(column + " digest is 64 lowercase hex digits");
        }
        return hex;
    }

    public byte[] leafHash() {
        return TreeHash.leafHash(leafData());
    }

    private static String required(String column, String value) {
        if (value == null) {
            throw new IllegalArgumentException(column + " is required");
        }
        return value;
    }

    // A value holding the separator would let two different rows share one leaf.
    private static void line(ByteArrayOutputStream out, String column, String value) {
        if (value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(column + " contains a newline, the leaf format cannot hold it");
        }
        out.writeBytes(Utf8.encode(value));
        out.write('\n');
    }
}
