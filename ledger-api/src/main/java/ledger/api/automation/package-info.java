/** Retention: erasures that the passing of time makes due, sent as commands without a human. */
package ledger.api.automation;
