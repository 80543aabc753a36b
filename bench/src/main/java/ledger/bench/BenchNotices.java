package ledger.bench;

import java.util.stream.Collectors;

import ledger.api.support.Api;

/**
 * The notice versions the benchmarks' consents name. A consent repeated under the version it
 * already rests on records nothing, so the load gives consent under one of {@link #COUNT}
 * registered versions in turn: as before the registry existed, nearly every consent is a new
 * event. Registering them again (another node on the same database) records nothing. They take effect
 * at the very instant the policy's version does: a version is superseded only by a later one in effect
 * (issue 31), so none of them, nor the policy's, supersedes another.
 */
final class BenchNotices {

    static final int COUNT = 50;

    private BenchNotices() {
    }

    static String version(long n) {
        return "bench-" + Math.floorMod(n, COUNT);
    }

    /** Registers the versions (same terms as the policy of 2019-01-05) through the DPM's endpoint. */
    static void register(int port) {
        Api dpm = new Api(port).as("bench-dpm-token");
        for (int i = 0; i < COUNT; i++) {
            int status = dpm.post("/api/v1/notices", body(version(i))).status();
            if (status != 201 && status != 200) {
                throw new IllegalStateException("registering the bench notice " + version(i) + " answered " + status);
            }
        }
    }

    private static String body(String version) {
        String purposes = java.util.Map.of(
                "portal-membership", "To offer you as a reseller or partner updated information, documentation and"
                        + " download files through the partner portal.",
                "newsletter", "Marketing and information (newsletter).").entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":{\"description\":\"" + e.getValue()
                        + "\",\"legalBasis\":\"Consent (GDPR Art. 6(1)(a))\"}")
                .collect(Collectors.joining(","));
        return "{\"version\":\"" + version + "\",\"language\":\"en\",\"url\":\"https://www.zesec.com/privacy-policy/\","
                + "\"text\":\"Benchmark notice " + version + "\",\"effectiveFrom\":\"2019-01-05T00:00:00Z\","
                + "\"purposes\":{" + purposes + "},\"retention\":\"three months after the membership ends\","
                + "\"recipients\":[]}";
    }
}
