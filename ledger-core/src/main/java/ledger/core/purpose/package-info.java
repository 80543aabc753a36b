/** The purpose catalog and the channels a withdrawal arrives by: below member and notice, which both use them. */
package ledger.core.purpose;
