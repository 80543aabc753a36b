package ledger.api.http.consent;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.consent.ConsentGrant;
import ledger.api.http.security.Roles;
import ledger.api.http.support.Callers;
import ledger.api.http.support.ReplayableAnswer;
import ledger.core.member.GiveConsent;
import ledger.core.member.MemberId;
import ledger.core.member.WithdrawConsent;
import ledger.core.notice.NoticeRegistry;
import ledger.core.purpose.WithdrawalChannel;

/** The member's consent given and withdrawn (the portal; the DPM records a withdrawal on the member's behalf). */
@RestController
@Tag(name = "Members")
@RequestMapping(path = "/api/v1/members", produces = MediaType.APPLICATION_JSON_VALUE)
class ConsentController {

    private final CommandGateway commands;
    private final NoticeRegistry notices;

    ConsentController(CommandGateway commands, NoticeRegistry notices) {
        this.commands = commands;
        this.notices = notices;
    }

    @Operation(
            summary = "Give consent",
            description = "Records consent to a purpose under a registered notice in effect, with the "
                    + "notice's version, text SHA-256 and language; 400 unknown-notice otherwise. X-Acting-User "
                    + "names the person acting through the portal.")
    @RolesAllowed(Roles.PORTAL)
    @ReplayableAnswer
    @PostMapping(path = "/{memberId}/consents", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ConsentRequests.ConsentRecorded giveConsent(@PathVariable UUID memberId,
                                               @Valid @RequestBody ConsentGrant request) {
        UUID consentId = commands.sendAndWait(new GiveConsent(MemberId.of(memberId), request.purpose(),
                notices.consentNotice(request.policyVersion(), request.language()),
                request.channelOrPortal(), Callers.current()));
        return new ConsentRequests.ConsentRecorded(consentId);
    }

    @Operation(
            summary = "Withdraw consent",
            description = "Withdraws some purposes or all, recording the channel; withdrawing "
                    + "portal-membership ends the membership. The DPM may record a withdrawal on the member's "
                    + "behalf (actor DPM).")
    @RolesAllowed({Roles.PORTAL, Roles.DPM})
    @ReplayableAnswer
    @PostMapping(path = "/{memberId}/consents/withdrawals", consumes = MediaType.APPLICATION_JSON_VALUE)
    ConsentRequests.Withdrawn withdraw(@PathVariable UUID memberId,
                                      @Valid @RequestBody ConsentRequests.Withdrawal request) {
        boolean all = Boolean.TRUE.equals(request.all());
        Set<String> purposes = all ? Set.of() : Set.copyOf(request.purposes());
        WithdrawalChannel channel = request.channel() == null ? WithdrawalChannel.PORTAL
                : WithdrawalChannel.of(request.channel());
        List<String> withdrawn = commands.sendAndWait(
                new WithdrawConsent(MemberId.of(memberId), purposes, all, channel, Callers.current()));
        return new ConsentRequests.Withdrawn(withdrawn);
    }
}
