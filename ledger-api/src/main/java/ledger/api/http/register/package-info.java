/** The record of processing activities (GDPR Art. 30) as JSON and HTML. */
package ledger.api.http.register;
