package ledger.core.member;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * What makes two usernames the same name. A username is kept as given in NFKC (so input in NFD or
 * with compatibility characters is normalised, not refused); it must then be 3-64 letters, digits,
 * '.', '_' or '-'. Uniqueness is decided on its <em>key</em>: NFKC with full case folding
 * (NFKC_Casefold; a dotted capital I folds to a plain i, as in Turkish), then the UTS #39
 * confusable skeleton (ICU's {@link SpoofChecker}). So {@code аdaqz} with a Cyrillic а and
 * {@code adaqz}, {@code MİLA} and {@code mila}, {@code σισ} and {@code σις}, {@code user١} and
 * {@code user1} are each one name.
 */
public final class Usernames {

    /** The form a username must have after NFKC. */
    public static final String PATTERN = "^[\\p{L}\\p{N}._-]{3,64}$";

    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.CONFUSABLE).build();

    private Usernames() {
    }

    /** The stored form: NFKC, case kept; {@code null} stays {@code null}. */
    public static String normalize(String username) {
        return username == null ? null : NFKC.normalize(username);
    }

    /** Whether the username, once normalised and folded, is 3-64 letters, digits, '.', '_' or '-'. */
    public static boolean valid(String username) {
        return username != null && VALID.matcher(normalize(username)).matches()
                && VALID.matcher(folded(username)).matches();
    }

    /** NFKC_Casefold, with U+0130 (İ) taken as the i it lowercases to rather than i + U+0307. */
    static String folded(String username) {
        return NFKC_CASEFOLD.normalize(NFKC.normalize(username).replace('\u0130', 'i'));
    }

    /** The name as uniqueness sees it: the confusable skeleton of the folded form. */
    public static String key(String username) {
        return CONFUSABLES.getSkeleton(folded(username));
    }

    /** SHA-256 of the key: what the username registry stores instead of the name. */
    public static byte[] keyDigest(String username) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key(username).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Whether two usernames are the same name. */
    public static boolean sameName(String a, String b) {
        return key(a).equals(key(b));
    }
}
