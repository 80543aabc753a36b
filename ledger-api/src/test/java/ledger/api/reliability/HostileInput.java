package ledger.api.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates malformed or hostile requests, each of which breaks the contract somewhere: wrong
 * types, huge strings, invalid UTF-8, deep JSON, SQL and script fragments in constrained fields,
 * unknown fields, duplicate keys, trailing data, wrong media types. Seeded, so a failure replays.
 */
final class HostileInput {

    record Request(String method, String path, byte[] body, String contentType, String kind) {
    }

    private static final List<String> FRAGMENTS = List.of("'; DROP TABLE domain_event_entry; --",
            "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "../../etc/passwd", "%00", "\\u0000",
            "{{7*7}}", "' UNION SELECT wrapped_key FROM data_key --", "\u202Eevil", "Robert'); DELETE FROM data_key;--");

    private final Random random;
    private final UUID member;

    HostileInput(long seed, UUID member) {
        this.random = new Random(seed);
        this.member = member;
    }

    Request next() {
        return switch (random.nextInt(12)) {
            case 0 -> json("POST", "/api/v1/members", truncate(registration()), "truncated JSON");
            case 1 -> json("POST", "/api/v1/members", registration().replace("\"Ada\"", wrongType()), "wrong type");
            case 2 -> json("POST", "/api/v1/members/" + member + "/downloads",
                    "{\"documentId\":\"" + "x".repeat(201 + random.nextInt(80_000)) + "\"}", "huge string");
            case 3 -> new Request("POST", "/api/v1/members/" + member + "/downloads", invalidUtf8(), "application/json",
                    "invalid UTF-8");
            case 4 -> json("POST", "/api/v1/members/" + member + "/consents", deep(), "deep JSON");
            case 5 -> json("POST", "/api/v1/members", registration().replace("ada_lovelace", fragment()),
                    "fragment in username");
            case 6 -> json("POST", "/api/v1/members/" + member + "/consents",
                    "{\"purpose\":\"" + escape(fragment()) + "\",\"policyVersion\":\"2019-01-05\"}", "fragment in purpose");
            case 7 -> json("POST", "/api/v1/members", registration().replace("\"consents\"",
                    "\"" + escape(fragment()) + "\":true,\"consents\""), "unknown field");
            case 8 -> json("PATCH", "/api/v1/members/" + member + "/profile",
                    "{\"email\":\"" + escape(fragment()) + "\"}", "fragment in email");
            case 9 -> json("POST", "/api/v1/members/" + member + "/membership-end",
                    "{\"reason\":\"" + escape(fragment()) + "\"}", "fragment in enum");
            case 10 -> new Request("POST", "/api/v1/members/" + member + "/downloads",
                    "documentId=x".getBytes(StandardCharsets.UTF_8),
                    random.nextBoolean() ? "text/plain" : "application/x-www-form-urlencoded", "wrong media type");
            default -> json("POST", "/api/v1/contact-cases", switch (random.nextInt(3)) {
                case 0 -> "{\"name\":\"a\",\"name\":\"b\",\"email\":\"a@b.org\",\"message\":\"m\"}";
                case 1 -> "{\"name\":\"a\",\"email\":\"a@b.org\",\"message\":\"m\"} trailing";
                default -> "{\"name\":\"a\",\"email\":\"" + escape(fragment()) + "\",\"message\":\"m\"}";
            }, "duplicate key, trailing data or bad email");
        };
    }

    private Request json(String method, String path, String body, String kind) {
        return new Request(method, path, body.getBytes(StandardCharsets.UTF_8), "application/json", kind);
    }

    private static String registration() {
        return "{\"username\":\"ada_lovelace\",\"givenName\":\"Ada\",\"familyName\":\"Lovelace\",\"company\":\"AE\","
                + "\"email\":\"ada@example.org\",\"consents\":[{\"purpose\":\"portal-membership\",\"policyVersion\":\"2019-01-05\"}]}";
    }

    private String truncate(String body) {
        return body.substring(0, 1 + random.nextInt(body.length() - 2));
    }

    private String wrongType() {
        return switch (random.nextInt(5)) {
            case 0 -> String.valueOf(random.nextInt());
            case 1 -> "[\"Ada\"]";
            case 2 -> "{\"first\":\"Ada\"}";
            case 3 -> "true";
            default -> "1.5e300";
        };
    }

    private byte[] invalidUtf8() {
        byte[] prefix = "{\"documentId\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xA0, (byte) 0xA1};
        byte[] suffix = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, body, 0, prefix.length);
        System.arraycopy(bad, random.nextInt(3), body, prefix.length, bad.length - 2);
        System.arraycopy(suffix, 0, body, prefix.length + bad.length, suffix.length);
        return body;
    }

    private String deep() {
        int depth = 1_001 + random.nextInt(20_000);
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private String fragment() {
        return FRAGMENTS.get(random.nextInt(FRAGMENTS.size()));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
