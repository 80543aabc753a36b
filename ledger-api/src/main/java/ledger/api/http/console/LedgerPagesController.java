package ledger.api.http.console;

import java.util.Base64;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ledger.api.application.ledger.LogVerification;
import ledger.api.application.ledger.TransparencyLog;

/** The ledger's integrity: the latest signed checkpoint, the last verification, an event's inclusion proof. */
@Controller
class LedgerPagesController {

    record Proof(String eventId, long index, String leafHash, long treeSize, List<String> hashes) {
    }

    private final TransparencyLog log;
    private final LogVerification verification;

    LedgerPagesController(TransparencyLog log, LogVerification verification) {
        this.log = log;
        this.verification = verification;
    }

    @GetMapping("/console/ledger")
    String ledger(@RequestParam(required = false) String eventId, Model model) {
        var latest = log.latestCheckpoint();
        model.addAttribute("checkpoint", latest.orElse(null));
        model.addAttribute("witnessing", latest.map(log::witnessing).orElse(null));
        model.addAttribute("publicKey", log.verifierKey());
        model.addAttribute("verification", verification.latest().orElse(null));
        model.addAttribute("eventId", eventId);
        model.addAttribute("fmt", new Readable());
        if (eventId != null && !eventId.isBlank()) {
            String id = eventId.strip();
            if (id.length() > 255 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
                model.addAttribute("error", "An event id is 1 to 255 visible ASCII characters.");
                return "console/ledger";
            }
            var checkpoint = log.latestCheckpoint();
            var leaf = log.leaf(id);
            if (leaf.isEmpty()) {
                model.addAttribute("error", "No leaf for this event id (unknown, or not sequenced yet).");
            } else if (checkpoint.isEmpty() || leaf.get().index() >= checkpoint.get().treeSize()) {
                model.addAttribute("error", "The event is in the log; no signed checkpoint covers it yet.");
            } else {
                Base64.Encoder base64 = Base64.getEncoder();
                long size = checkpoint.get().treeSize();
                model.addAttribute("proof", new Proof(id, leaf.get().index(), base64.encodeToString(leaf.get().leafHash()),
                        size, log.inclusionProof(leaf.get().index(), size).stream().map(base64::encodeToString)
                        .toList()));
            }
        }
        return "console/ledger";
    }
}
