package eu.complianceledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import eu.complianceledger.client.api.ConsentEvidenceApi;
import eu.complianceledger.client.api.DataSubjectRequestsApi;
import eu.complianceledger.client.api.ErasureApi;
import eu.complianceledger.client.api.MembersApi;
import eu.complianceledger.client.model.ConsentGrant;
import eu.complianceledger.client.model.ConsentRecorded;
import eu.complianceledger.client.model.ConsentWithdrawal;
import eu.complianceledger.client.model.DataSubjectRequest;
import eu.complianceledger.client.model.DataSubjectRequestDue;
import eu.complianceledger.client.model.DataSubjectRequestIntake;
import eu.complianceledger.client.model.DataSubjectRequestVerification;
import eu.complianceledger.client.model.DocumentDownload;
import eu.complianceledger.client.model.ErasureReceipt;
import eu.complianceledger.client.model.ErasureRequest;
import eu.complianceledger.client.model.KantaraConsentReceipt;
import eu.complianceledger.client.model.MemberRegistered;
import eu.complianceledger.client.model.MemberRegistration;
import eu.complianceledger.client.model.MemberView;
import eu.complianceledger.client.model.Problem;
import eu.complianceledger.client.model.ProfileChange;

/**
 * The portal's week, driven only through the generated client against the packaged jar: register,
 * consent under the policy's notice, download, edit the profile (a JSON merge patch; a null removes
 * the company), withdraw, retry with an
 * Idempotency-Key, read a consent receipt as JSON and as a JWS, a data-subject request, erasure;
 * refusals arrive as typed problem details.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalScenarioIT {

    private static final String NOTICE = "2019-01-05";
    private static final String PURPOSE = "member-support";

    private LedgerService service;
    private ApiClient portal;
    private ApiClient dpm;

    @BeforeAll
    void startTheService() throws Exception {
        service = LedgerService.start();
        portal = service.client(LedgerService.PORTAL);
        dpm = service.client(LedgerService.DPM);
    }

    @AfterAll
    void stopTheService() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    private static String unique() {
        return "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static MemberRegistration registration(String username) {
        return new MemberRegistration().username(username).givenName("Ada").familyName("Lovelace")
                .company("Analytical Engines").email(username + "@example.org")
                .consents(List.of(new ConsentGrant().purpose("portal-membership").policyVersion(NOTICE)));
    }

    private Problem problemOf(ApiException refused) throws Exception {
        assertThat(refused.getResponseHeaders().firstValue("Content-Type").orElse(""))
                .startsWith("application/problem+json");
        return portal.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
    }

    @Test
    void a_member_s_life_through_the_client_from_registration_to_erasure() throws Exception {
        MembersApi members = new MembersApi(portal);
        UUID member = members.registerMember(registration(unique())).getMemberId();

        ConsentRecorded newsletter = members.giveConsent(member,
                new ConsentGrant().purpose("newsletter").policyVersion(NOTICE).channel("email"));
        members.recordDownload(member, new DocumentDownload().documentId("price-list-2026").title("Price list"));
        // the generated editProfile sends a JSON merge patch of the fields it sets (the others stay)
        MemberView edited = members.editProfile(member, new ProfileChange().company("Difference Engines"), PURPOSE);
        assertThat(edited.getCompany()).isEqualTo("Difference Engines");
        assertThat(edited.getGivenName()).isEqualTo("Ada");
        // a null in a merge patch removes the optional company; the typed model omits nulls, so it goes as JSON
        HttpResponse<String> removed = send(member, "PATCH", "/profile", "application/merge-patch+json",
                "{\"company\": null}");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(portal.getObjectMapper().readValue(removed.body(), MemberView.class).getCompany()).isNull();
        HttpResponse<String> required = send(member, "PATCH", "/profile", "application/merge-patch+json",
                "{\"email\": null}");
        assertThat(required.statusCode()).isEqualTo(400);
        assertThat(portal.getObjectMapper().readValue(required.body(), Problem.class).getType())
                .isEqualTo(URI.create("urn:ledger:problem:field-required"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            MemberView view = members.view(member, PURPOSE);
            assertThat(view.getDownloads()).isEqualTo(1L);
            assertThat(view.getConsents().get("newsletter").getGranted()).isTrue();
            assertThat(view.getConsents().get("newsletter").getPolicyVersion()).isEqualTo(NOTICE);
        });

        // the receipt as JSON (Kantara shape) and as a compact JWS signed with the ledger's Ed25519 key
        KantaraConsentReceipt receipt = new ConsentEvidenceApi(portal).receipt(member, newsletter.getConsentId(), null);
        assertThat(receipt).isNotNull();
        HttpResponse<String> jws = jws(member, newsletter.getConsentId());
        assertThat(jws.statusCode()).isEqualTo(200);
        String[] parts = jws.body().strip().split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = portal.getObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.path("alg").asText()).isEqualTo("EdDSA");

        assertThat(members.withdraw(member, new ConsentWithdrawal().purposes(List.of("newsletter")).channel("email"))
                .getWithdrawn()).containsExactly("newsletter");

        // the member asks for access: the DPM records and verifies the request
        DataSubjectRequestsApi requests = new DataSubjectRequestsApi(dpm);
        DataSubjectRequestDue due = requests.recordRequest(new DataSubjectRequestIntake().memberId(member)
                .type(DataSubjectRequestIntake.TypeEnum.ACCESS).receivedAt(OffsetDateTime.now()));
        assertThat(due.getDueAt()).isAfter(OffsetDateTime.now().plusDays(27));
        requests.verifyRequest(due.getRequestId(), new DataSubjectRequestVerification()
                .method(DataSubjectRequestVerification.MethodEnum.REGISTERED_EMAIL));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            DataSubjectRequest request = requests.request(due.getRequestId());
            assertThat(request.getVerified()).isTrue();
            assertThat(request.getMemberId()).isEqualTo(member);
        });

        // erasure: the key is shredded, the receipt proves it; the consent receipt is gone (410)
        ErasureReceipt erased = new ErasureApi(dpm).erase(member,
                new ErasureRequest().ground(ErasureRequest.GroundEnum.MEMBER_REQUEST));
        assertThat(erased.getKeyShredded()).isTrue();
        assertThat(erased.getEvidence()).isNotNull();
        ApiException gone = catchThrowableOfType(ApiException.class,
                () -> new ConsentEvidenceApi(portal).receipt(member, newsletter.getConsentId(), null));
        assertThat(gone.getCode()).isEqualTo(410);
        assertThat(problemOf(gone).getType()).isEqualTo(URI.create("urn:ledger:problem:consent-receipt-gone"));
    }

    @Test
    void a_retry_with_the_same_idempotency_key_answers_the_first_registration() throws Exception {
        MembersApi members = new MembersApi(portal);
        MemberRegistration registration = registration(unique());
        Map<String, String> key = Map.of("Idempotency-Key", "portal-" + UUID.randomUUID());

        MemberRegistered first = members.registerMember(registration, key);
        ApiResponse<MemberRegistered> retry = members.registerMemberWithHttpInfo(registration, key);

        assertThat(retry.getData().getMemberId()).isEqualTo(first.getMemberId());
        assertThat(retry.getHeaders().get("Idempotent-Replayed")).containsExactly("true");
    }

    @Test
    void refusals_arrive_as_typed_problem_details_naming_the_field() throws Exception {
        MembersApi members = new MembersApi(portal);
        String username = unique();
        members.registerMember(registration(username));

        ApiException taken = catchThrowableOfType(ApiException.class,
                () -> members.registerMember(registration(username)));
        assertThat(taken.getCode()).isEqualTo(409);
        assertThat(problemOf(taken).getType()).isEqualTo(URI.create("urn:ledger:problem:username-taken"));

        ApiException invalid = catchThrowableOfType(ApiException.class,
                () -> members.registerMember(registration(unique()).email("not an e-mail")));
        assertThat(invalid.getCode()).isEqualTo(400);
        assertThat(problemOf(invalid).getErrors()).containsKey("email");

        ApiException unknown = catchThrowableOfType(ApiException.class,
                () -> members.view(UUID.randomUUID(), PURPOSE));
        assertThat(unknown.getCode()).isEqualTo(404);
        assertThat(problemOf(unknown).getStatus()).isEqualTo(404);
    }

    /** application/jose is a compact JWS, not JSON: read through the client's own HTTP client and settings. */
    private HttpResponse<String> jws(UUID member, UUID consentId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(portal.getBaseUri() + "/api/v1/members/" + member
                + "/consents/" + consentId + "/receipt")).header("Accept", "application/jose");
        portal.getRequestInterceptor().accept(request);
        return portal.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A body the typed models cannot express (an explicit null), through the client's HTTP client and settings. */
    private HttpResponse<String> send(UUID member, String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(portal.getBaseUri() + "/api/v1/members/" + member
                + path)).header("Content-Type", contentType).header("Accept", "application/json")
                .header("X-Purpose", PURPOSE)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        portal.getRequestInterceptor().accept(request);
        return portal.getHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
