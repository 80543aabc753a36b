package ledger.core.notice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A registered privacy-notice version as the registry keeps it. {@code sha256} is the lowercase hex
 * SHA-256 of the text's UTF-8 bytes: what a consent under this version records, so that anyone
 * holding the text can check which text the member was shown.
 */
public record PrivacyNotice(
        NoticeVersion version,
        String language,
        String url,
        String text,
        String sha256,
        Instant effectiveFrom,
        Map<String, NoticePurpose> purposes,
        String retention,
        List<NoticeRecipient> recipients,
        Instant registeredAt) {

    /** Older first: by the instant a version takes effect, then by when it was registered. */
    public static final Comparator<PrivacyNotice> CHRONOLOGICAL = Comparator.comparing(PrivacyNotice::effectiveFrom)
            .thenComparing(PrivacyNotice::registeredAt).thenComparing(n -> n.version().value());

    public PrivacyNotice {
        purposes = sorted(purposes);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** What one purpose means under a notice; a change of any part asks for fresh consent (ISO/IEC 29184). */
    public record PurposeTerms(String description, String legalBasis, List<NoticeRecipient> recipients) {
    }

    /** In effect from {@code effectiveFrom} on. */
    public boolean inEffectAt(Instant instant) {
        return !effectiveFrom.isAfter(instant);
    }

    /** The recipients this notice names for the purpose, in the notice's order. */
    public List<NoticeRecipient> recipientsOf(String purpose) {
        return recipients.stream().filter(r -> r.purposes().contains(purpose)).toList();
    }

    /** The purpose's terms, or {@code null} when this notice does not describe the purpose. */
    public PurposeTerms terms(String purpose) {
        NoticePurpose described = purposes.get(purpose);
        if (described == null) {
            return null;
        }
        // a recipient's other purposes are no term of this purpose: compare name, role and place only
        List<NoticeRecipient> named = recipientsOf(purpose).stream()
                .map(r -> new NoticeRecipient(r.name(), r.role(), List.of(), r.location(), r.insideEuEea()))
                .sorted(Comparator.comparing(NoticeRecipient::name).thenComparing(NoticeRecipient::role))
                .toList();
        return new PurposeTerms(described.description(), described.legalBasis(), named);
    }

    /** What a consent under this notice carries: version, hash, language, when in effect, the purposes. */
    public ConsentNotice consentNotice() {
        return new ConsentNotice(version, sha256, language, effectiveFrom, purposes.keySet());
    }

    /** The same, for the text in another language ({@code sha256} of that text), superseded from {@code from}. */
    public ConsentNotice consentNotice(String textLanguage, String textSha256, Instant supersededFrom) {
        return new ConsentNotice(version, textSha256, textLanguage, effectiveFrom, purposes.keySet(), supersededFrom);
    }

    /** Lowercase hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256Of(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Purposes in name order, so a notice's JSON (and the stored event) never depends on map order. */
    static SortedMap<String, NoticePurpose> sorted(Map<String, NoticePurpose> purposes) {
        return Collections.unmodifiableSortedMap(purposes == null ? new TreeMap<>() : new TreeMap<>(purposes));
    }
}
