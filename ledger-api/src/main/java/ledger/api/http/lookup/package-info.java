/** {@code POST /api/v1/members/lookup}: the DPM finds a member by e-mail or username. */
package ledger.api.http.lookup;
