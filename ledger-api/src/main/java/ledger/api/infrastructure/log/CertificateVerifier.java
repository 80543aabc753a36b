package ledger.api.infrastructure.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.core.log.Checkpoint;
import ledger.core.log.Cosignatures;
import ledger.core.log.EventRow;
import ledger.core.log.NoteVerificationException;
import ledger.core.log.NoteVerifier;
import ledger.core.log.Proofs;
import ledger.core.log.TreeHash;

/**
 * {@code java -jar ledger.jar verify --certificate FILE --public-key FILE [--witness-key FILE]...}: checks a
 * member's lifecycle certificate offline, trusting only the keys given. The checkpoint's signature and
 * every given witness's cosignature; every event's leaf recomputed from its values and its inclusion
 * proof in the checkpoint's tree; the events are the member's and in unbroken sequence from 0; every
 * consent receipt's JWS under the log's key, naming the member and a consent the events record; the
 * erasure receipt's event among them. Exit status 0 intact, 1 altered (says what), 2 cannot run.
 */
public final class CertificateVerifier {

    static final String FORMAT = "ledger-member-certificate/v1";
    private static final String USAGE = "usage: java -jar ledger.jar verify --certificate FILE --public-key FILE"
            + " [--witness-key FILE]...";

    private CertificateVerifier() {
    }

    /** Thrown for the first thing that does not hold. */
    private static final class Altered extends Exception {
        private static final long serialVersionUID = 1L;

        Altered(String message) {
            super(message);
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path certificate = null;
        Path publicKey = null;
        List<Path> witnessKeys = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 == args.length) {
                err.println("verify: a value is missing after " + args[i]);
                err.println(USAGE);
                return VerifyCommand.CANNOT_RUN;
            }
            switch (args[i]) {
                case "--certificate" -> certificate = Path.of(args[i + 1]);
                case "--public-key" -> publicKey = Path.of(args[i + 1]);
                case "--witness-key" -> witnessKeys.add(Path.of(args[i + 1]));
                default -> {
                    err.println("verify: unknown option " + args[i]);
                    err.println(USAGE);
                    return VerifyCommand.CANNOT_RUN;
                }
            }
        }
        if (certificate == null || publicKey == null) {
            err.println("verify: --certificate and --public-key are required");
            err.println(USAGE);
            return VerifyCommand.CANNOT_RUN;
        }
        NoteVerifier logKey;
        List<Cosignatures> witnesses = new ArrayList<>();
        JsonNode document;
        try {
            logKey = NoteVerifier.parse(Files.readString(publicKey, StandardCharsets.UTF_8).strip());
            for (Path file : witnessKeys) {
                witnesses.add(Cosignatures.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
            }
            document = new ObjectMapper().readTree(Files.readString(certificate, StandardCharsets.UTF_8));
        } catch (IOException e) {
            err.println("verify: cannot read " + e.getMessage());
            return VerifyCommand.CANNOT_RUN;
        } catch (IllegalArgumentException e) {
            err.println("verify: not a verifier key: " + e.getMessage());
            return VerifyCommand.CANNOT_RUN;
        }
        try {
            String summary = verify(document, logKey, witnesses);
            out.println("OK " + summary);
            return VerifyCommand.INTACT;
        } catch (Altered e) {
            out.println("ALTERED " + e.getMessage());
            return VerifyCommand.ALTERED;
        }
    }

