/**
 * What the use-cases need from the outside world, one package per concern: Axon, PostgreSQL stores,
 * the key vault, signing, the erasure journal, the log, the fleet, scheduling. Reached from adapters
 * and use-cases only through ports.
 */
package ledger.api.infrastructure;
