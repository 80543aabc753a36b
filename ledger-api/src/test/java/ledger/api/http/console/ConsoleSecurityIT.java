package ledger.api.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.api.application.reading.ReadAudit;
import ledger.api.support.Api;
import ledger.api.support.ConsoleSession;
import ledger.api.support.IntegrationTest;

/**
 * The console's security at the HTTP level: sign-in by token, refusals, CSRF, CSP, the session
 * cookie's flags, the purpose prompt and the read audit of the extract (also as PDF).
 */
class ConsoleSecurityIT extends IntegrationTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

    @Autowired
    ReadAudit audit;

    @Test
    void an_unauthenticated_visit_is_sent_to_the_sign_in_page() {
        HttpResponse<byte[]> response = new ConsoleSession(port).get("/console");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/console/sign-in");
        assertThat(new ConsoleSession(port).get("/console/dashboard").statusCode()).isEqualTo(302);
    }

    @Test
    void console_pages_carry_a_content_security_policy_without_unsafe_inline() {
        HttpResponse<byte[]> page = new ConsoleSession(port).get("/console/sign-in");
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).isEqualTo(CSP).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        // no inline style or script in the markup either
        String html = ConsoleSession.text(page);
        assertThat(html).doesNotContain("style=").doesNotContain("<style").doesNotContain("<script>");
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_strict() {
        ConsoleSession session = new ConsoleSession(port);
        session.get("/console/sign-in");
        HttpResponse<byte[]> signedIn = session.post("/console/sign-in", Map.of("token", Api.DPM));
        String cookie = ConsoleSession.setCookies(signedIn).stream()
                .filter(c -> c.startsWith(ConsoleSession.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/console");
    }

    @Test
    void a_form_post_without_its_csrf_token_is_refused() {
        ConsoleSession session = ConsoleSession.as(port, Api.DPM);
        HttpResponse<byte[]> withoutToken = session.postRaw("/console/members/lookup", Map.of("q", "someone"));
        assertThat(withoutToken.statusCode()).isEqualTo(403);
        HttpResponse<byte[]> withToken = session.post("/console/members/lookup", Map.of("q", "someone"));
        assertThat(withToken.statusCode()).isEqualTo(200);
        // sign-in itself needs the token too
        ConsoleSession anonymous = new ConsoleSession(port);
        anonymous.get("/console/sign-in");
        assertThat(anonymous.postRaw("/console/sign-in", Map.of("token", Api.DPM)).statusCode()).isEqualTo(403);
    }

    @Test
    void a_portal_or_admin_token_does_not_sign_in_and_a_dpm_token_does() {
        for (String token : new String[] {Api.PORTAL, Api.ADMIN, "not-a-configured-token"}) {
            ConsoleSession session = new ConsoleSession(port);
            HttpResponse<byte[]> refused = session.signIn(token);
            assertThat(refused.statusCode()).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location").orElse("")).endsWith("/console/sign-in?refused");
            assertThat(session.get("/console/dashboard").statusCode()).isEqualTo(302);
        }
        ConsoleSession dpm = new ConsoleSession(port);
        HttpResponse<byte[]> signedIn = dpm.signIn(Api.DPM);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/console");
        HttpResponse<byte[]> dashboard = dpm.get("/console/dashboard");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(ConsoleSession.text(dashboard)).contains("static:DPM#1").contains(">DPM<");
    }

    @Test
    void each_role_sees_its_own_pages_only() {
        ConsoleSession auditor = ConsoleSession.as(port, Api.AUDITOR);
        assertThat(auditor.get("/console/dashboard").statusCode()).isEqualTo(403);
        assertThat(auditor.get("/console/consents").statusCode()).isEqualTo(200);
        ConsoleSession dpm = ConsoleSession.as(port, Api.DPM);
        assertThat(dpm.get("/console/consents").statusCode()).isEqualTo(403);
        assertThat(dpm.get("/console/ledger").statusCode()).isEqualTo(200);
        // a bearer token does not open the console: it is for the API only
        assertThat(api().as(Api.DPM).get("/console/dashboard").status()).isEqualTo(302);
    }

    @Test
    void the_auditors_chart_counts_consents_given_and_withdrawn_per_purpose_in_the_month() {
        UUID id = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + id + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}").status()).isEqualTo(201);
        assertThat(api().post("/api/v1/members/" + id + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"]}").status()).isBetween(200, 204);
        String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        ConsoleSession auditor = ConsoleSession.as(port, Api.AUDITOR);
        // the chart's accessible table beside the SVG: month, given, withdrawn per purpose (the read model is eventual)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> {
            String page = ConsoleSession.text(auditor.get("/console/consents?member=" + id));
            assertThat(page).containsPattern("(?s)<caption>newsletter per month</caption>.*?<td>" + month
                    + "</td><td>1</td><td>1</td>");
            assertThat(page).containsPattern("(?s)<caption>portal-membership per month</caption>.*?<td>" + month
                    + "</td><td>1</td><td>0</td>");
            assertThat(page).contains("<svg class=\"chart\"");
        });
    }

    @Test
    void a_personal_data_read_asks_for_its_purpose_first_and_is_recorded_with_it() {
        UUID id = api().register(Api.uniqueUsername());
        ConsoleSession dpm = ConsoleSession.as(port, Api.DPM);
        HttpResponse<byte[]> prompt = dpm.get("/console/members/" + id);
        assertThat(prompt.statusCode()).isEqualTo(200);
        assertThat(ConsoleSession.text(prompt)).contains("Why do you read this?");
        assertThat(audit.accessesOf(id)).noneMatch(a -> a.resource().startsWith("console"));
        HttpResponse<byte[]> page = dpm.get("/console/members/" + id + "?purpose=member-support");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(audit.accessesOf(id)).anySatisfy(a -> {
            assertThat(a.accessorPrincipal()).isEqualTo("static:DPM#1");
            assertThat(a.accessorRole()).isEqualTo("DPM");
            assertThat(a.purpose()).isEqualTo("member-support");
            assertThat(a.resource()).isEqualTo("console:member");
        });
        // a purpose outside the vocabulary is refused, and nothing is read
        assertThat(dpm.get("/console/members/" + id + "?purpose=Bad%20Purpose").statusCode()).isEqualTo(400);
    }

    @Test
    void the_extract_is_served_as_pdf_and_each_copy_is_recorded_in_the_read_audit() {
        UUID id = api().register(Api.uniqueUsername());
        Api.Response pdf = api().as(Api.DPM).header("Accept", "application/pdf").header("X-Purpose", "access-request")
                .get("/api/v1/members/" + id + "/register-extract");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF");
        assertThat(audit.accessesOf(id)).filteredOn(a -> a.resource().equals("register-extract"))
                .extracting(ReadAudit.Access::purpose).containsExactly("access-request");

        ConsoleSession dpm = ConsoleSession.as(port, Api.DPM);
        HttpResponse<byte[]> consolePdf = dpm.get("/console/members/" + id + "/extract?format=pdf&purpose=legal-claim");
        assertThat(consolePdf.statusCode()).isEqualTo(200);
        assertThat(consolePdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(new String(consolePdf.body(), 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF");
        assertThat(audit.accessesOf(id)).filteredOn(a -> a.resource().equals("register-extract"))
                .extracting(ReadAudit.Access::purpose).containsExactly("access-request", "legal-claim");
        assertThat(storedEventTypes(id)).endsWith("RegisterExtractIssued", "RegisterExtractIssued");
    }

    @Test
    void the_members_copy_reads_like_a_letter_dates_and_periods_in_words() {
        UUID id = api().register(Api.uniqueUsername());
        Api.Response html = api().as(Api.DPM).header("Accept", "text/html").get("/api/v1/members/" + id
                + "/register-extract");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.body()).contains("three months after your membership ends")
                .containsPattern("\\d{1,2} (January|February|March|April|May|June|July|August|September|October"
                        + "|November|December) \\d{4}, \\d{2}:\\d{2} UTC")
                .contains("@media print");
    }

    @Test
    void the_dpm_records_a_request_checks_the_identity_and_sees_the_timeline() {
        UUID id = api().register(Api.uniqueUsername());
        ConsoleSession dpm = ConsoleSession.as(port, Api.DPM);
        HttpResponse<byte[]> recorded = dpm.post("/console/requests", Map.of("memberId", id.toString(), "type", "ACCESS"));
        assertThat(recorded.statusCode()).isEqualTo(302);
        String page = recorded.headers().firstValue("Location").orElseThrow()
                .replaceFirst("^https?://[^/]+", "");
        assertThat(page).matches("/console/requests/[0-9a-f-]{36}");
        assertThat(ConsoleSession.text(dpm.get(page))).contains("ACCESS").contains("not yet");
        HttpResponse<byte[]> verified = dpm.post(page + "/verification", Map.of("method", "REGISTERED_EMAIL"));
        assertThat(verified.statusCode()).isEqualTo(302);
        String after = ConsoleSession.text(dpm.get(page));
        assertThat(after).contains("The identity check was recorded.").contains("REGISTERED_EMAIL");
        // a refusal without its reason is refused with a clear message, and nothing is recorded
        dpm.post(page + "/refusal", Map.of("reason", " "));
        assertThat(ConsoleSession.text(dpm.get(page))).contains("A refusal needs its reason");
        UUID requestId = UUID.fromString(page.substring(page.lastIndexOf('/') + 1));
        assertThat(storedEventTypes(requestId)).hasSize(2);
    }

    @Test
    void erasure_needs_the_typed_confirmation_and_the_receipts_export_as_csv() {
        UUID id = api().register(Api.uniqueUsername());
        ConsoleSession dpm = ConsoleSession.as(port, Api.DPM);
        dpm.post("/console/members/" + id + "/erasure", Map.of("ground", "MEMBER_REQUEST", "confirmation", "yes",
                "purpose", "erasure-request"));
        assertThat(storedEventTypes(id)).doesNotContain("MemberErased");
        HttpResponse<byte[]> receipt = dpm.post("/console/members/" + id + "/erasure", Map.of("ground",
                "MEMBER_REQUEST", "confirmation", id.toString(), "purpose", "erasure-request"));
        assertThat(receipt.statusCode()).isEqualTo(200);
        assertThat(ConsoleSession.text(receipt)).contains("Erasure receipt").contains(id.toString());
        assertThat(storedEventTypes(id)).endsWith("MemberErased");
        HttpResponse<byte[]> csv = dpm.get("/console/erasures/export");
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(ConsoleSession.text(csv)).startsWith("subject_id,subject_type,ground,erased_at")
                .contains(id + ",MEMBER,MEMBER_REQUEST,");
    }
}
