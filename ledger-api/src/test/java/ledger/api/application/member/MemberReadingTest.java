package ledger.api.application.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import ledger.api.application.reading.ReadAudit;
import ledger.api.application.reading.ReadYourWrites;
import ledger.core.member.FindMember;
import ledger.core.member.MemberId;
import ledger.core.notice.NoticePurpose;
import ledger.core.notice.NoticeRegistry;
import ledger.core.notice.NoticeVersion;
import ledger.core.notice.PrivacyNotice;
import ledger.core.shared.Actor;
import ledger.projections.member.MemberView;

class MemberReadingTest {

    private static final UUID ID = UUID.fromString("55555555-5555-5555-5555-555555555555");
    private static final Actor DPM = new Actor("dpm-client", "DPM");
    private static final Instant V1_FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant V2_FROM = Instant.parse("2025-01-01T00:00:00Z");

    private final QueryGateway queries = mock(QueryGateway.class);
    private final ReadYourWrites reads = mock(ReadYourWrites.class);
    private final ReadAudit audit = mock(ReadAudit.class);
    private final NoticeRegistry notices = mock(NoticeRegistry.class);

    private static PrivacyNotice notice(String version, Instant from, String newsletterDescription) {
        return new PrivacyNotice(NoticeVersion.of(version), "en", "https://example.org/" + version, "text " + version,
                PrivacyNotice.sha256Of("text " + version), from,
                Map.of("newsletter", new NoticePurpose(newsletterDescription, "consent"),
                        "portal-membership", new NoticePurpose("the portal", "consent")),
                "three months", List.of(), from);
    }

    private static MemberView view(Map<String, MemberView.ConsentState> consents) {
        return new MemberView(ID, "ada", "Ada", "Lovelace", "Engines", "ada@example.org", "ACTIVE", consents, 2,
                V1_FROM, V2_FROM, null, List.of(), 7, false, null, List.of());
    }

    private MemberReading reading(Instant now) {
        return new MemberReading(queries, reads, audit, notices, Clock.fixed(now, ZoneOffset.UTC));
    }

    /** The read model answers {@code projected}; the read waits through ReadYourWrites as the real one does. */
    @SuppressWarnings("unchecked")
    private void projected(MemberView projected) {
        when(queries.query(any(FindMember.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(Optional.of(projected)));
        when(reads.read(eq(MemberId.of(ID)), any(), any())).thenAnswer(call -> {
            Supplier<Optional<MemberView>> query = call.getArgument(1);
            ToLongFunction<MemberView> versionOf = call.getArgument(2);
            MemberView found = query.get().orElseThrow();
            assertThat(versionOf.applyAsLong(found)).isEqualTo(7);
            return found;
        });
    }

    private static Map<String, MemberView.ConsentState> consents(MemberView.ConsentState membership,
                                                                 MemberView.ConsentState newsletter) {
        Map<String, MemberView.ConsentState> consents = new LinkedHashMap<>();
        consents.put("portal-membership", membership);
        consents.put("newsletter", newsletter);
        return consents;
    }

    @Test
    void a_granted_consent_whose_purpose_the_notice_in_effect_changed_is_flagged_for_reconsent() {
        when(notices.all()).thenReturn(List.of(notice("v1", V1_FROM, "news"), notice("v2", V2_FROM, "news and offers")));
        projected(view(consents(new MemberView.ConsentState(true, "v1", V1_FROM, false),
                new MemberView.ConsentState(true, "v1", V1_FROM, false))));

        MemberView view = reading(Instant.parse("2025-06-01T00:00:00Z")).view(MemberId.of(ID));

        assertThat(view.consents()).containsExactly(
                Map.entry("portal-membership", new MemberView.ConsentState(true, "v1", V1_FROM, false)),
                Map.entry("newsletter", new MemberView.ConsentState(true, "v1", V1_FROM, true)));
        assertThat(view.username()).isEqualTo("ada");
    }

    @Test
    void a_notice_not_yet_in_effect_asks_for_no_reconsent() {
        when(notices.all()).thenReturn(List.of(notice("v1", V1_FROM, "news"), notice("v2", V2_FROM, "news and offers")));
        projected(view(consents(new MemberView.ConsentState(true, "v1", V1_FROM, false),
                new MemberView.ConsentState(true, "v1", V1_FROM, false))));

        MemberView view = reading(Instant.parse("2024-06-01T00:00:00Z")).view(MemberId.of(ID));

        assertThat(view.consents().get("newsletter").reconsentRequired()).isFalse();
    }

    @Test
    void a_consent_not_granted_is_never_flagged() {
        when(notices.all()).thenReturn(List.of(notice("v1", V1_FROM, "news"), notice("v2", V2_FROM, "news and offers")));
        projected(view(consents(new MemberView.ConsentState(true, "v2", V2_FROM, false),
                new MemberView.ConsentState(false, "v1", V1_FROM, false))));

        MemberView view = reading(Instant.parse("2025-06-01T00:00:00Z")).view(MemberId.of(ID));

        assertThat(view.consents().values()).extracting(MemberView.ConsentState::reconsentRequired)
                .containsExactly(false, false);
    }

    @Test
    void the_view_is_asked_for_the_member_as_of_its_last_write() {
        when(notices.all()).thenReturn(List.of());
        projected(view(Map.of()));

        reading(V2_FROM).view(MemberId.of(ID));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<ResponseType<Object>> type = ArgumentCaptor.forClass(ResponseType.class);
        verify(queries).query(eq(new FindMember(MemberId.of(ID))), type.capture());
        assertThat(type.getValue().getExpectedResponseType()).isEqualTo(MemberView.class);
    }

    @Test
    void a_read_records_who_read_for_which_purpose_through_which_resource_and_answers_the_view() {
        when(notices.all()).thenReturn(List.of(notice("v1", V1_FROM, "news"), notice("v2", V2_FROM, "news and offers")));
        projected(view(consents(new MemberView.ConsentState(true, "v1", V1_FROM, false),
                new MemberView.ConsentState(true, "v1", V1_FROM, false))));

        MemberView view = reading(Instant.parse("2025-06-01T00:00:00Z")).read(ID, DPM, "access-request", "member");

        assertThat(view.memberId()).isEqualTo(ID);
        assertThat(view.consents().get("newsletter").reconsentRequired()).isTrue();
        InOrder order = inOrder(reads, audit);
        order.verify(reads).read(eq(MemberId.of(ID)), any(), any());
        order.verify(audit).record(ID, DPM, "access-request", "member");
    }
}
