package ledger.api.http.contactcase;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.http.security.Roles;
import ledger.api.http.support.Callers;
import ledger.api.http.support.Fields;
import ledger.api.http.support.ReplayableAnswer;
import ledger.core.contactcase.CloseContactCase;
import ledger.core.contactcase.ContactCaseId;
import ledger.core.contactcase.ContactCaseIntake;
import ledger.core.contactcase.OpenContactCase;

/** The contact form: open a case, close it. */
@RestController
@Tag(name = "Contact cases")
@RequestMapping(path = "/api/v1/contact-cases", produces = MediaType.APPLICATION_JSON_VALUE)
class ContactCaseController {

    private static final String PRINTABLE_NAME = Fields.PRINTABLE;
    private static final String EMAIL = Fields.EMAIL;

    record Open(
            @NotBlank @Size(max = 200) @Pattern(regexp = PRINTABLE_NAME) String name,
            @NotBlank @Size(max = 254) @Pattern(regexp = EMAIL, message = "must be an email address") String email,
            @NotBlank @Size(max = 10000) @Pattern(regexp = Fields.TEXT) String message) {
    }

    record Opened(UUID caseId, Instant erasureDueAt) {
    }

    record Closed(UUID caseId) {
    }

    private final CommandGateway commands;

    ContactCaseController(CommandGateway commands) {
        this.commands = commands;
    }

    @Operation(
            summary = "Open a contact case",
            description = "Records a contact-form message and when it will be erased.")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @RolesAllowed(Roles.PORTAL)
    @ReplayableAnswer
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Opened> open(@Valid @RequestBody Open request) {
        ContactCaseIntake.Opened opened = commands.sendAndWait(new OpenContactCase(ContactCaseId.random(),
                request.name(), request.email(), request.message(), Callers.current()));
        return ResponseEntity.created(URI.create("/api/v1/contact-cases/" + opened.caseId()))
                .body(new Opened(opened.caseId().value(), opened.erasureDueAt()));
    }

    @Operation(
            summary = "Close a contact case",
            description = "Closes a contact case.")
    @RolesAllowed(Roles.PORTAL)
    @ReplayableAnswer
    @PostMapping("/{caseId}/closure")
    Closed close(@PathVariable UUID caseId) {
        commands.sendAndWait(new CloseContactCase(ContactCaseId.of(caseId), Callers.current()));
        return new Closed(caseId);
    }
}
