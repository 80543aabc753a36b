/** HTTP adapters: one package per feature, each a thin controller turning request records into commands or queries. */
package ledger.api.http;
