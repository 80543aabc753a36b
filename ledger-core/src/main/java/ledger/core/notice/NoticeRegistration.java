package ledger.core.notice;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.Repository;

import ledger.core.notice.NoticeRefusals.NoticeConflict;
import ledger.core.purpose.PurposeCatalog;

/**
 * Registers a notice version in the registry and records it as an event in the same transaction.
 * The same version with the same content again records nothing and answers the registered notice;
 * with another text or other terms it is refused: a published notice never changes.
 */
public class NoticeRegistration {

    /** The registered notice, and whether this command registered it ({@code false}: it was already). */
    public record Result(PrivacyNotice notice, boolean registered) {
    }

    private final Repository<Notice> notices;
    private final NoticeRegistry registry;

    public NoticeRegistration(Repository<Notice> notices, NoticeRegistry registry) {
        this.notices = notices;
        this.registry = registry;
    }

    @CommandHandler
    public Result handle(RegisterNotice command, PurposeCatalog purposes) throws Exception {
        Notice.check(command, purposes);
        Instant now = GenericEventMessage.clock.instant().truncatedTo(ChronoUnit.MICROS);
        PrivacyNotice candidate = new PrivacyNotice(command.version(), command.language(), command.url(),
                command.text(), PrivacyNotice.sha256Of(command.text()), command.effectiveFrom(), command.purposes(),
                command.retention(), command.recipients(), now);
        Optional<PrivacyNotice> existing = registry.find(command.version());
        if (existing.isEmpty() && registry.insert(candidate)) {
            notices.newInstance(() -> new Notice(command, candidate.sha256(), now));
            return new Result(candidate, true);
        }
        // registered before, or by a concurrent registration that committed while we waited for it
        PrivacyNotice registered = existing.or(() -> registry.find(command.version())).orElseThrow();
        if (!sameContent(registered, candidate)) {
            throw new NoticeConflict();
        }
        return new Result(registered, false);
    }

    /** The registered translation, and whether this command registered it ({@code false}: it was already). */
    public record Translated(NoticeTranslation translation, boolean registered) {
    }

    /**
     * Registers a version's text in another language, recorded as an event in the same transaction. The same
     * text again records nothing; another text for that language, or the notice's own language, is refused.
     */
    @CommandHandler
    public Translated handle(TranslateNotice command) throws Exception {
        PrivacyNotice notice = registry.find(command.version()).orElseThrow(NoticeRefusals.NoSuchNotice::new);
        if (notice.language().equalsIgnoreCase(command.language())) {
            throw new NoticeRefusals.TranslationConflict("the notice's own language has its registered text");
        }
        Instant now = GenericEventMessage.clock.instant().truncatedTo(ChronoUnit.MICROS);
        NoticeTranslation candidate = new NoticeTranslation(command.version(), command.language(), command.text(),
                PrivacyNotice.sha256Of(command.text()), now);
        Optional<NoticeTranslation> existing = registry.translation(command.version(), command.language());
        if (existing.isEmpty() && registry.insertTranslation(candidate)) {
            notices.load(command.version().value()).execute(n -> n.translate(command, candidate.sha256(), now));
            return new Translated(candidate, true);
        }
        NoticeTranslation registered = existing.or(() -> registry.translation(command.version(), command.language()))
                .orElseThrow();
        if (!registered.sha256().equals(candidate.sha256())) {
            throw new NoticeRefusals.TranslationConflict("this version has another text in that language: a"
                    + " published text never changes");
        }
        return new Translated(registered, false);
    }

    private static boolean sameContent(PrivacyNotice a, PrivacyNotice b) {
        return a.sha256().equals(b.sha256()) && a.language().equals(b.language()) && a.url().equals(b.url())
                && a.effectiveFrom().equals(b.effectiveFrom()) && a.purposes().equals(b.purposes())
                && a.retention().equals(b.retention()) && a.recipients().equals(b.recipients());
    }
}
