/**
 * The project's own C2SP tlog-witness ({@code java -jar ledger.jar witness}): a small HTTP service
 * apart from the ledger (no Spring, no database) that an auditor or a partner runs to cosign the
 * log's checkpoints and refuse any that fork it. The rules live in {@code ledger.core.log.Witness}.
 */
package ledger.api.infrastructure.witness;
