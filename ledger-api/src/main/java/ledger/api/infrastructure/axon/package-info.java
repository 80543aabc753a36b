/** Axon wiring split by concern: the domain (aggregates, command handlers), storage (event store, serializers) and messaging (gateway, processors). */
package ledger.api.infrastructure.axon;
