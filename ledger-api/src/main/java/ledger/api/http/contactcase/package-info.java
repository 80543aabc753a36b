/** Contact-form cases: opening and closing them. */
package ledger.api.http.contactcase;
