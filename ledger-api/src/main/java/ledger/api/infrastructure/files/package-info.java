/** Files outside the database that must survive a crash whole: written aside, forced, renamed into place. */
package ledger.api.infrastructure.files;
