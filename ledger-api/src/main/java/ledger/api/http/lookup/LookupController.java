package ledger.api.http.lookup;

import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.lookup.MemberLookups;
import ledger.api.application.reading.ReadAudit;
import ledger.api.http.security.Roles;
import ledger.api.http.support.Callers;
import ledger.api.http.support.InvalidParameter;

/**
 * The DPM finds the member a request is about: exactly one of {@code email} or {@code username}, in the
 * body (never in an address or a log). Answers the matching member ids (none after an erasure); each
 * match is recorded in the member's read audit with the declared {@code X-Purpose} (default
 * {@code member-lookup}).
 */
@RestController
@Tag(name = "Data subject requests")
@RequestMapping(path = "/api/v1/members", produces = MediaType.APPLICATION_JSON_VALUE)
class LookupController {

    record Lookup(@Size(max = 254) String email, @Size(max = 64) String username) {
    }

    record Found(List<UUID> memberIds) {
    }

    private final MemberLookups lookups;

    LookupController(MemberLookups lookups) {
        this.lookups = lookups;
    }

    @Operation(
            summary = "Find a member by e-mail or username",
            description = "Through a keyed blind index (HMAC of the normalised value under a secret of the "
                    + "service; an e-mail is matched case-insensitively, a username as uniqueness sees it, "
                    + "look-alikes included). Every member found is recorded in the read audit with X-Purpose "
                    + "(default member-lookup). The DPM.")
    @RolesAllowed(Roles.DPM)
    @PostMapping(path = "/lookup", consumes = MediaType.APPLICATION_JSON_VALUE)
    Found lookup(@Valid @RequestBody Lookup lookup,
                 @RequestHeader(value = ReadAudit.HEADER, required = false) String purpose) {
        String declared = ReadAudit.requirePurpose(purpose == null ? MemberLookups.RESOURCE : purpose);
        boolean byEmail = lookup.email() != null && !lookup.email().isBlank();
        boolean byUsername = lookup.username() != null && !lookup.username().isBlank();
        if (byEmail == byUsername) {
            throw new InvalidParameter(byEmail ? "username" : "email", "give either email or username");
        }
        return new Found(byEmail ? lookups.byEmail(lookup.email(), Callers.current(), declared)
                : lookups.byUsername(lookup.username(), Callers.current(), declared));
    }
}
