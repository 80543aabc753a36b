package ledger.api.admin;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ledger.api.crypto.MasterKeyRotation;

/** Operations for the ADMIN role. */
@RestController
@RequestMapping(path = "/api/v1/admin", produces = MediaType.APPLICATION_JSON_VALUE)
class AdminController {

    private final MasterKeyRotation rotation;

    AdminController(MasterKeyRotation rotation) {
        this.rotation = rotation;
    }

    /** Re-wraps every data key with the current master key; see docs/crypto-shredding.md. */
    @PostMapping("/master-key/rotation")
    MasterKeyRotation.Result rotateMasterKey() {
        return rotation.rotate();
    }
}
