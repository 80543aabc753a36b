package ledger.core.notice;

import static ledger.core.notice.NoticeRulesTest.DPM;
import static ledger.core.notice.NoticeRulesTest.EFFECTIVE;
import static ledger.core.notice.NoticeRulesTest.PURPOSES;
import static ledger.core.notice.NoticeRulesTest.RECIPIENTS;
import static ledger.core.notice.NoticeRulesTest.TEXT;
import static ledger.core.notice.NoticeRulesTest.V1;
import static ledger.core.notice.NoticeRulesTest.register;
import static org.axonframework.test.matchers.Matchers.matches;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ledger.core.notice.NoticeRefusals.NoticeConflict;
import ledger.core.notice.NoticeRefusals.TranslationConflict;
import ledger.core.purpose.PurposeCatalog;

/**
 * Two nodes registering one version (or one translation) at once: the registry takes the one that commits
 * first, and the other, finding nothing when it looked but losing the insert, answers what was taken.
 */
class NoticeRegistrationRaceTest {

    static final Instant EARLIER = Instant.parse("2025-12-01T08:00:00Z");

    /** A registry in which another node's registration commits between our look-up and our insert. */
    private static final class RacingRegistry implements NoticeRegistry {

        private final InMemoryNoticeRegistry committed = new InMemoryNoticeRegistry();
        private PrivacyNotice otherNotice;
        private NoticeTranslation otherTranslation;

        @Override
        public Optional<PrivacyNotice> find(NoticeVersion version) {
            return committed.find(version);
        }

        @Override
        public List<PrivacyNotice> all() {
            return committed.all();
        }

        @Override
        public boolean insert(PrivacyNotice notice) {
            if (otherNotice != null) {
                committed.insert(otherNotice);
            }
            return committed.insert(notice);
        }

        @Override
        public boolean insertTranslation(NoticeTranslation translation) {
            if (otherTranslation != null) {
                committed.insertTranslation(otherTranslation);
            }
            return committed.insertTranslation(translation);
        }

        @Override
        public Optional<NoticeTranslation> translation(NoticeVersion version, String language) {
            return committed.translation(version, language);
        }

        @Override
        public List<NoticeTranslation> translations(NoticeVersion version) {
            return committed.translations(version);
        }
    }

    private RacingRegistry registry;
    private AggregateTestFixture<Notice> fixture;

    @BeforeEach
    void setUp() {
        registry = new RacingRegistry();
        fixture = new AggregateTestFixture<>(Notice.class);
        fixture.registerInjectableResource(PurposeCatalog.defaults());
        fixture.registerAnnotatedCommandHandler(new NoticeRegistration(fixture.getRepository(), registry));
    }

    private static PrivacyNotice registeredElsewhere(String text) {
        return new PrivacyNotice(V1, "en", "https://www.example.org/privacy", text, PrivacyNotice.sha256Of(text),
                EFFECTIVE, PURPOSES, "three months after the membership ends", RECIPIENTS, EARLIER);
    }

    private static NoticeRegistered noticeRegistered() {
        return new NoticeRegistered(V1, "en", "https://www.example.org/privacy", TEXT, PrivacyNotice.sha256Of(TEXT),
                EFFECTIVE, PURPOSES, "three months after the membership ends", RECIPIENTS, DPM, EARLIER);
    }

    @Test
    void a_version_another_node_registered_first_with_the_same_content_is_answered_as_registered_before() {
        registry.otherNotice = registeredElsewhere(TEXT);
        fixture.givenNoPriorActivity()
                .when(register(V1, TEXT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches(r -> r instanceof NoticeRegistration.Result result
                        && !result.registered() && result.notice().registeredAt().equals(EARLIER)));
    }

    @Test
    void a_version_another_node_registered_first_with_another_text_is_refused() {
        registry.otherNotice = registeredElsewhere(TEXT + " Changed.");
        fixture.givenNoPriorActivity()
                .when(register(V1, TEXT))
                .expectException(NoticeConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_translation_another_node_registered_first_with_the_same_text_is_answered_as_registered_before() {
        registry.committed.insert(registeredElsewhere(TEXT));
        registry.otherTranslation = new NoticeTranslation(V1, "sv", "Integritetspolicy.",
                PrivacyNotice.sha256Of("Integritetspolicy."), EARLIER);
        fixture.given(noticeRegistered())
                .when(new TranslateNotice(V1, "sv", "Integritetspolicy.", DPM))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches(r -> r instanceof NoticeRegistration.Translated t
                        && !t.registered() && t.translation().registeredAt().equals(EARLIER)));
    }

    @Test
    void a_translation_another_node_registered_first_with_another_text_is_refused() {
        registry.committed.insert(registeredElsewhere(TEXT));
        registry.otherTranslation = new NoticeTranslation(V1, "sv", "Annan text.", PrivacyNotice.sha256Of("Annan text."),
                EARLIER);
        fixture.given(noticeRegistered())
                .when(new TranslateNotice(V1, "sv", "Integritetspolicy.", DPM))
                .expectException(TranslationConflict.class)
                .expectNoEvents();
    }
}
