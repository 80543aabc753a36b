/**
 * The console at /console (docs/console.md): server-rendered pages for the DPM and the auditor,
 * thin controllers over the same command and query gateways, shared services and read audit as
 * the API's controllers. Security wiring is in {@code http.security} (ConsoleSecurityConfiguration).
 */
package ledger.api.http.console;
