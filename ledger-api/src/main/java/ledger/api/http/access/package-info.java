/** The DPM's list of recorded reads of a member's personal data (the read audit). */
package ledger.api.http.access;
