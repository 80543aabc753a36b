package ledger.core.notice;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * When consent must be given again (ISO/IEC 29184: a change of purpose, legal basis or third
 * parties asks for fresh consent). A consent to purpose P rests on notice version v. It must be
 * given again under a later notice N when v is older than N (takes effect before it) and P's terms
 * (description, legal basis, the recipients named for P) differ between v and N; a purpose N does
 * not describe counts as changed. A consent resting on a version nobody registered (stored before
 * the registry existed) cannot show what was agreed to: it must always be given again.
 */
public final class Reconsent {

    private final List<PrivacyNotice> notices;
    private final Map<NoticeVersion, PrivacyNotice> byVersion;

    public Reconsent(Collection<PrivacyNotice> notices) {
        this.notices = notices.stream().sorted(PrivacyNotice.CHRONOLOGICAL).toList();
        this.byVersion = this.notices.stream()
                .collect(Collectors.toMap(PrivacyNotice::version, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** The notice in effect at {@code instant}: the latest to have taken effect by then. */
    public Optional<PrivacyNotice> inEffect(Instant instant) {
        PrivacyNotice current = null;
        for (PrivacyNotice notice : notices) {
            if (notice.inEffectAt(instant)) {
                current = notice;
            }
        }
        return Optional.ofNullable(current);
    }

    public Optional<PrivacyNotice> find(NoticeVersion version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    /** Whether a consent to {@code purpose} under {@code version} must be given again under the notice in effect now. */
    public boolean required(String purpose, String version, Instant now) {
        return inEffect(now).map(current -> requiredUnder(current, purpose, version)).orElse(false);
    }

    /** Whether a consent to {@code purpose} under {@code version} must be given again under {@code target}. */
    public boolean requiredUnder(PrivacyNotice target, String purpose, String version) {
        PrivacyNotice basis = NoticeVersion.isValid(version) ? byVersion.get(NoticeVersion.of(version)) : null;
        if (basis == null) {
            return true;
        }
        return isOlder(basis, target) && !Objects.equals(basis.terms(purpose), target.terms(purpose));
    }

    /**
     * For each purpose {@code target} describes, the registered versions whose consents to it need
     * not be given again: versions not older than the target, and older ones with the same terms.
     * Consents to the purpose under any other version (registered or not) must be given again.
     */
    public Map<String, Set<String>> upToDate(PrivacyNotice target) {
        Map<String, Set<String>> versions = new LinkedHashMap<>();
        for (String purpose : target.purposes().keySet()) {
            Set<String> fine = new TreeSet<>();
            for (PrivacyNotice notice : notices) {
                if (!requiredUnder(target, purpose, notice.version().value())) {
                    fine.add(notice.version().value());
                }
            }
            versions.put(purpose, fine);
        }
        return versions;
    }

    /** The purposes of {@code target} whose terms differ from those of some older registered version. */
    public Set<String> changedPurposes(PrivacyNotice target) {
        Set<String> changed = new TreeSet<>();
        for (String purpose : target.purposes().keySet()) {
            for (PrivacyNotice notice : notices) {
                if (notice.version().equals(target.version())) {
                    continue;
                }
                if (requiredUnder(target, purpose, notice.version().value())) {
                    changed.add(purpose);
                }
            }
        }
        return changed;
    }

    private static boolean isOlder(PrivacyNotice a, PrivacyNotice b) {
        return PrivacyNotice.CHRONOLOGICAL.compare(a, b) < 0;
    }
}
