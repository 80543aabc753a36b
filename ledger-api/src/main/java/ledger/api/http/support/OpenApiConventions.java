package ledger.api.http.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * What holds for every operation of the OpenAPI description ({@code /v3/api-docs}), whatever its
 * feature: the problem schema on every error response (which errors an operation can answer follows
 * from its method, path variables and body), the bearer security scheme, an example for every schema
 * and body. Each feature describes its own part where it lives: {@code @Operation}, {@code @Tag},
 * {@code @ApiResponse} and {@code @RolesAllowed} on its endpoints, an {@link ApiContract} bean for its
 * types' contract names. {@code OpenApiIT} fails on anything left out, and {@code .ci/run} lints the
 * result with Redocly CLI.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConventions {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** SHA-256 of the policy text of 2019-01-05 as shipped (notices/privacy-policy-2019-01-05.txt). */
    private static final String POLICY_SHA256 = "5cdadcd165fa4c3c6ed03cb8eb900dfe215eb60be88eb9a973b109842fc386c4";

    /** Example values by property name (across features), where a generic one would not pass the property's rules. */
    private static final Map<String, Object> PROPERTY_EXAMPLES = new TreeMap<>();

    static {
        PROPERTY_EXAMPLES.put("username", "ada_lovelace");
        PROPERTY_EXAMPLES.put("givenName", "Ada");
        PROPERTY_EXAMPLES.put("familyName", "Lovelace");
        PROPERTY_EXAMPLES.put("company", "Analytical Engines Ltd");
        PROPERTY_EXAMPLES.put("email", "ada@example.org");
        PROPERTY_EXAMPLES.put("name", "Ada Lovelace");
        PROPERTY_EXAMPLES.put("message", "Please call me back about the partner programme.");
        PROPERTY_EXAMPLES.put("purpose", "portal-membership");
        PROPERTY_EXAMPLES.put("purposes", List.of("newsletter"));
        PROPERTY_EXAMPLES.put("withdrawn", List.of("newsletter"));
        PROPERTY_EXAMPLES.put("policyVersion", "2019-01-05");
        PROPERTY_EXAMPLES.put("noticeVersion", "2019-01-05");
        PROPERTY_EXAMPLES.put("version", "2019-01-05");
        PROPERTY_EXAMPLES.put("notice", "2019-01-05");
        PROPERTY_EXAMPLES.put("sha256", POLICY_SHA256);
        PROPERTY_EXAMPLES.put("noticeSha256", POLICY_SHA256);
        PROPERTY_EXAMPLES.put("language", "en");
        PROPERTY_EXAMPLES.put("url", "https://www.zesec.com/privacy-policy/");
        PROPERTY_EXAMPLES.put("text", "Privacy Policy\n\nAbout our privacy policy\n...");
        PROPERTY_EXAMPLES.put("retention", "Personal data is kept while you use the partner portal and for three"
                + " months after you cease to use it.");
        PROPERTY_EXAMPLES.put("legalBasis", "Consent (GDPR Art. 6(1)(a))");
        PROPERTY_EXAMPLES.put("description", "Marketing and information (newsletter).");
        PROPERTY_EXAMPLES.put("location", "EU/EEA");
        PROPERTY_EXAMPLES.put("actingUser", "member:3f1c2a9e-6b1d-4c55-9a57-0c3e4b2d7f10");
        PROPERTY_EXAMPLES.put("state", "ACTIVE");
        PROPERTY_EXAMPLES.put("collectionMethod", "portal");
        PROPERTY_EXAMPLES.put("personalDataCategories", List.of("1 - Biographical", "2 - Contact"));
        PROPERTY_EXAMPLES.put("channel", "portal");
        PROPERTY_EXAMPLES.put("documentId", "price-list-2026");
        PROPERTY_EXAMPLES.put("title", "Price list 2026");
        PROPERTY_EXAMPLES.put("reason", "the member asked by email");
        PROPERTY_EXAMPLES.put("resultingEventType", "RegisterExtractIssued");
        PROPERTY_EXAMPLES.put("months", 1);
        PROPERTY_EXAMPLES.put("principal", "static:PORTAL#1");
        PROPERTY_EXAMPLES.put("role", "PORTAL");
        PROPERTY_EXAMPLES.put("nextCursor", "eyJzZXEiOjQyfQ");
        PROPERTY_EXAMPLES.put("leafHash", "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=");
        PROPERTY_EXAMPLES.put("hashes", List.of("bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0="));
        PROPERTY_EXAMPLES.put("eventId", "5d2f8a1c-3b7e-4f60-9c1d-2a4e6b8c0d13");
        PROPERTY_EXAMPLES.put("status", "OK");
    }

    @Bean
    OpenApiCustomizer ledgerOpenApi(List<ApiContract> contracts) {
        return api -> customize(api, Collected.of(contracts));
    }

    /** Per operation, from its handler: which errors it can answer, its success codes when not 200. */
    @Bean
    OperationCustomizer ledgerOperations() {
        return OpenApiConventions::responses;
    }

    static void customize(OpenAPI api, Collected contract) {
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.setComponents(components);
        if (components.getSchemas() == null) {
            components.setSchemas(new LinkedHashMap<>());
        }
        contract.texts.forEach((path, example) -> text(api, path, example));
        contract.alternatives.forEach(a -> represent(api, a.path(), a.json(), a.mediaType(), a.example()));
        contract.pdfs.forEach(path -> pdf(api, path));
        renameSchemas(api, contract);
        components.addSchemas("Problem", problemSchema());
        contract.examples.forEach((name, example) -> {
            Schema<?> schema = components.getSchemas().get(name);
            if (schema != null) {
                schema.setExample(example);
            }
        });
        for (Schema<?> schema : components.getSchemas().values()) {
            if (schema.getExample() == null) {
                schema.setExample(example(api, schema, 0));
            }
        }
        errorResponses(components);
        api.info(new Info().title("Compliance ledger API").version("v1")
                .description("An event-sourced GDPR compliance ledger: consents, downloads, profile edits, erasure"
                        + " by crypto-shredding, legal holds, register extracts and audit trails. Errors are RFC 9457"
                        + " problems (application/problem+json) with a stable urn:ledger:problem: type."));
        components.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT or static token")
                .description("A configured static token or an OAuth2 JWT whose roles claim names PORTAL, AUDITOR,"
                        + " DPM or ADMIN; see the role matrix in the README."));
        api.setSecurity(List.of(new SecurityRequirement().addList("bearer")));
        api.setTags(contract.tags.entrySet().stream().map(t -> new Tag().name(t.getKey()).description(t.getValue()))
                .toList());
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> examples(api, op)));
        }
    }

    /** What the features said, gathered; tags in name order, whatever order the beans come in. */
    static final class Collected implements ApiContract.Description {
        final Map<Class<?>, String[]> names = new LinkedHashMap<>();
        final Map<String, String> tags = new TreeMap<>();
        final Map<String, Object> examples = new LinkedHashMap<>();
        final Map<String, String> texts = new LinkedHashMap<>();
        final List<Alternative> alternatives = new ArrayList<>();
        final List<String> pdfs = new ArrayList<>();

        static Collected of(List<ApiContract> contracts) {
            Collected collected = new Collected();
            contracts.forEach(c -> c.describe(collected));
            return collected;
        }

        @Override
        public Collected tag(String name, String description) {
            if (tags.putIfAbsent(name, description) != null) {
                throw new IllegalStateException("tag " + name + " is described twice");
            }
            return this;
        }

        @Override
        public Collected schema(Class<?> type, String name, String description) {
            if (names.putIfAbsent(type, new String[] {name, description}) != null) {
                throw new IllegalStateException(type.getName() + " is named twice");
            }
            return this;
        }

        @Override
        public Collected example(String schema, Object example) {
            examples.put(schema, example);
            return this;
        }

        @Override
        public Collected text(String path, String example) {
            texts.put(path, example);
            return this;
        }

        @Override
        public Collected alternative(String path, Class<?> json, String mediaType, String example) {
            alternatives.add(new Alternative(path, json, mediaType, example));
            return this;
        }

        @Override
        public Collected pdf(String path) {
            pdfs.add(path);
            return this;
        }

        /** The contract name for a schema springdoc named by class (Outer.Inner for nested ones). */
        String[] named(String generated) {
            for (Map.Entry<Class<?>, String[]> entry : names.entrySet()) {
                if (entry.getKey().getName().replace('$', '.').equals(generated.replace('$', '.'))) {
                    return entry.getValue();
                }
            }
            return null;
        }

        record Alternative(String path, Class<?> json, String mediaType, String example) {
        }
    }

    /** A third representation: the same document as PDF (binary). */
    private static void pdf(OpenAPI api, String path) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
        if (item == null || item.getGet() == null || item.getGet().getResponses() == null
                || item.getGet().getResponses().get("200") == null) {
            return;
        }
        item.getGet().getResponses().get("200").getContent().addMediaType("application/pdf",
                new MediaType().schema(new StringSchema().format("binary")));
    }

    /** A text/plain answer (a signed note, a key): a string with an example. */
    private static void text(OpenAPI api, String path, String example) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
        if (item == null || item.getGet() == null || item.getGet().getResponses() == null) {
            return;
        }
        ApiResponse ok = item.getGet().getResponses().get("200");
        if (ok != null) {
            ok.setContent(new Content().addMediaType("text/plain", new MediaType().schema(new StringSchema())
                    .example(example)));
        }
    }

    private static void represent(OpenAPI api, String path, Class<?> javaType, String otherType, String otherExample) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().get(path);
        if (item == null || item.getGet() == null) {
            return;
        }
        ModelConverters.getInstance().readAll(javaType).forEach(api.getComponents().getSchemas()::putIfAbsent);
        String name = ModelConverters.getInstance().read(javaType).keySet().stream().findFirst().orElse(javaType.getName());
        Content content = new Content()
                .addMediaType("application/json", new MediaType().schema(new Schema<>().$ref(SCHEMAS + name)))
                .addMediaType(otherType, new MediaType().schema(new StringSchema()).example(otherExample));
        item.getGet().getResponses().put("200", new ApiResponse().description("OK").content(content));
    }

    private static void renameSchemas(OpenAPI api, Collected contract) {
        Map<String, Schema> renamed = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        api.getComponents().getSchemas().forEach((generated, schema) -> {
            String[] named = contract.named(generated);
            String name = named != null ? named[0] : fallbackName(generated);
            names.put(generated, name);
            schema.setName(name);
            if (named != null) {
                schema.setDescription(named[1]);
            }
            renamed.put(name, schema);
        });
        api.getComponents().setSchemas(renamed);
        Consumer<Schema> rewrite = schema -> {
            String ref = schema.get$ref();
            if (ref != null && ref.startsWith(SCHEMAS)) {
                String target = names.get(ref.substring(SCHEMAS.length()));
                if (target != null) {
                    schema.set$ref(SCHEMAS + target);
                }
            }
        };
        renamed.values().forEach(s -> walk(s, rewrite, 0));
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
                if (op.getParameters() != null) {
                    op.getParameters().forEach(p -> walk(p.getSchema(), rewrite, 0));
                }
                if (op.getRequestBody() != null) {
                    walkContent(op.getRequestBody().getContent(), rewrite);
                }
                if (op.getResponses() != null) {
                    op.getResponses().values().forEach(resp -> walkContent(resp.getContent(), rewrite));
                }
            }));
        }
    }

    /** A type no feature named yet: its simple name, so that it shows up and its feature names it. */
    private static String fallbackName(String generated) {
        String simple = generated.substring(generated.lastIndexOf('.') + 1);
        return simple.replace("$", "");
    }

    private static void walkContent(Content content, Consumer<Schema> visit) {
        if (content != null) {
            content.values().forEach(media -> walk(media.getSchema(), visit, 0));
        }
    }

    @SuppressWarnings("unchecked")
    private static void walk(Schema<?> schema, Consumer<Schema> visit, int depth) {
        if (schema == null || depth > 20) {
            return;
        }
        visit.accept(schema);
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> walk(p, visit, depth + 1));
        }
        walk(schema.getItems(), visit, depth + 1);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            walk(additional, visit, depth + 1);
        }
        for (List<Schema> composed : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (composed != null) {
                composed.forEach(c -> walk(c, visit, depth + 1));
            }
        }
    }

    private static Schema<?> problemSchema() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "urn:ledger:problem:invalid-field");
        example.put("title", "Invalid request");
        example.put("status", 400);
        example.put("detail", "one or more fields are invalid");
        example.put("errors", Map.of("email", "must be an email address"));
        return new Schema<Object>().type("object")
                .description("An RFC 9457 problem: a stable type (urn:ledger:problem:<code>), the HTTP status, a"
                        + " detail that names the rule or field and never echoes input, and for invalid fields"
                        + " 'errors' (field -> message).")
                .addProperty("type", new StringSchema().format("uri").description("urn:ledger:problem:<code>"))
                .addProperty("title", new StringSchema().description("A short summary of the problem type"))
                .addProperty("status", new IntegerSchema().format("int32").description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What is wrong, without any input value"))
                .addProperty("errors", new ObjectSchema().additionalProperties(new StringSchema())
                        .description("Field or parameter -> what it must be"))
                .required(List.of("type", "title", "status"))
                .example(example);
    }

    private static final Map<String, String[]> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", new String[] {"BadRequest", "Malformed JSON, an invalid field or parameter (every text"
                + " refuses U+0000 and ill-formed UTF-16; the field is named in errors)", "invalid-field"});
        ERRORS.put("401", new String[] {"Unauthorized", "No valid bearer token", "unauthenticated"});
        ERRORS.put("403", new String[] {"Forbidden", "The caller's role may not do this", "forbidden"});
        ERRORS.put("404", new String[] {"NotFound", "No such member or resource", "not-found"});
        ERRORS.put("406", new String[] {"NotAcceptable", "None of the accepted media types can be produced",
                "not-acceptable"});
        ERRORS.put("409", new String[] {"Conflict", "A conflict: username taken, a legal hold, an erased member",
                "username-taken"});
        ERRORS.put("410", new String[] {"Gone", "The member was erased: consent receipts are no longer given",
                "consent-receipt-gone"});
        ERRORS.put("413", new String[] {"PayloadTooLarge", "The body is larger than allowed", "payload-too-large"});
        ERRORS.put("415", new String[] {"UnsupportedMediaType", "The body is not application/json",
                "unsupported-media-type"});
        ERRORS.put("422", new String[] {"UnprocessableContent", "A rule refuses the request (e.g. a username change)"
                + " or an Idempotency-Key was reused with another body", "username-immutable"});
        ERRORS.put("500", new String[] {"InternalError", "An unexpected error; nothing of it is shown", "internal"});
        ERRORS.put("503", new String[] {"ServiceUnavailable", "The store, the master key or (for an erasure) the"
                + " erasure journal is unavailable; nothing was done; retry after Retry-After", "store-unavailable"});
    }

    private static void errorResponses(Components components) {
        ERRORS.forEach((status, error) -> {
            Map<String, Object> example = new LinkedHashMap<>();
            example.put("type", "urn:ledger:problem:" + error[2]);
            example.put("title", error[0].replaceAll("([a-z])([A-Z])", "$1 $2"));
            example.put("status", Integer.parseInt(status));
            example.put("detail", error[1]);
            components.addResponses(error[0], new ApiResponse().description(error[1]).content(new Content()
                    .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(SCHEMAS + "Problem"))
                            .example(example))));
        });
    }

    /**
     * The errors an operation can answer: every one 400, 401, 403, 406, 500 and 503; 404 with a path
     * variable; 409 and 422 unless it only reads; 413 and 415 with a body; and what its handler declares
     * ({@code @ApiResponse} with a 4xx code). A success other than 200 comes from the handler's
     * {@code @ApiResponse} 2xx, with springdoc's content of the return type.
     */
    static Operation responses(Operation operation, HandlerMethod handler) {
        List<io.swagger.v3.oas.annotations.responses.ApiResponse> declared = new ArrayList<>(
                AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
                        io.swagger.v3.oas.annotations.responses.ApiResponse.class));
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        boolean reads = mapping != null && Arrays.asList(mapping.method()).equals(List.of(RequestMethod.GET));
        boolean pathVariable = Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> p.hasParameterAnnotation(PathVariable.class));
        boolean body = operation.getRequestBody() != null;
        List<String> statuses = new ArrayList<>(List.of("400", "401", "403"));
        if (pathVariable || declared.stream().anyMatch(r -> r.responseCode().equals("404"))) {
            statuses.add("404");
        }
        statuses.add("406");
        if (!reads) {
            statuses.addAll(List.of("409", "422"));
        }
        if (body) {
            statuses.addAll(List.of("413", "415"));
        }
        if (declared.stream().anyMatch(r -> r.responseCode().equals("410"))) {
            statuses.add("410");
        }
        statuses.addAll(List.of("500", "503"));
        ApiResponses generated = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponses responses = new ApiResponses();
        Content content = generated.values().stream().filter(r -> r.getContent() != null).map(ApiResponse::getContent)
                .findFirst().orElse(null);
        List<io.swagger.v3.oas.annotations.responses.ApiResponse> successes = declared.stream()
                .filter(r -> r.responseCode().startsWith("2")).toList();
        if (successes.isEmpty()) {
            generated.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    responses.put(status, response);
                }
            });
        }
        for (io.swagger.v3.oas.annotations.responses.ApiResponse success : successes) {
            responses.put(success.responseCode(), new ApiResponse().description(success.description())
                    .content("204".equals(success.responseCode()) ? null : content));
        }
        for (String status : statuses) {
            responses.put(status, new ApiResponse().$ref("#/components/responses/" + ERRORS.get(status)[0]));
        }
        operation.setResponses(responses);
        return operation;
    }

    /** Examples for a request body and for JSON answers, from the (renamed) schemas. */
    private static void examples(OpenAPI api, Operation operation) {
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().values().forEach(media -> {
                if (media.getExample() == null && media.getSchema() != null) {
                    media.setExample(example(api, media.getSchema(), 0));
                }
            });
        }
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") && response.getContent() != null) {
                response.getContent().forEach((type, media) -> {
                    if (media.getExample() == null && media.getSchema() != null && type.contains("json")) {
                        media.setExample(example(api, media.getSchema(), 0));
                    }
                });
            }
        });
    }

    /** An example value that satisfies the schema, built from its properties. */
    @SuppressWarnings("unchecked")
    static Object example(OpenAPI api, Schema<?> schema, int depth) {
        if (schema == null) {
            return null;
        }
        if (schema.get$ref() != null) {
            Schema<?> target = api.getComponents().getSchemas().get(schema.get$ref().substring(SCHEMAS.length()));
            if (target == null) {
                return null;
            }
            return target.getExample() != null ? target.getExample() : depth > 6 ? null : example(api, target, depth + 1);
        }
        if (schema.getExample() != null) {
            return schema.getExample();
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return schema.getEnum().get(0);
        }
        String type = schema.getType() != null ? schema.getType()
                : schema.getTypes() != null && !schema.getTypes().isEmpty() ? schema.getTypes().iterator().next() : null;
        String format = schema.getFormat();
        if (schema.getProperties() != null) {
            Map<String, Object> object = new LinkedHashMap<>();
            schema.getProperties().forEach((name, property) -> {
                boolean plain = property.get$ref() == null && property.getEnum() == null
                        && (property.getItems() == null || property.getItems().get$ref() == null)
                        && !(property.getAdditionalProperties() instanceof Schema<?>);
                Object value = PROPERTY_EXAMPLES.containsKey(name) && plain ? PROPERTY_EXAMPLES.get(name)
                        : example(api, property, depth + 1);
                if (value != null) {
                    object.put(name, value);
                }
            });
            return object;
        }
        if ("array".equals(type) || schema instanceof ArraySchema) {
            Object item = example(api, schema.getItems(), depth + 1);
            return item == null ? List.of() : List.of(item);
        }
        if ("object".equals(type)) {
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                Object value = example(api, values, depth + 1);
                return value == null ? Map.of() : Map.of("newsletter", value);
            }
            return Map.of();
        }
        if ("integer".equals(type)) {
            return schema.getMinimum() != null ? schema.getMinimum().longValue() : 1;
        }
        if ("number".equals(type)) {
            return 1.5;
        }
        if ("boolean".equals(type)) {
            return true;
        }
        if ("string".equals(type)) {
            if ("uuid".equals(format)) {
                return "3f1c2a9e-6b1d-4c55-9a57-0c3e4b2d7f10";
            }
            if ("date-time".equals(format)) {
                return "2026-01-31T09:30:00Z";
            }
            if ("date".equals(format)) {
                return "2027-01-31";
            }
            if ("email".equals(format)) {
                return "ada@example.org";
            }
            if ("byte".equals(format)) {
                return "AAEC";
            }
            return "text";
        }
        return null;
    }
}
