/** What every HTTP adapter shares: filters (body limit, idempotency), problem+json mapping, the field vocabulary, callers, content negotiation, CSV. */
package ledger.api.http.support;
