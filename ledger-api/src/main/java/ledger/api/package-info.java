/** The deployable service: the Spring Boot application and its one typed configuration tree under ledger.*. */
package ledger.api;