    private static String verify(JsonNode certificate, NoteVerifier logKey, List<Cosignatures> witnesses)
            throws Altered {
        if (!FORMAT.equals(certificate.path("format").asText())) {
            throw new Altered("format: not " + FORMAT);
        }
        String memberId = text(certificate, "memberId");
        String note = text(certificate, "checkpoint");
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(logKey.verify(note));
        } catch (NoteVerificationException | IllegalArgumentException e) {
            throw new Altered("checkpoint: " + e.getMessage());
        }
        if (certificate.path("treeSize").asLong(-1) != checkpoint.treeSize()) {
            throw new Altered("treeSize: not the checkpoint's (" + checkpoint.treeSize() + ")");
        }
        for (Cosignatures witness : witnesses) {
            try {
                if (witness.find(note).isEmpty()) {
                    throw new Altered("checkpoint: no cosignature of witness " + witness.name());
                }
            } catch (NoteVerificationException e) {
                throw new Altered("checkpoint: " + e.getMessage());
            }
        }
        JsonNode events = certificate.path("events");
        if (!events.isArray() || events.isEmpty()) {
            throw new Altered("events: none");
        }
        Set<String> eventIds = new HashSet<>();
        Set<String> consentEvents = new HashSet<>();
        long expectedSequence = 0;
        for (JsonNode event : events) {
            String eventId = text(event, "eventId");
            String where = "event " + eventId + ": ";
            if (!memberId.equals(text(event, "aggregateIdentifier"))) {
                throw new Altered(where + "not an event of member " + memberId);
            }
            if (event.path("sequenceNumber").asLong(-1) != expectedSequence++) {
                throw new Altered(where + "sequence number " + event.path("sequenceNumber").asText()
                        + " where " + (expectedSequence - 1) + " follows (an event is missing or moved)");
            }
            byte[] leafHash;
            try {
                leafHash = TreeHash.leafHash(EventRow.leafData(eventId, text(event, "aggregateIdentifier"),
                        event.path("sequenceNumber").asLong(), nullable(event, "type"), text(event, "timeStamp"),
                        text(event, "payloadType"), nullable(event, "payloadRevision"), text(event, "payloadSha256"),
                        text(event, "metaDataSha256")));
            } catch (IllegalArgumentException e) {
                throw new Altered(where + e.getMessage());
            }
            if (!MessageDigest.isEqual(leafHash, base64(event, "leafHash", where))) {
                throw new Altered(where + "the leaf hash is not the one of its values");
            }
            long index = event.path("leafIndex").asLong(-1);
            List<byte[]> proof = new ArrayList<>();
            for (JsonNode hash : event.path("inclusionProof")) {
                proof.add(decode(hash.asText(), where + "inclusionProof"));
            }
            if (index < 0 || !Proofs.verifyInclusion(index, checkpoint.treeSize(), leafHash, proof,
                    checkpoint.rootHash())) {
                throw new Altered(where + "the inclusion proof of leaf " + index + " does not lead to the checkpoint's"
                        + " root");
            }
            eventIds.add(eventId);
            if (text(event, "payloadType").endsWith(".ConsentGiven")) {
                consentEvents.add(eventId);
            }
        }
        int receipts = 0;
        for (JsonNode receipt : certificate.path("consentReceipts")) {
            String consentId = text(receipt, "consentId");
            verifyReceipt(text(receipt, "jws"), logKey, memberId, consentId);
            receipts++;
        }
        if (receipts > consentEvents.size()) {
            throw new Altered("consentReceipts: more receipts than recorded consents");
        }
        JsonNode erasure = certificate.path("erasure");
        boolean erased = erasure.isObject();
        if (erased) {
            String eventId = text(erasure, "eventId");
            JsonNode event = null;
            for (JsonNode candidate : events) {
                if (eventId.equals(candidate.path("eventId").asText())) {
                    event = candidate;
                }
            }
            if (event == null || !text(event, "payloadType").endsWith(".MemberErased")
                    || event.path("leafIndex").asLong(-1) != erasure.path("leafIndex").asLong(-2)) {
                throw new Altered("erasure: its event is not the member's certified MemberErased event");
            }
        }
        return "member " + memberId + ": " + events.size() + " events, " + receipts + " consent receipts, "
                + (erased ? "erased" : "not erased") + "; checkpoint " + checkpoint.treeSize() + " signed"
                + (witnesses.isEmpty() ? "" : " and cosigned by " + witnesses.size() + " witness"
                + (witnesses.size() == 1 ? "" : "es"));
    }

    private static void verifyReceipt(String jws, NoteVerifier logKey, String memberId, String consentId)
            throws Altered {
        String where = "consent receipt " + consentId + ": ";
        String[] parts = jws.split("\\.", -1);
        if (parts.length != 3) {
            throw new Altered(where + "not a compact JWS");
        }
        byte[] signature;
        JsonNode header;
        JsonNode payload;
        try {
            Base64.Decoder url = Base64.getUrlDecoder();
            header = new ObjectMapper().readTree(url.decode(parts[0]));
            payload = new ObjectMapper().readTree(url.decode(parts[1]));
            signature = url.decode(parts[2]);
        } catch (IOException | IllegalArgumentException e) {
            throw new Altered(where + "not a compact JWS");
        }
        if (!"EdDSA".equals(header.path("alg").asText())) {
            throw new Altered(where + "alg is not EdDSA");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!logKey.verifyDetached(signingInput, signature)) {
            throw new Altered(where + "the JWS signature does not verify with the log's key");
        }
        if (!memberId.equals(payload.path("piiPrincipalId").asText())
                || !consentId.equals(payload.path("consentReceiptID").asText())) {
            throw new Altered(where + "the signed receipt names another member or consent");
        }
    }

    private static String text(JsonNode node, String field) throws Altered {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new Altered(field + ": missing");
        }
        return value.asText();
    }

    private static String nullable(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static byte[] base64(JsonNode node, String field, String where) throws Altered {
        return decode(text(node, field), where + field);
    }

    private static byte[] decode(String text, String what) throws Altered {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new Altered(what + ": not base64");
        }
    }
}
