/** What auditors read: consent history per member and across members, and a member's trail. */
package ledger.api.http.audit;
