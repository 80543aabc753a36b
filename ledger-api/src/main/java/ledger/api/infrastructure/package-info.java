/** Wiring of the framework, the database and the fleet; never depends on the HTTP adapters. */
package ledger.api.infrastructure;
