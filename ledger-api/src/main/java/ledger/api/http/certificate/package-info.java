/** A member's lifecycle certificate over HTTP (DPM, AUDITOR). */
package ledger.api.http.certificate;
