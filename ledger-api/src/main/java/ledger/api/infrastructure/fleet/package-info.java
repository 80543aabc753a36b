/** Several nodes on one database: node identity, the shared token store and segment balancing. */
package ledger.api.infrastructure.fleet;
