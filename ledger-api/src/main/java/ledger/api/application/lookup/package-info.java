/** Finding a person: by e-mail or username through the blind index, each find recorded in the read audit. */
package ledger.api.application.lookup;
