/** How the database fails: which SQL failures are transient (an outage) rather than a bad statement. */
package ledger.api.infrastructure.database;
