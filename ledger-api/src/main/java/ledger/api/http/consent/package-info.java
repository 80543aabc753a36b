/**
 * Consent as evidence (GDPR Art. 7(1)): a consent's ISO/IEC TS 27560-shaped record, the member's
 * Kantara consent receipt (JSON, or a JWS signed with the ledger's key), the consent to a purpose at
 * any moment with the stored events that prove it, and the members who must consent again.
 */
package ledger.api.http.consent;
