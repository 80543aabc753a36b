package ledger.api.infrastructure.keyvault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;

/**
 * A base backup or disk snapshot holds the database's files byte for byte, free space included.
 * Members registered with unique markers, edited (old row versions) and erased amid concurrent
 * commands: after a CHECKPOINT no file of any table or index of the database (catalogs, TOAST and
 * indexes included) holds a marker's bytes.
 */
class FreeSpaceIT extends IntegrationTest {

    @Test
    void no_plaintext_byte_of_an_erased_member_is_left_in_any_page_of_the_database() throws Exception {
        List<String> markers = new ArrayList<>();
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String marker = "Fs" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
            Api.Response registered = api().post("/api/v1/members", Api.registration("user" + marker, marker));
            assertThat(registered.status()).isEqualTo(201);
            UUID member = UUID.fromString(registered.json().get("memberId").asText());
            // an edit leaves the earlier row versions of the view behind
            assertThat(api().patch("/api/v1/members/" + member + "/profile",
                    "{\"company\":\"Edited" + marker + "\",\"email\":\"edited" + marker + "@example.org\"}").status())
                    .isEqualTo(200);
            markers.add(marker);
            members.add(member);
        }
        awaitMemberViews(members);

        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService background = Executors.newFixedThreadPool(2);
        List<Future<?>> load = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            load.add(background.submit(() -> {
                UUID other = api().register(Api.uniqueUsername());
                while (!stop.get()) {
                    api().post("/api/v1/members/" + other + "/downloads", "{\"documentId\":\"doc\"}");
                    api().get("/api/v1/members/" + other);
                }
                return null;
            }));
        }
        try {
            for (UUID member : members) {
                assertThat(api().as(Api.DPM).post("/api/v1/members/" + member + "/erasure",
                        "{\"ground\":\"MEMBER_REQUEST\"}").status()).isEqualTo(200);
            }
        } finally {
            stop.set(true);
            for (Future<?> f : load) {
                f.get();
            }
            background.shutdown();
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            jdbc.execute("CHECKPOINT");
            assertThat(filesHolding(markers)).as("database files with an erased member's bytes").isEmpty();
        });
    }

    private void awaitMemberViews(List<UUID> members) {
        await().atMost(Duration.ofSeconds(20)).until(() -> members.stream()
                .allMatch(m -> api().get("/api/v1/members/" + m).status() == 200));
    }

    /** Every file of every relation with storage in this database (all segments and forks), searched byte for byte. */
    private List<String> filesHolding(List<String> markers) throws IOException {
        Path data = Path.of(jdbc.queryForObject("SHOW data_directory", String.class));
        List<String> relations = jdbc.queryForList("SELECT c.relname || ' ' || pg_relation_filepath(c.oid)"
                + " FROM pg_class c WHERE pg_relation_filepath(c.oid) IS NOT NULL", String.class);
        List<String> hits = new ArrayList<>();
        for (String relation : relations) {
            String name = relation.substring(0, relation.indexOf(' '));
            Path base = data.resolve(relation.substring(relation.indexOf(' ') + 1));
            try (var files = Files.list(base.getParent())) {
                for (Path file : files.filter(f -> f.getFileName().toString().equals(base.getFileName().toString())
                        || f.getFileName().toString().startsWith(base.getFileName() + ".")).toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    for (String marker : markers) {
                        if (contains(bytes, marker.getBytes(StandardCharsets.UTF_8))) {
                            hits.add(name + " (" + file.getFileName() + "): " + marker);
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
