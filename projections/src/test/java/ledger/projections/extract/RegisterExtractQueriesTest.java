package ledger.projections.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import ledger.core.member.ConsentGiven;
import ledger.core.member.DocumentDownloaded;
import ledger.core.member.FindRegisterExtract;
import ledger.core.member.MemberEvent;
import ledger.core.member.MemberId;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberRegistered;
import ledger.core.member.ProfileEdited;
import ledger.core.shared.ErasureGround;
import ledger.projections.history.ConsentEntry;
import ledger.projections.consent.ConsentHistoryProjection;
import ledger.projections.member.MemberViewProjection;
import ledger.projections.support.ProjectionTest;

class RegisterExtractQueriesTest extends ProjectionTest {

    @Autowired
    RegisterExtractQueries queries;

    /** The projections' handlers are package-private: they are fed through Axon's adapter, as a processor does. */
    @Autowired
    MemberViewProjection memberView;

    @Autowired
    ConsentHistoryProjection consentHistory;

    private void apply(Object projection, MemberEvent event, long sequence) {
        batch(() -> {
            try {
                new org.axonframework.eventhandling.AnnotationEventHandlerAdapter(projection).handle(
                        new org.axonframework.eventhandling.GenericDomainEventMessage<>("Member",
                                event.memberId().toString(), sequence, event));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void both(MemberEvent event, long sequence) {
        apply(memberView, event, sequence);
        apply(consentHistory, event, sequence);
    }

    private static final String SHA256 = "0b5d1c7e2a9f4b3c8d6e1f0a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";

    @Test
    void an_unknown_member_has_no_extract() {
        assertThat(queries.handle(new FindRegisterExtract(MemberId.random()))).isEmpty();
    }

    @Test
    void the_extract_holds_the_member_view_its_downloads_and_its_consent_history() {
        MemberId id = MemberId.random();
        ConsentGiven consent = new ConsentGiven(id, UUID.randomUUID(), "newsletter", "2024-05", SHA256, "en", "email",
                PORTAL, at(1));
        both(new MemberRegistered(id, "user", "Given", "Family", "Co", "mail@example.org", PORTAL, at(0)), 0);
        both(consent, 1);
        both(new DocumentDownloaded(id, "doc-1", "Price list", PORTAL, at(2)), 2);

        RegisterExtractData data = queries.handle(new FindRegisterExtract(id)).orElseThrow();
        assertThat(data.member()).isEqualTo(memberView.view(id.value()).orElseThrow());
        assertThat(data.member().username()).isEqualTo("user");
        assertThat(data.downloads()).containsExactly(new RegisterExtractData.Download("doc-1", "Price list", at(2)));
        assertThat(data.consentHistory()).containsExactly(new ConsentEntry(1, "GIVEN", "newsletter", "2024-05",
                SHA256, "email", at(1), PORTAL));
        assertThat(data.version()).isEqualTo(2);
    }

    @Test
    void the_extract_s_version_is_the_last_event_both_read_models_reflect() {
        MemberId id = MemberId.random();
        both(new MemberRegistered(id, "user", "Given", "Family", "Co", "mail@example.org", PORTAL, at(0)), 0);
        apply(memberView, new DocumentDownloaded(id, "doc-1", "Price list", PORTAL, at(1)), 1);
        assertThat(queries.handle(new FindRegisterExtract(id)).orElseThrow().version())
                .as("the consent history lags").isZero();

        apply(consentHistory, new DocumentDownloaded(id, "doc-1", "Price list", PORTAL, at(1)), 1);
        apply(consentHistory, new DocumentDownloaded(id, "doc-2", "Terms", PORTAL, at(2)), 2);
        assertThat(queries.handle(new FindRegisterExtract(id)).orElseThrow().version())
                .as("the view lags").isEqualTo(1);
    }

    @Test
    void the_extract_holds_each_profile_value_replaced_since_registration_with_when_until_erasure() {
        MemberId id = MemberId.random();
        both(new MemberRegistered(id, "user", "Given", "Family", "Co", "mail@example.org", PORTAL, at(0)), 0);
        both(new ProfileEdited(id, null, null, "Co 2", "new@example.org", PORTAL, at(5)), 1);
        both(new ProfileEdited(id, null, null, "Co 3", null, PORTAL, at(9)), 2);

        assertThat(queries.handle(new FindRegisterExtract(id)).orElseThrow().pastValues()).containsExactly(
                new RegisterExtractData.PastValue("company", "Co", at(0), at(5)),
                new RegisterExtractData.PastValue("company", "Co 2", at(5), at(9)),
                new RegisterExtractData.PastValue("email", "mail@example.org", at(0), at(5)));

        both(new MemberErased(id, ErasureGround.MEMBER_REQUEST, DPM, at(10)), 3);
        assertThat(queries.handle(new FindRegisterExtract(id)).orElseThrow().pastValues()).isEmpty();
        assertThat(count("SELECT count(*) FROM member_view_profile_value WHERE member_id = ?", id.value())).isZero();
    }
}
