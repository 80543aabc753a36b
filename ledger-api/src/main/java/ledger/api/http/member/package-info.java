/** Member commands (register, consent, download, profile, membership end) and the member view. */
package ledger.api.http.member;
