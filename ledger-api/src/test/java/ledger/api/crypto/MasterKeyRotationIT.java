package ledger.api.crypto;

import ledger.api.infrastructure.crypto.MasterKeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import ledger.api.LedgerApplication;
import ledger.api.support.Api;
import ledger.core.crypto.AesGcm;
import ledger.core.member.MemberRegistered;

/**
 * Rotating the master key re-wraps every data key and touches no event; afterwards the old key
 * is no longer needed to read the members' data.
 */
class MasterKeyRotationIT {

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start(String... keys) {
        List<String> args = new java.util.ArrayList<>(List.of("--server.port=0",
                "--ledger.embedded-postgres.data-dir=" + dir.resolve("pg")));
        args.addAll(List.of(keys));
        return SpringApplication.run(LedgerApplication.class, args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void rotation_rewraps_every_data_key_without_touching_an_event() {
        String oldKey = Base64.getEncoder().encodeToString(AesGcm.newKey());
        String newKey = Base64.getEncoder().encodeToString(AesGcm.newKey());
        String username = Api.uniqueUsername();
        UUID member;
        List<byte[]> eventsBefore;
        try (ConfigurableApplicationContext first = start("--ledger.master-key=" + oldKey)) {
            member = new Api(port(first)).register(username);
            eventsBefore = first.getBean(JdbcTemplate.class).queryForList("SELECT payload FROM domain_event_entry"
                    + " ORDER BY global_index", byte[].class);
        }
        try (ConfigurableApplicationContext rotating = start("--ledger.master-key=" + newKey,
                "--ledger.previous-master-keys=" + oldKey)) {
            JdbcTemplate jdbc = rotating.getBean(JdbcTemplate.class);
            String newId = rotating.getBean(MasterKeys.class).currentId();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE kek_id <> ?", Integer.class, newId))
                    .isPositive();
            Api.Response rotated = new Api(port(rotating)).as(Api.ADMIN).post("/api/v1/admin/master-key/rotation", null);
            assertThat(rotated.status()).isEqualTo(200);
            assertThat(rotated.json().get("rewrapped").asLong()).isPositive();
            assertThat(rotated.json().get("remaining").asLong()).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM data_key WHERE kek_id IS NOT NULL AND kek_id <> ?",
                    Integer.class, newId)).isZero();
            List<byte[]> eventsAfter = jdbc.queryForList("SELECT payload FROM domain_event_entry ORDER BY global_index",
                    byte[].class);
            assertThat(eventsAfter).hasSameSizeAs(eventsBefore);
            for (int i = 0; i < eventsBefore.size(); i++) {
                assertThat(eventsAfter.get(i)).as("event %d untouched", i).isEqualTo(eventsBefore.get(i));
            }
        }
        try (ConfigurableApplicationContext onlyNew = start("--ledger.master-key=" + newKey)) {
            MemberRegistered registered = (MemberRegistered) onlyNew.getBean(EventStore.class)
                    .readEvents(member.toString(), 0).next().getPayload();
            assertThat(registered.username()).as("readable with the new master key alone").isEqualTo(username);
        }
    }
}
