/** Erasing a member and placing or releasing legal holds, with the erasure's receipt and its evidence in the log; used by the API and the console alike. */
package ledger.api.application.erasure;
