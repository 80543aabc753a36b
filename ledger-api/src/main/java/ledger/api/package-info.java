/** The deployable service: the Spring Boot application (and the offline commands it dispatches to); nothing depends on this package. */
package ledger.api;
