package ledger.api.http.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.ledger.TransparencyLog;
import ledger.api.http.WebSlice;
import ledger.core.consent.FindConsentStates;
import ledger.core.purpose.PurposeCatalog;
import ledger.projections.consent.ConsentHistoryProjection.ConsentStates;
import ledger.projections.consent.ConsentHistoryProjection.LastConsentEvent;

/** Did each recipient of a mailing consent to its purpose when it was sent. */
@WebSlice(CampaignAuditController.class)
@MockitoBean(types = {QueryGateway.class, PurposeCatalog.class, TransparencyLog.class})
class CampaignAuditControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    private static final UUID GRANTED = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    private static final UUID WITHDRAWN = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    private static final UUID NEVER_CONSENTED = UUID.fromString("00000000-0000-4000-8000-00000000000c");
    private static final UUID UNKNOWN = UUID.fromString("00000000-0000-4000-8000-00000000000d");
    private static final UUID CONSENT = UUID.fromString("11111111-0000-4000-8000-000000000001");
    private static final String SHA = "ab".repeat(32);

    private static final String CAMPAIGN = """
            {"purpose":"newsletter","at":"2026-03-01T09:00:00Z",
             "memberIds":["%s","%s","%s","%s","%s"]}
            """.formatted(GRANTED, WITHDRAWN, NEVER_CONSENTED, UNKNOWN, GRANTED);

    @Autowired
    MockMvc mvc;

    @Autowired
    QueryGateway queries;

    @Autowired
    PurposeCatalog purposes;

    @Autowired
    TransparencyLog log;

    private void ledgerKnowsThreeOfTheRecipients() {
        when(purposes.knows("newsletter")).thenReturn(true);
        ConsentStates states = new ConsentStates(List.of(
                new LastConsentEvent(GRANTED, "GIVEN", CONSENT, "2019-01-05", SHA, "event-1"),
                new LastConsentEvent(WITHDRAWN, "WITHDRAWN", UUID.randomUUID(), "2019-01-05", SHA, "event-2")),
                List.of(GRANTED, WITHDRAWN, NEVER_CONSENTED));
        doReturn(CompletableFuture.completedFuture(states))
                .when(queries).query(any(FindConsentStates.class), any(ResponseType.class));
        when(log.leafIndexes(anyCollection())).thenReturn(Map.of("event-1", 5L));
    }

    @Test
    void an_auditor_learns_per_recipient_whether_it_consented_with_the_evidence_and_a_summary() throws Exception {
        ledgerKnowsThreeOfTheRecipients();

        mvc.perform(post("/api/v1/audit/campaigns").header("Authorization", AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON).content(CAMPAIGN))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.purpose").value("newsletter"))
                .andExpect(jsonPath("$.at").value("2026-03-01T09:00:00Z"))
                .andExpect(jsonPath("$.summary.granted").value(1))
                .andExpect(jsonPath("$.summary.notGranted").value(2))
                .andExpect(jsonPath("$.summary.unknown").value(1))
                .andExpect(jsonPath("$.members.length()").value(4))
                .andExpect(jsonPath("$.members[0].memberId").value(GRANTED.toString()))
                .andExpect(jsonPath("$.members[0].status").value("granted"))
                .andExpect(jsonPath("$.members[0].granted").value(true))
                .andExpect(jsonPath("$.members[0].consentId").value(CONSENT.toString()))
                .andExpect(jsonPath("$.members[0].noticeVersion").value("2019-01-05"))
                .andExpect(jsonPath("$.members[0].noticeSha256").value(SHA))
                .andExpect(jsonPath("$.members[0].evidence[0].eventId").value("event-1"))
                .andExpect(jsonPath("$.members[0].evidence[0].leafIndex").value(5))
                .andExpect(jsonPath("$.members[1].status").value("not-granted"))
                .andExpect(jsonPath("$.members[1].consentId").doesNotExist())
                .andExpect(jsonPath("$.members[1].evidence[0].eventId").value("event-2"))
                .andExpect(jsonPath("$.members[1].evidence[0].leafIndex").doesNotExist())
                .andExpect(jsonPath("$.members[2].status").value("not-granted"))
                .andExpect(jsonPath("$.members[2].evidence").isEmpty())
                .andExpect(jsonPath("$.members[3].memberId").value(UNKNOWN.toString()))
                .andExpect(jsonPath("$.members[3].status").value("unknown"));

        ArgumentCaptor<FindConsentStates> query = ArgumentCaptor.forClass(FindConsentStates.class);
        verify(queries).query(query.capture(), any(ResponseType.class));
        assertThat(query.getValue()).isEqualTo(new FindConsentStates("newsletter",
                Instant.parse("2026-03-01T09:00:00Z"), List.of(GRANTED, WITHDRAWN, NEVER_CONSENTED, UNKNOWN)));
        verify(log).leafIndexes(List.of("event-1", "event-2"));
    }

    @Test
    void the_dpm_gets_the_same_audit_as_csv_with_the_summary_in_headers() throws Exception {
        ledgerKnowsThreeOfTheRecipients();

        mvc.perform(post("/api/v1/audit/campaigns").header("Authorization", DPM).header("Accept", "text/csv")
                        .contentType(MediaType.APPLICATION_JSON).content(CAMPAIGN))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"campaign-audit.csv\""))
                .andExpect(header().string("X-Summary-Granted", "1"))
                .andExpect(header().string("X-Summary-Not-Granted", "2"))
                .andExpect(header().string("X-Summary-Unknown", "1"))
                .andExpect(content().string(
                        "memberId,status,granted,consentId,noticeVersion,noticeSha256,eventId,leafIndex\r\n"
                                + GRANTED + ",granted,true," + CONSENT + ",2019-01-05," + SHA + ",event-1,5\r\n"
                                + WITHDRAWN + ",not-granted,false,,,,event-2,\r\n"
                                + NEVER_CONSENTED + ",not-granted,false,,,,,\r\n"
                                + UNKNOWN + ",unknown,false,,,,,\r\n"));
    }

    @Test
    void a_campaign_without_recipients_is_refused_naming_the_field_and_nothing_is_queried() throws Exception {
        when(purposes.knows("newsletter")).thenReturn(true);
        mvc.perform(post("/api/v1/audit/campaigns").header("Authorization", AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"newsletter\",\"at\":\"2026-03-01T09:00:00Z\",\"memberIds\":[]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.memberIds").exists());
        verifyNoInteractions(queries, log);
    }

    @Test
    void a_campaign_of_more_than_ten_thousand_recipients_is_refused_naming_the_field() throws Exception {
        String ids = Collections.nCopies(CampaignAuditController.MAX_MEMBERS + 1, "\"" + GRANTED + "\"").stream()
                .collect(Collectors.joining(","));
        mvc.perform(post("/api/v1/audit/campaigns").header("Authorization", AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"newsletter\",\"at\":\"2026-03-01T09:00:00Z\",\"memberIds\":["
                                + ids + "]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.memberIds").exists());
        verifyNoInteractions(queries, log);
    }

    @Test
    void a_campaign_without_a_moment_is_refused_naming_the_field() throws Exception {
        mvc.perform(post("/api/v1/audit/campaigns").header("Authorization", AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"newsletter\",\"memberIds\":[\"" + GRANTED + "\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-field"))
                .andExpect(jsonPath("$.errors.at").exists());
        verifyNoInteractions(queries, log);
    }

    @Test
    void a_moment_before_1970_is_refused_naming_the_field_and_nothing_is_queried() throws Exception {
        when(purposes.knows("newsletter")).thenReturn(true);
        mvc.perform(post("/api/v1/audit/campaigns").header("Authorization", AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\":\"newsletter\",\"at\":\"1969-12-31T23:59:59Z\",\"memberIds\":[\""
                                + GRANTED + "\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.at").exists());
        verifyNoInteractions(queries, log);
    }

    @Test
    void an_unknown_purpose_is_refused_naming_the_field_and_nothing_is_queried() throws Exception {
        when(purposes.knows("telemarketing")).thenReturn(false);
        mvc.perform(post("/api/v1/audit/campaigns").header("Authorization", AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(CAMPAIGN.replace("newsletter", "telemarketing")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-purpose"))
                .andExpect(jsonPath("$.errors.purpose").exists());
        verify(queries, never()).query(any(), any(ResponseType.class));
        verifyNoInteractions(log);
    }

    @Test
    void a_body_that_is_not_json_is_refused_as_malformed() throws Exception {
        mvc.perform(post("/api/v1/audit/campaigns").header("Authorization", AUDITOR)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:malformed-json"));
        verifyNoInteractions(queries, log, purposes);
    }

    @Test
    void the_portal_may_not_audit_a_campaign_and_is_refused_before_the_body_is_read() throws Exception {
        mvc.perform(post("/api/v1/audit/campaigns").header("Authorization", PORTAL)
                        .contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(queries, log, purposes);
    }

    @Test
    void an_admin_may_not_audit_a_campaign() throws Exception {
        mvc.perform(post("/api/v1/audit/campaigns").header("Authorization", ADMIN)
                        .contentType(MediaType.APPLICATION_JSON).content(CAMPAIGN))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(queries, log, purposes);
    }

    @Test
    void without_a_token_a_campaign_audit_answers_401() throws Exception {
        mvc.perform(post("/api/v1/audit/campaigns").contentType(MediaType.APPLICATION_JSON).content(CAMPAIGN))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(queries, log, purposes);
    }
}
