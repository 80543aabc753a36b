/** Operator endpoints: read-model status and replay, master key rotation. */
package ledger.api.http.admin;
