/** The register extract (Art. 15 and 20): issued and recorded, assembled from the read model and the register's content, rendered as JSON, HTML or PDF. */
package ledger.api.application.extract;
