/** Data-subject requests from anyone: the requester's contact data, read from the request's sealed events. */
package ledger.api.application.request;
