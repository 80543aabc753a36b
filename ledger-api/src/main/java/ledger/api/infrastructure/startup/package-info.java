/** How the service starts and stops beyond Spring Boot's defaults. */
package ledger.api.infrastructure.startup;
