/**
 * The one typed configuration tree under {@code ledger.*} ({@link ledger.api.configuration.LedgerProperties},
 * every default in application.yml), the record of processing activities it reads from its own
 * resource file, and the one development switch.
 */
package ledger.api.configuration;
