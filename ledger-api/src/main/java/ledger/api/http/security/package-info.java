/** Who the caller is: static tokens or OAuth2 JWTs mapped to the roles PORTAL, AUDITOR, DPM and ADMIN. */
package ledger.api.http.security;
