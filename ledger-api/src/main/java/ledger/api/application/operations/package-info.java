/** Ports of what operations run: read-model replays, dead letters, the master key's rotation. */
package ledger.api.application.operations;
