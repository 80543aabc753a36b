package ledger.api.http.certificate;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.certificate.CertificateNotReady;
import ledger.api.application.certificate.MemberCertificate;
import ledger.api.application.certificate.MemberCertificates;
import ledger.api.http.WebSlice;

@WebSlice(CertificateController.class)
@MockitoBean(types = MemberCertificates.class)
class CertificateControllerSliceTest {

    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    @Autowired
    MockMvc mvc;

    @Autowired
    MemberCertificates certificates;

    private static MemberCertificate certificateOf(UUID memberId) {
        MemberCertificate.Event registered = new MemberCertificate.Event("e-1", memberId.toString(), 0,
                "Member", "2024-03-01T10:00:00Z", "ledger.core.member.MemberRegistered", null, "ab".repeat(32),
                "cd".repeat(32), 7, "bGVhZg==", List.of("cHJvb2Y="));
        return new MemberCertificate(MemberCertificate.FORMAT, memberId, Instant.parse("2024-03-02T00:00:00Z"),
                "a2V5", 8, "ledger.example.org/log\n8\naGFzaA==\n", List.of(registered),
                List.of(new MemberCertificate.ConsentReceipt(UUID.fromString("00000000-0000-4000-8000-000000000001"),
                        "portal-membership", "eyJ.eyJ.c2ln")), null);
    }

    @Test
    void an_auditor_gets_the_certificate_as_an_attachment_that_is_not_stored() throws Exception {
        UUID id = UUID.randomUUID();
        when(certificates.of(id)).thenReturn(Optional.of(certificateOf(id)));
        mvc.perform(get("/api/v1/members/" + id + "/certificate").header("Authorization", AUDITOR))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"member-" + id + "-certificate.json\""))
                .andExpect(jsonPath("$.format").value("ledger-member-certificate/v1"))
                .andExpect(jsonPath("$.memberId").value(id.toString()))
                .andExpect(jsonPath("$.treeSize").value(8))
                .andExpect(jsonPath("$.events.length()").value(1))
                .andExpect(jsonPath("$.events[0].leafIndex").value(7))
                .andExpect(jsonPath("$.events[0].inclusionProof[0]").value("cHJvb2Y="))
                .andExpect(jsonPath("$.consentReceipts[0].purpose").value("portal-membership"))
                .andExpect(jsonPath("$.erasure").doesNotExist());
    }

    @Test
    void the_dpm_may_read_the_certificate_too() throws Exception {
        UUID id = UUID.randomUUID();
        when(certificates.of(id)).thenReturn(Optional.of(certificateOf(id)));
        mvc.perform(get("/api/v1/members/" + id + "/certificate").header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.memberId").value(id.toString()));
    }

    @Test
    void a_member_without_events_in_the_ledger_answers_404() throws Exception {
        UUID id = UUID.randomUUID();
        when(certificates.of(id)).thenReturn(Optional.empty());
        mvc.perform(get("/api/v1/members/" + id + "/certificate").header("Authorization", AUDITOR))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:not-found"));
    }

    @Test
    void a_certificate_whose_last_event_awaits_its_leaf_answers_503_with_retry_after() throws Exception {
        UUID id = UUID.randomUUID();
        when(certificates.of(id)).thenThrow(CertificateNotReady.class);
        mvc.perform(get("/api/v1/members/" + id + "/certificate").header("Authorization", AUDITOR))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:certificate-not-ready"));
    }

    @Test
    void a_member_id_that_is_not_a_uuid_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(get("/api/v1/members/12345/certificate").header("Authorization", AUDITOR))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.memberId").value("must be a UUID"));
        verify(certificates, never()).of(any());
    }

    @Test
    void the_portal_may_not_read_a_certificate() throws Exception {
        mvc.perform(get("/api/v1/members/" + UUID.randomUUID() + "/certificate").header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(certificates);
    }

    @Test
    void the_admin_may_not_read_a_certificate() throws Exception {
        mvc.perform(get("/api/v1/members/" + UUID.randomUUID() + "/certificate").header("Authorization", ADMIN))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(certificates);
    }

    @Test
    void without_a_token_the_certificate_answers_401() throws Exception {
        mvc.perform(get("/api/v1/members/" + UUID.randomUUID() + "/certificate"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unauthenticated"));
        verifyNoInteractions(certificates);
    }
}
