package ledger.api.http.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.ledger.LogVerification;
import ledger.api.application.ledger.TransparencyLog;
import ledger.api.http.security.Roles;
import ledger.api.http.support.ApiProblem;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.PageLimit;
import ledger.api.http.support.ReplayableAnswer;

/**
 * The verifiable ledger (docs/verifiable-ledger.md): what an auditor needs to check, with the public
 * key alone, that every recorded event is in the log and the log only ever grew. Hashes are base64.
 */
@RestController
@Tag(name = "Ledger")
@RequestMapping(path = "/api/v1/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
class LedgerController {

    static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    record Leaf(long index, String eventId, long globalIndex, String leafHash) {
    }

    record InclusionProof(long index, long treeSize, List<String> hashes) {
    }

    record ConsistencyProof(long first, long second, List<String> hashes) {
    }

    record FirstBad(Long index, String eventId, Long globalIndex, String reason) {
    }

    /** {@code from}: the tree size the verification went on from (0: every leaf was recomputed). */
    record Verification(String status, long treeSize, Instant checkedAt, FirstBad firstBad, long from) {
    }

    private final TransparencyLog log;
    private final LogVerification verification;
    private final PageLimit pageLimit;

    LedgerController(TransparencyLog log, LogVerification verification, PageLimit pageLimit) {
        this.log = log;
        this.verification = verification;
        this.pageLimit = pageLimit;
    }

    /**
     * The latest signed checkpoint: a C2SP tlog-checkpoint in a signed note, with the witnesses' C2SP
     * tlog-cosignature lines after the log's signature (once they cosigned it).
     */
    @Operation(
            summary = "Read the latest signed checkpoint",
            description = "The latest C2SP tlog-checkpoint (origin, tree size, base64 root hash) in a signed "
                    + "note (Ed25519), as text/plain.")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM, Roles.ADMIN})
    @GetMapping(path = "/checkpoint", produces = "text/plain;charset=UTF-8")
    ResponseEntity<String> checkpoint() {
        String note = log.latestCheckpoint()
                .orElseThrow(() -> ApiProblem.notFound("no-checkpoint", "no checkpoint has been signed yet"))
                .cosignedNote();
        return ResponseEntity.ok().contentType(TEXT).body(note);
    }

    /** The note verifier key that checks every checkpoint's signature. */
    @Operation(
            summary = "Read the public key",
            description = "The note verifier key <name>+<hex key hash>+<base64(0x01 || Ed25519 key)> that "
                    + "verifies every checkpoint.")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM, Roles.ADMIN})
    @GetMapping(path = "/public-key", produces = "text/plain;charset=UTF-8")
    ResponseEntity<String> publicKey() {
        return ResponseEntity.ok().contentType(TEXT).body(log.verifierKey() + "\n");
    }

    /** Leaves {@code [start, end)} in log order, or the leaf of one event. */
    @Operation(
            summary = "List leaves",
            description = "Leaves [start, end) in log order (end defaults to start plus the page size), or "
                    + "the leaf of one event (eventId; 404 when it has none yet).")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM, Roles.ADMIN})
    @GetMapping("/leaves")
    List<Leaf> leaves(@RequestParam(required = false) Long start, @RequestParam(required = false) Long end,
                      @RequestParam(required = false) String eventId) {
        if (eventId != null) {
            if (start != null || end != null) {
                throw new InvalidParameter("eventId", "give either eventId or start and end");
            }
            if (eventId.isEmpty() || eventId.length() > 255 || !eventId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                throw new InvalidParameter("eventId", "eventId must be 1 to 255 visible ASCII characters");
            }
            TransparencyLog.Leaf leaf = log.leaf(eventId).orElseThrow(() -> ApiProblem.notFound("no-leaf",
                    "no leaf for this event id (unknown, or not sequenced yet)"));
            return List.of(leaf(leaf));
        }
        if (start == null) {
            throw new InvalidParameter("start", "start (the first leaf index) or eventId is required");
        }
        long size = log.treeSize();
        if (start < 0 || start > size) {
            throw new InvalidParameter("start", "start must be between 0 and the tree size (" + size + ")");
        }
        long last = end == null ? Math.min(size, start + pageLimit.of(null)) : end;
        if (last < start || last > size) {
            throw new InvalidParameter("end", "end must be between start and the tree size (" + size + ")");
        }
        if (last - start > pageLimit.maxLimit()) {
            throw new InvalidParameter("end", "at most " + pageLimit.maxLimit() + " leaves at once");
        }
        return log.leaves(start, last).stream().map(LedgerController::leaf).toList();
    }

    /** The RFC 9162 inclusion proof of leaf {@code index} in the tree of {@code treeSize} leaves. */
    @Operation(
            summary = "Read an inclusion proof",
            description = "The RFC 9162 inclusion proof of leaf index in the tree of treeSize leaves (1 <= "
                    + "treeSize <= the log's size).")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM, Roles.ADMIN})
    @GetMapping("/proofs/inclusion")
    InclusionProof inclusion(@RequestParam(required = false) Long index,
                             @RequestParam(required = false) Long treeSize) {
        long size = log.treeSize();
        if (treeSize == null || treeSize < 1 || treeSize > size) {
            throw new InvalidParameter("treeSize", "treeSize must be between 1 and the tree size (" + size + ")");
        }
        if (index == null || index < 0 || index >= treeSize) {
            throw new InvalidParameter("index", "index must be between 0 and treeSize - 1");
        }
        return new InclusionProof(index, treeSize, base64(log.inclusionProof(index, treeSize)));
    }

    /** The RFC 9162 consistency proof from the tree of {@code first} leaves to the one of {@code second}. */
    @Operation(
            summary = "Read a consistency proof",
            description = "The RFC 9162 consistency proof from the tree of first leaves to the tree of "
                    + "second leaves (empty when first is 0 or equal to second).")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM, Roles.ADMIN})
    @GetMapping("/proofs/consistency")
    ConsistencyProof consistency(@RequestParam(required = false) Long first,
                                 @RequestParam(required = false) Long second) {
        long size = log.treeSize();
        if (second == null || second < 0 || second > size) {
            throw new InvalidParameter("second", "second must be between 0 and the tree size (" + size + ")");
        }
        if (first == null || first < 0 || first > second) {
            throw new InvalidParameter("first", "first must be between 0 and second");
        }
        return new ConsistencyProof(first, second, base64(log.consistencyProof(first, second)));
    }

    /**
     * Verifies the log now, synchronously: every leaf ({@code scope=full}, the default; long on a large
     * log), or what was added since this node's last intact verification ({@code scope=new}).
     */
    @Operation(
            summary = "Verify the ledger now",
            description = "scope=full (default): recomputes every leaf from its event row and checks every stored "
                    + "checkpoint; answers when done (long on a large log). scope=new: goes on from this node's "
                    + "last intact verification (the stored tree must still hold it: its root and a consistency "
                    + "proof to the last checkpoint), recomputing only the leaves added since and checking the new "
                    + "checkpoints; a full verification when there is none. 'from' in the answer says where it began.")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @ReplayableAnswer
    @PostMapping("/verification")
    Verification verifyLedger(@RequestParam(required = false, defaultValue = "full") String scope) {
        return switch (scope) {
            case "full" -> verification(verification.verifyNow());
            case "new" -> verification(verification.verifySinceLastVerified());
            default -> throw new InvalidParameter("scope", "scope must be 'full' or 'new'");
        };
    }

    /** The latest verification of any node. */
    @Operation(
            summary = "Read the latest verification",
            description = "The latest verification of any node (scheduled or requested, full or since the node's "
                    + "last: see 'from'); 404 before the first.")
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM, Roles.ADMIN})
    @GetMapping("/verification")
    Verification lastVerification() {
        return verification(verification.latest().orElseThrow(() -> ApiProblem.notFound("no-verification",
                "no verification has run yet")));
    }

    private static Leaf leaf(TransparencyLog.Leaf leaf) {
        return new Leaf(leaf.index(), leaf.eventId(), leaf.globalIndex(),
                Base64.getEncoder().encodeToString(leaf.leafHash()));
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }

    private static Verification verification(LogVerification.Result result) {
        var bad = result.firstBad();
        return new Verification(result.status().name(), result.treeSize(), result.checkedAt(),
                bad == null ? null : new FirstBad(bad.index(), bad.eventId(), bad.globalIndex(), bad.reason()),
                result.from());
    }
}
