package ledger.api.http.admin;

import ledger.api.http.support.ReplayableAnswer;
import ledger.api.infrastructure.axon.ProjectionReplay;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ledger.api.infrastructure.crypto.MasterKeyRotation;

/** Operations for the ADMIN role. */
@RestController
@RequestMapping(path = "/api/v1/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminController {

    private final MasterKeyRotation rotation;
    private final ProjectionReplay replay;

    AdminController(MasterKeyRotation rotation, ProjectionReplay replay) {
        this.rotation = rotation;
        this.replay = replay;
    }

    /** Every read model (event processor) with its position against the head of the event store. */
    @GetMapping("/read-models")
    List<ProjectionReplay.Status> readModels() {
        return replay.statuses();
    }

    @GetMapping("/read-models/{name}")
    ProjectionReplay.Status readModel(@PathVariable String name) {
        return replay.status(name);
    }

    /** Rebuilds the read model from the event store; answers 202 with its status at once. */
    @ReplayableAnswer
    @PostMapping("/read-models/{name}/replay")
    ResponseEntity<ProjectionReplay.Status> replay(@PathVariable String name) {
        return ResponseEntity.accepted().body(replay.replay(name));
    }

    /** Re-wraps every data key with the current master key; see docs/crypto-shredding.md. */
    @ReplayableAnswer
    @PostMapping("/master-key/rotation")
    MasterKeyRotation.Result rotateMasterKey() {
        return rotation.rotate();
    }
}
