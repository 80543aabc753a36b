/** Restriction of processing (Art. 18) and objection (Art. 21): the DPM records them for a member. */
package ledger.api.http.restriction;
