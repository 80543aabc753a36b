/**
 * How background work runs: periodic work that one node does for the fleet is a db-scheduler
 * recurring task on PostgreSQL (one node picks each run, a crashed node's run is taken over), and
 * the order in which the ledger's lifecycle components start is declared in one place
 * ({@link ledger.api.infrastructure.scheduling.StartOrder}).
 */
package ledger.api.infrastructure.scheduling;
