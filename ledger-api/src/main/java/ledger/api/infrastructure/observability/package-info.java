/** Metrics beyond Axon's own: processor lag, erasures, the verifiable ledger. */
package ledger.api.infrastructure.observability;
