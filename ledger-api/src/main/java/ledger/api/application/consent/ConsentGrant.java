package ledger.api.application.consent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Consent to one purpose under a notice version, as the portal asks for it: alone (give consent) or
 * among a registration's first consents. One shape for both, validated before any command is sent.
 */
public record ConsentGrant(
        @NotBlank @Size(max = 64) @Pattern(regexp = ConsentGrant.TOKEN) String purpose,
        @NotBlank @Size(max = 32) @Pattern(regexp = ConsentGrant.TOKEN) String policyVersion,
        @Size(max = 32) @Pattern(regexp = ConsentGrant.TOKEN) String channel,
        // the language of the notice text the member was shown (a registered translation); default the notice's
        @Size(max = 35) @Pattern(regexp = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
                message = "must be a BCP 47 language tag, e.g. sv") String language) {

    /** A purpose, a notice version, a channel: plain tokens. */
    public static final String TOKEN = "^[A-Za-z0-9._:-]+$";

    /** How the consent was collected when the request does not say. */
    public String channelOrPortal() {
        return channel != null ? channel : "portal";
    }
}
