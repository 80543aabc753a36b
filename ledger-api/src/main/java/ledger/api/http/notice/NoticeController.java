package ledger.api.http.notice;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.http.security.Roles;
import ledger.api.http.support.Callers;
import ledger.api.http.support.Fields;
import ledger.api.http.support.InvalidParameter;
import ledger.api.http.support.Negotiation;
import ledger.api.http.support.ReplayableAnswer;
import ledger.core.notice.NoticePurpose;
import ledger.core.notice.NoticeRecipient;
import ledger.core.notice.NoticeRefusals.NoSuchNotice;
import ledger.core.notice.NoticeRegistration;
import ledger.core.notice.NoticeRegistry;
import ledger.core.notice.NoticeTranslation;
import ledger.core.notice.NoticeVersion;
import ledger.core.notice.PrivacyNotice;
import ledger.core.notice.RegisterNotice;
import ledger.core.notice.TranslateNotice;

/**
 * The notice registry (GDPR Art. 7(1): what the member consented to). DPM and ADMIN register a
 * version with its full text; the ledger keeps the text and its SHA-256, and every consent under
 * the version records that hash. Every role reads them; {@code Accept: text/plain} gives a
 * version's text exactly as registered, so that {@code sha256sum} checks it.
 */
@RestController
@Tag(name = "Notices")
@RequestMapping(path = "/api/v1/notices", produces = MediaType.APPLICATION_JSON_VALUE)
class NoticeController {

    static final String PURPOSE_NAME = "^[A-Za-z0-9._:-]{1,64}$";
    static final String LANGUAGE = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$";
    static final String URL = "^https?://[^\\s\\p{Cntrl}]+$";
    static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    record Registration(
            @NotBlank @Pattern(regexp = NoticeVersion.PATTERN, message = "1-32 letters, digits, '.', '_' or '-'")
            String version,
            @NotBlank @Size(max = 35) @Pattern(regexp = LANGUAGE, message = "must be a BCP 47 language tag, e.g. en")
            String language,
            @NotBlank @Size(max = 2048) @Pattern(regexp = URL, message = "must be an http(s) URL") String url,
            @NotBlank @Size(max = 60000) @Pattern(regexp = Fields.TEXT) String text,
            @NotNull Instant effectiveFrom,
            @NotEmpty @Size(max = 20) Map<@Pattern(regexp = PURPOSE_NAME) String, @Valid @NotNull Purpose> purposes,
            @NotBlank @Size(max = 1000) @Pattern(regexp = Fields.PRINTABLE) String retention,
            @NotNull @Size(max = 50) List<@Valid @NotNull Recipient> recipients) {

        @AssertTrue(message = "effectiveFrom must lie in the years 1970 to 9999")
        boolean isEffectiveFromBounded() {
            return effectiveFrom == null || (!effectiveFrom.isBefore(InvalidParameter.EARLIEST)
                    && effectiveFrom.isBefore(InvalidParameter.END));
        }
    }

    record Purpose(@NotBlank @Size(max = 500) @Pattern(regexp = Fields.PRINTABLE) String description,
                   @NotBlank @Size(max = 200) @Pattern(regexp = Fields.PRINTABLE) String legalBasis) {
    }

    record Recipient(@NotBlank @Size(max = 200) @Pattern(regexp = Fields.PRINTABLE) String name,
                     @NotBlank @Size(max = 64) @Pattern(regexp = Fields.PRINTABLE) String role,
                     @NotNull @Size(max = 20) List<@NotNull @Pattern(regexp = PURPOSE_NAME) String> purposes,
                     @NotBlank @Size(max = 200) @Pattern(regexp = Fields.PRINTABLE) String location,
                     boolean insideEuEea) {
    }

    /** A registered version, without its text. */
    record NoticeSummary(String version, String language, String url, String sha256, Instant effectiveFrom,
                         Map<String, Purpose> purposes, String retention, List<Recipient> recipients,
                         Instant registeredAt) {
    }

    /** A registered version with its text. */
    record Notice(String version, String language, String url, String sha256, Instant effectiveFrom,
                  Map<String, Purpose> purposes, String retention, List<Recipient> recipients, Instant registeredAt,
                  String text) {
    }

    /** The answer of a registration: the version and the SHA-256 the ledger computed of its text. */
    record Registered(String version, String sha256, Instant effectiveFrom) {
    }

    /** A version's text in another language. */
    record Translation(
            @NotBlank @Size(max = 35) @Pattern(regexp = LANGUAGE, message = "must be a BCP 47 language tag, e.g. sv")
            String language,
            @NotBlank @Size(max = 60000) @Pattern(regexp = Fields.TEXT) String text) {
    }

    /** The answer of a translation: the version, the language and the SHA-256 of the text. */
    record TranslationRegistered(String version, String language, String sha256) {
    }

    private final CommandGateway commands;
    private final NoticeRegistry notices;

    NoticeController(CommandGateway commands, NoticeRegistry notices) {
        this.commands = commands;
        this.notices = notices;
    }

