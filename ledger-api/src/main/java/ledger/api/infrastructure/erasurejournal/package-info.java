/** The erasure journal outside the database: an erasure is written ahead there, and a restored backup has its erasures replayed from it at start (docs/decisions.md). */
package ledger.api.infrastructure.erasurejournal;
