package ledger.core.request;

/**
 * How the DPM checked that a request comes from the data subject (Art. 12(6)). A closed vocabulary:
 * free text would carry personal data (document numbers, addresses) into the trail.
 */
public enum VerificationMethod {
    /** The request came through the member's authenticated portal account. */
    PORTAL_LOGIN,
    /** Confirmed through the email address on file. */
    REGISTERED_EMAIL,
    /** An identity document was shown and not kept. */
    IDENTITY_DOCUMENT,
    /** Confirmed in person. */
    IN_PERSON,
    /** Confirmed by calling back a number on file. */
    PHONE_CALLBACK,
    /** The signed-in member gave the one-time code the DPM issued (POST /requests/{id}/verification {code}). */
    ONE_TIME_CODE
}
