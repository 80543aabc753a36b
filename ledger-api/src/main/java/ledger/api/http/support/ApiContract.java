package ledger.api.http.support;

/**
 * A feature's part of the OpenAPI description, beside its controllers: the contract names and
 * descriptions of the types it takes and answers (springdoc would name them by class), its tag, and
 * what springdoc cannot see in a {@code ResponseEntity<?>} (other media types). Summaries, success
 * codes and roles are annotations on the endpoint itself; {@link OpenApiConventions} adds what holds
 * for every operation. A bean of each feature; none is listed anywhere else.
 */
public interface ApiContract {

    void describe(Description api);

    /** What a feature can say about its part of the contract. */
    interface Description {

        /** A tag the feature's operations carry, and what it groups. */
        Description tag(String name, String description);

        /** The contract name and description of a type the feature takes or answers. */
        Description schema(Class<?> type, String name, String description);

        /** A whole example for a named schema, where one built from property examples would contradict itself. */
        Description example(String schema, Object example);

        /** The GET at {@code path} answers {@code text/plain} (a signed note, a key). */
        Description text(String path, String example);

        /** The GET at {@code path} answers {@code json} as JSON, or the same as {@code mediaType}. */
        Description alternative(String path, Class<?> json, String mediaType, String example);

        /** The GET at {@code path} answers the same document as PDF too. */
        Description pdf(String path);
    }
}
