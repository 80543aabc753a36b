/** The register extract (GDPR Art. 15 and 20) as JSON and HTML. */
package ledger.api.http.extract;
