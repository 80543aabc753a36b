/**
 * A member's lifecycle certificate: one JSON document that proves the member's whole story offline
 * (every event's leaf and inclusion proof under one cosigned checkpoint, the consent receipts' JWS,
 * the erasure receipt), holding no personal data. Used by the API; checked by
 * {@code java -jar ledger.jar verify --certificate}.
 */
package ledger.api.application.certificate;
