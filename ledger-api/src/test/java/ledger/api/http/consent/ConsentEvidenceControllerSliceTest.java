package ledger.api.http.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.api.application.consent.ConsentDocuments;
import ledger.api.application.consent.ReceiptSigner;
import ledger.api.http.WebSlice;
import ledger.core.consent.ConsentTrail;
import ledger.core.consent.ConsentTrails;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;

/** A consent's record and the member's receipt, as JSON or as a signed JWS. */
@WebSlice(ConsentEvidenceController.class)
@MockitoBean(types = {ConsentTrails.class, ConsentDocuments.class, ReceiptSigner.class})
class ConsentEvidenceControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    private static final UUID MEMBER = UUID.fromString("7d3e9a10-2b4c-4d5e-8f60-718293a4b5c6");
    private static final UUID CONSENT = UUID.fromString("3c2b1a09-8765-4321-9fed-cba987654321");
    private static final Instant GIVEN_AT = Instant.parse("2025-06-01T08:30:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ConsentTrails trails;

    @Autowired
    ConsentDocuments documents;

    @Autowired
    ReceiptSigner signer;

    private final ConsentTrail trail = mock(ConsentTrail.class);
    private final ConsentTrail.Lifecycle lifecycle = mock(ConsentTrail.Lifecycle.class);

    private void theMemberGaveTheConsent() {
        when(trails.of(MemberId.of(MEMBER))).thenReturn(trail);
        when(trail.lifecycle(CONSENT)).thenReturn(Optional.of(lifecycle));
    }

    private static ConsentDocuments.Receipt receipt() {
        return new ConsentDocuments.Receipt(ConsentDocuments.KANTARA_VERSION, "SE", GIVEN_AT.getEpochSecond(),
                "portal", CONSENT.toString(), "en", MEMBER.toString(),
                List.of(new ConsentDocuments.PiiController("Example AB", false, "Data protection", new
                        ConsentDocuments.ControllerAddress("Street 1, Stockholm", "SE"), "dpo@example.org", null,
                        "https://example.org")),
                "https://example.org/privacy/2019-01-05",
                List.of(new ConsentDocuments.ReceiptService("Partner portal", List.of(
                        new ConsentDocuments.ReceiptPurpose("Newsletter", List.of("marketing"), "EXPLICIT",
                                List.of("contact"), false, "until withdrawn", false, null)))),
                false, List.of());
    }

    @Test
    void an_auditor_reads_the_consent_record_built_from_the_consents_lifecycle() throws Exception {
        theMemberGaveTheConsent();
        Actor portal = new Actor("portal-client", "PORTAL");
        when(documents.record(MemberId.of(MEMBER), lifecycle)).thenReturn(new ConsentDocuments.ConsentRecord(
                ConsentDocuments.RECORD_SCHEMA, CONSENT, MEMBER,
                new ConsentDocuments.RecordController("Example AB", "Data protection", "dpo@example.org", "Street 1"),
                new ConsentDocuments.RecordPurpose("newsletter", "Newsletter", "consent", List.of("contact"), false),
                new ConsentDocuments.RecordNotice("2019-01-05", "ab".repeat(32), "en", "https://example.org/p"),
                List.of(), "portal", portal, GIVEN_AT, "ACTIVE", null, null,
                List.of(new ConsentDocuments.LifecycleEvent("event-3", 2, "ConsentGiven", GIVEN_AT, portal,
                        "portal", 11L))));

        mvc.perform(get("/api/v1/members/" + MEMBER + "/consents/" + CONSENT).header("Authorization", AUDITOR))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.schema").value(ConsentDocuments.RECORD_SCHEMA))
                .andExpect(jsonPath("$.recordId").value(CONSENT.toString()))
                .andExpect(jsonPath("$.piiPrincipalId").value(MEMBER.toString()))
                .andExpect(jsonPath("$.purpose.name").value("newsletter"))
                .andExpect(jsonPath("$.notice.version").value("2019-01-05"))
                .andExpect(jsonPath("$.notice.sha256").value("ab".repeat(32)))
                .andExpect(jsonPath("$.collectionMethod").value("portal"))
                .andExpect(jsonPath("$.collectedBy.role").value("PORTAL"))
                .andExpect(jsonPath("$.state").value("ACTIVE"))
                .andExpect(jsonPath("$.events[0].eventId").value("event-3"))
                .andExpect(jsonPath("$.events[0].leafIndex").value(11));

        verify(documents).record(MemberId.of(MEMBER), lifecycle);
    }

    @Test
    void the_portal_reads_the_receipt_as_json() throws Exception {
        theMemberGaveTheConsent();
        when(documents.receipt(MemberId.of(MEMBER), lifecycle)).thenReturn(receipt());

        mvc.perform(get("/api/v1/members/" + MEMBER + "/consents/" + CONSENT + "/receipt")
                        .header("Authorization", PORTAL))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.version").value(ConsentDocuments.KANTARA_VERSION))
                .andExpect(jsonPath("$.consentReceiptID").value(CONSENT.toString()))
                .andExpect(jsonPath("$.consentTimestamp").value(GIVEN_AT.getEpochSecond()))
                .andExpect(jsonPath("$.piiPrincipalId").value(MEMBER.toString()))
                .andExpect(jsonPath("$.piiControllers[0].piiController").value("Example AB"))
                .andExpect(jsonPath("$.piiControllers[0].phone").doesNotExist())
                .andExpect(jsonPath("$.services[0].purposes[0].purpose").value("Newsletter"));
        verifyNoInteractions(signer);
    }

    @Test
    void the_dpm_asking_for_application_jose_gets_the_receipt_json_signed_as_a_compact_jws() throws Exception {
        theMemberGaveTheConsent();
        when(documents.receipt(MemberId.of(MEMBER), lifecycle)).thenReturn(receipt());
        when(signer.compactJws(any())).thenReturn("eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln");

        mvc.perform(get("/api/v1/members/" + MEMBER + "/consents/" + CONSENT + "/receipt")
                        .header("Authorization", DPM).header("Accept", "application/jose"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/jose"))
                .andExpect(content().string("eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln"));

        ArgumentCaptor<byte[]> payload = ArgumentCaptor.forClass(byte[].class);
        verify(signer).compactJws(payload.capture());
        JsonNode signed = json.readTree(new String(payload.getValue(), StandardCharsets.UTF_8));
        assertThat(signed.path("consentReceiptID").asText()).isEqualTo(CONSENT.toString());
        assertThat(signed.path("piiPrincipalId").asText()).isEqualTo(MEMBER.toString());
        assertThat(signed.path("version").asText()).isEqualTo(ConsentDocuments.KANTARA_VERSION);
    }

    @Test
    void a_consent_the_member_never_gave_answers_404_unknown_consent() throws Exception {
        when(trails.of(MemberId.of(MEMBER))).thenReturn(trail);
        when(trail.lifecycle(CONSENT)).thenReturn(Optional.empty());

        mvc.perform(get("/api/v1/members/" + MEMBER + "/consents/" + CONSENT).header("Authorization", DPM))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-consent"));
        mvc.perform(get("/api/v1/members/" + MEMBER + "/consents/" + CONSENT + "/receipt")
                        .header("Authorization", DPM))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-consent"));
        verifyNoInteractions(documents, signer);
    }

    @Test
    void an_erased_members_receipt_answers_410_and_nothing_is_built_or_signed() throws Exception {
        theMemberGaveTheConsent();
        when(trail.erased()).thenReturn(true);

        mvc.perform(get("/api/v1/members/" + MEMBER + "/consents/" + CONSENT + "/receipt")
                        .header("Authorization", PORTAL).header("Accept", "application/jose"))
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:consent-receipt-gone"));
        verifyNoInteractions(documents, signer);
    }

    @Test
    void a_consent_id_that_is_no_uuid_is_refused_naming_the_parameter_and_no_trail_is_read() throws Exception {
        mvc.perform(get("/api/v1/members/" + MEMBER + "/consents/latest").header("Authorization", AUDITOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.consentId").exists());
        mvc.perform(get("/api/v1/members/someone/consents/" + CONSENT + "/receipt").header("Authorization", AUDITOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.memberId").exists());
        verifyNoInteractions(trails, documents, signer);
    }

    @Test
    void an_admin_may_not_read_a_consent_record_or_a_receipt() throws Exception {
        mvc.perform(get("/api/v1/members/" + MEMBER + "/consents/" + CONSENT).header("Authorization", ADMIN))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        mvc.perform(get("/api/v1/members/" + MEMBER + "/consents/" + CONSENT + "/receipt")
                        .header("Authorization", ADMIN))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(trails, documents, signer);
    }

    @Test
    void without_a_token_the_record_and_the_receipt_answer_401() throws Exception {
        mvc.perform(get("/api/v1/members/" + MEMBER + "/consents/" + CONSENT))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/members/" + MEMBER + "/consents/" + CONSENT + "/receipt"))
                .andExpect(status().isUnauthorized());
        verify(trails, never()).of(any());
        verifyNoInteractions(documents, signer);
    }
}
