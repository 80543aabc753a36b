/** The keyed blind index that finds a member by e-mail or username without storing either. */
package ledger.api.infrastructure.lookup;
