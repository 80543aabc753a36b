/** The privacy-notice registry: notice versions registered by the SHA-256 of their text (DPM, ADMIN), read by every role. */
package ledger.api.http.notice;
