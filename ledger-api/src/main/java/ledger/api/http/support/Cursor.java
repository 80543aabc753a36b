package ledger.api.http.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque paging cursor: the last id of a page, versioned, base64url. Clients pass it back
 * unchanged; anything else is refused without echoing it.
 */
public final class Cursor {

    private static final String VERSION = "c1:";
    private static final String ID_VERSION = "u1:";

    private Cursor() {
    }

    public static String after(long lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + lastId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id a page starts after: 0 without a cursor. */
    public static long decode(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(VERSION)) {
                long value = Long.parseLong(text.substring(VERSION.length()));
                if (value >= 0) {
                    return value;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new InvalidParameter("cursor", "cursor must be a cursor returned by this endpoint");
    }

    /** A cursor after the last id of a page whose entries are ordered by UUID (as PostgreSQL orders them). */
    public static String afterId(UUID lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((ID_VERSION + lastId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id a page of UUID-ordered entries starts after: {@code null} without a cursor. */
    public static UUID decodeId(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(ID_VERSION)) {
                return UUID.fromString(text.substring(ID_VERSION.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new InvalidParameter("cursor", "cursor must be a cursor returned by this endpoint");
    }
}
