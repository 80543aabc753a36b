/** Erasure as one feature: member and contact-case erasure, legal holds that defer it, and the erasure receipts. */
package ledger.api.http.erasure;
