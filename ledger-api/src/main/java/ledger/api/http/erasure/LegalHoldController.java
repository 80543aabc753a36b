package ledger.api.http.erasure;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.erasure.MemberErasures;
import ledger.api.http.security.Roles;
import ledger.api.http.support.Callers;
import ledger.api.http.support.Fields;
import ledger.api.http.support.ReplayableAnswer;
import ledger.core.member.LegalHoldGround;

/**
 * DPM: legal holds (Art. 17(3)) keep a member's data despite erasure until released, restrict its
 * processing while they stand, and are to be reviewed by a date.
 */
@RestController
@Tag(name = "Erasure")
@RequestMapping(path = "/api/v1/members", produces = MediaType.APPLICATION_JSON_VALUE)
class LegalHoldController {

    /** Without {@code reviewBy} the hold is to be reviewed {@code ledger.legal-holds.review-after} from today. */
    record Hold(@NotNull LegalHoldGround ground,
                @NotBlank @Size(max = 500) @Pattern(regexp = Fields.PRINTABLE) String reason,
                LocalDate reviewBy) {

        /** Four-digit years only, as every other time the ledger accepts. */
        @AssertTrue(message = "reviewBy must lie before the year 10000")
        boolean isReviewByBounded() {
            return reviewBy == null || reviewBy.getYear() <= 9999;
        }
    }

    private final MemberErasures erasures;

    LegalHoldController(MemberErasures erasures) {
        this.erasures = erasures;
    }

    @Operation(
            summary = "Place a legal hold",
            description = "Defers erasure until the hold is released and restricts processing while it "
                    + "stands; to be reviewed by reviewBy.")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @PostMapping(path = "/{memberId}/legal-holds", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MemberErasures.Placed> place(@PathVariable UUID memberId, @Valid @RequestBody Hold request) {
        MemberErasures.Placed placed = erasures.placeHold(memberId, request.ground(), request.reason(), request.reviewBy(),
                Callers.current());
        return ResponseEntity.created(URI.create("/api/v1/members/" + memberId + "/legal-holds/" + placed.holdId()))
                .body(placed);
    }

    @Operation(
            summary = "Release a legal hold",
            description = "Releases a hold; a deferred erasure runs once no hold remains.")
    @ApiResponse(responseCode = "204", description = "No content")
    @RolesAllowed(Roles.DPM)
    @ReplayableAnswer
    @DeleteMapping(path = "/{memberId}/legal-holds/{holdId}", produces = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<Void> release(@PathVariable UUID memberId, @PathVariable UUID holdId) {
        erasures.releaseHold(memberId, holdId, Callers.current());
        return ResponseEntity.noContent().build();
    }
}
