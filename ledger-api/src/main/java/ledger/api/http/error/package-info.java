/** The container's error page ({@code /error}): whatever ends there is answered as a problem, naming nothing of the request. */
package ledger.api.http.error;