    /** 201 when this request registered the version, 200 when it was registered with the same content already. */
    @Operation(
            summary = "Register a notice version",
            description = "Registers a privacy-notice version with its text and answers the SHA-256 of the "
                    + "text (201); the same content again: 200; another text or other terms under the version: "
                    + "409 notice-conflict.")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "Registered before with the "
            + "same content: nothing recorded")
    @RolesAllowed({Roles.DPM, Roles.ADMIN})
    @ReplayableAnswer
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Registered> registerNotice(@Valid @RequestBody Registration request) {
        Map<String, NoticePurpose> purposes = new LinkedHashMap<>();
        request.purposes().forEach((name, p) -> purposes.put(name, new NoticePurpose(p.description(), p.legalBasis())));
        List<NoticeRecipient> recipients = request.recipients().stream()
                .map(r -> new NoticeRecipient(r.name(), r.role(), r.purposes(), r.location(), r.insideEuEea()))
                .toList();
        NoticeRegistration.Result result = commands.sendAndWait(new RegisterNotice(NoticeVersion.of(request.version()),
                request.language(), request.url(), request.text(), request.effectiveFrom(), purposes,
                request.retention(), recipients, Callers.current()));
        PrivacyNotice notice = result.notice();
        Registered body = new Registered(notice.version().value(), notice.sha256(), notice.effectiveFrom());
        return ResponseEntity.status(result.registered() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/notices/" + notice.version()))
                .body(body);
    }

    /**
     * Adds the version's text in another language (201; the same text again 200; another text for that
     * language, or the notice's own language, 409 translation-conflict). A consent may then name the
     * language and records this text's SHA-256.
     */
    @Operation(
            summary = "Add a translation of a notice",
            description = "Adds the version's text in another language: 201, the same text again 200 "
                    + "(nothing recorded), another text for that language or the notice's own language 409 "
                    + "translation-conflict. Recorded as an event. The DPM and operations.")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "Registered before with the "
            + "same text: nothing recorded")
    @RolesAllowed({Roles.DPM, Roles.ADMIN})
    @ReplayableAnswer
    @PostMapping(path = "/{version}/translations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TranslationRegistered> translate(@PathVariable String version,
                                                    @Valid @RequestBody Translation request) {
        if (!NoticeVersion.isValid(version)) {
            throw new NoSuchNotice();
        }
        NoticeRegistration.Translated result = commands.sendAndWait(new TranslateNotice(NoticeVersion.of(version),
                request.language(), request.text(), Callers.current()));
        NoticeTranslation translation = result.translation();
        return ResponseEntity.status(result.registered() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/notices/" + version + "/translations/" + translation.language()))
                .body(new TranslationRegistered(version, translation.language(), translation.sha256()));
    }

    /** Every registered version, older first (by when it takes effect), without the texts. */
    @Operation(
            summary = "List notice versions",
            description = "Every registered version, older first, without the texts.")
    @RolesAllowed({Roles.PORTAL, Roles.AUDITOR, Roles.DPM, Roles.ADMIN})
    @GetMapping
    List<NoticeSummary> listNotices() {
        return notices.all().stream().map(NoticeController::summary).toList();
    }

    /** One version with its text; {@code Accept: text/plain} gives the text alone, byte for byte as registered. */
    @Operation(
            summary = "Read a notice version",
            description = "One version with its text; Accept: text/plain gives the text alone, byte for byte "
                    + "as registered (its SHA-256 is sha256).")
    @RolesAllowed({Roles.PORTAL, Roles.AUDITOR, Roles.DPM, Roles.ADMIN})
    @GetMapping(path = "/{version}", produces = {MediaType.APPLICATION_JSON_VALUE, "text/plain;charset=UTF-8"})
    ResponseEntity<?> notice(@PathVariable String version,
                           @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if (!NoticeVersion.isValid(version)) {
            throw new NoSuchNotice();
        }
        PrivacyNotice notice = notices.find(NoticeVersion.of(version)).orElseThrow(NoSuchNotice::new);
        if (Negotiation.prefers(accept, MediaType.TEXT_PLAIN)) {
            return ResponseEntity.ok().contentType(TEXT).header("X-Notice-SHA256", notice.sha256()).body(notice.text());
        }
        NoticeSummary s = summary(notice);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new Notice(s.version(), s.language(),
                s.url(), s.sha256(), s.effectiveFrom(), s.purposes(), s.retention(), s.recipients(), s.registeredAt(),
                notice.text()));
    }

    private static NoticeSummary summary(PrivacyNotice notice) {
        Map<String, Purpose> purposes = new LinkedHashMap<>();
        notice.purposes().forEach((name, p) -> purposes.put(name, new Purpose(p.description(), p.legalBasis())));
        List<Recipient> recipients = notice.recipients().stream()
                .map(r -> new Recipient(r.name(), r.role(), r.purposes(), r.location(), r.insideEuEea())).toList();
        return new NoticeSummary(notice.version().value(), notice.language(), notice.url(), notice.sha256(),
                notice.effectiveFrom(), purposes, notice.retention(), recipients, notice.registeredAt());
    }
}
