/** Consent as evidence: the ISO/IEC TS 27560-shaped record, the Kantara receipt and the consent at a moment, built for the API, the auditor's queries and certificates; the receipt signer port (ReceiptSigner). */
package ledger.api.application.consent;
