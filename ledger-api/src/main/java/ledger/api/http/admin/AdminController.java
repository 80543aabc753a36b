package ledger.api.http.admin;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.operations.MasterKeyRotation;
import ledger.api.application.operations.ProjectionReplay;
import ledger.api.http.security.Roles;
import ledger.api.http.support.ReplayableAnswer;

/** Operations for the ADMIN role. */
@RestController
@Tag(name = "Operations")
@RequestMapping(path = "/api/v1/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminController {

    private final MasterKeyRotation rotation;
    private final ProjectionReplay replay;

    AdminController(MasterKeyRotation rotation, ProjectionReplay replay) {
        this.rotation = rotation;
        this.replay = replay;
    }

    /** Every read model (event processor) with its position against the head of the event store. */
    @Operation(
            summary = "List read models",
            description = "Every read model's processor.")
    @RolesAllowed(Roles.ADMIN)
    @GetMapping("/read-models")
    List<ProjectionReplay.Status> readModels() {
        return replay.statuses();
    }

    @Operation(
            summary = "Read a read model's status",
            description = "One read model's processor.")
    @RolesAllowed(Roles.ADMIN)
    @GetMapping("/read-models/{name}")
    ProjectionReplay.Status readModel(@PathVariable String name) {
        return replay.status(name);
    }

    /** Rebuilds the read model from the event store; answers 202 with its status at once. */
    @Operation(
            summary = "Replay a read model",
            description = "Rebuilds the read model from the event store, with every read model that shares "
                    + "its processor (`processor` in the status); a replay asked for while that processor "
                    + "rebuilds joins the rebuild.")
    @ApiResponse(responseCode = "202", description = "Accepted", useReturnTypeSchema = true)
    @RolesAllowed(Roles.ADMIN)
    @ReplayableAnswer
    @PostMapping("/read-models/{name}/replay")
    ResponseEntity<ProjectionReplay.Status> replay(@PathVariable String name) {
        return ResponseEntity.accepted().body(replay.replay(name));
    }

    /** Re-wraps every data key with the current master key; see docs/crypto-shredding.md. */
    @Operation(
            summary = "Rotate the master key",
            description = "Re-wraps every data key with the active master key.")
    @RolesAllowed(Roles.ADMIN)
    @ReplayableAnswer
    @PostMapping("/master-key/rotation")
    MasterKeyRotation.Result rotateMasterKey() {
        return rotation.rotate();
    }
}
