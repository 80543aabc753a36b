/**
 * The adapters of HTTP: one package per feature, each carrying its contract (OpenAPI annotations and
 * an ApiContract bean) and its authorization (@RolesAllowed); support and security are shared by all.
 */
package ledger.api.http;
