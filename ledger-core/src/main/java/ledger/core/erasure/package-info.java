/**
 * Erasure's ports and types in one place: its grounds, the journal an erasure is written ahead in
 * (outside the database), the purges every store of subject data implements, the tables whose dead
 * rows a vacuum must reach, and the fence that keeps a write from landing after a shred.
 */
package ledger.core.erasure;
