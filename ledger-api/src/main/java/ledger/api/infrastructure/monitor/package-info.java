/**
 * {@code java -jar ledger.jar monitor}: follows the ledger's log from outside, as an auditor does,
 * and stops with the evidence the moment it shrinks or forks.
 */
package ledger.api.infrastructure.monitor;
