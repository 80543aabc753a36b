package ledger.api.http.support;

import java.util.List;

import org.springframework.http.MediaType;

/** Content negotiation between JSON (the default) and one alternative representation. */
public final class Negotiation {

    private Negotiation() {
    }

    /** True when the Accept header ranks {@code alternative} before JSON; wildcards mean JSON. */
    public static boolean prefers(String accept, MediaType alternative) {
        if (accept == null) {
            return false;
        }
        List<MediaType> types = MediaType.parseMediaTypes(accept);
        MediaType.sortBySpecificityAndQuality(types);
        for (MediaType type : types) {
            if (type.isWildcardType()) {
                continue;
            }
            if (type.isCompatibleWith(alternative)) {
                return true;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return false;
            }
        }
        return false;
    }
}
