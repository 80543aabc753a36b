/** Data-subject requests: recording, extending and completing them within their deadline. */
package ledger.api.http.request;
