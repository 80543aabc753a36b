package ledger.api.http.extract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ledger.api.infrastructure.persistence.ReadAudit;
import ledger.api.http.support.ReadYourWrites;
import ledger.api.http.support.Callers;
import ledger.api.http.support.Negotiation;
import ledger.core.member.FindRegisterExtract;
import ledger.core.member.IssueRegisterExtract;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;
import ledger.projections.extract.RegisterExtractData;

/** GDPR Art. 15 and 20: the register extract, as JSON or as an HTML page; issuing it is recorded. */
@RestController
@RequestMapping("/api/v1/members")
class RegisterExtractController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadYourWrites reads;
    private final RegisterExtractAssembler assembler;
    private final ReadAudit audit;

    RegisterExtractController(CommandGateway commands, QueryGateway queries, ReadYourWrites reads,
                              RegisterExtractAssembler assembler, ReadAudit audit) {
        this.audit = audit;
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
        this.assembler = assembler;
    }

    @GetMapping(path = "/{memberId}/register-extract", produces = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.TEXT_HTML_VALUE})
    ResponseEntity<?> extract(@PathVariable UUID memberId,
                              @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                              @RequestHeader(value = ReadAudit.HEADER, required = false) String purpose) {
        String declared = ReadAudit.requirePurpose(purpose);
        boolean html = Negotiation.prefers(accept, MediaType.TEXT_HTML);
        MemberId id = MemberId.of(memberId);
        Actor caller = Callers.current();
        Instant issuedAt = commands.sendAndWait(new IssueRegisterExtract(id, html ? "html" : "json", caller));
        RegisterExtractData data = reads.read(id, () -> queries.query(new FindRegisterExtract(id),
                ResponseTypes.optionalInstanceOf(RegisterExtractData.class)).join(), RegisterExtractData::version);
        audit.record(memberId, caller, declared, "register-extract");
        RegisterExtract extract = assembler.assemble(data, caller, issuedAt, audit.accessesOf(memberId));
        if (html) {
            return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                    .body(RegisterExtractHtml.render(extract));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"register-extract-" + memberId + ".json\"")
                .body(extract);
    }

}
