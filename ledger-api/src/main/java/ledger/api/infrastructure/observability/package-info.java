/** Metrics beyond Axon's own: processor lag and erasures. */
package ledger.api.infrastructure.observability;
