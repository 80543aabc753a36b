/** Reads after one's own write (ReadYourWrites) and the read audit's port (ReadAudit: every read of personal data recorded with its purpose). */
package ledger.api.application.reading;
