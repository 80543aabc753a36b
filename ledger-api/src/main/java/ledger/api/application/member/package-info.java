/** Reading a member, the one way the API and the console do it: the view as of the caller's last write, re-consent flags, the read recorded. */
package ledger.api.application.member;
