package ledger.api.automation;

import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ledger.api.infrastructure.scheduling.OncePerDatabase;
import ledger.core.member.ArmInactivityClock;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/**
 * Once per database, at start: members active in the member view without an inactivity deadline
 * (registered before use was tracked, or while the rule was off) get one, from now: use is known only
 * from when it is recorded. One node at a time (an advisory lock); done once it ran to its end
 * ({@code ledger_once}). Linear: every scheduled inactivity deadline is read once and the member ids it
 * names collected (its serialized data holds them as text), never a scan per member.
 */
@Component
class InactivityClockBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InactivityClockBackfill.class);
    private static final long LOCK = 0x1ed9e7_1ac71L;
    static final String ONCE = "inactivity-clock-backfill";
    private static final java.util.regex.Pattern UUID_TEXT = java.util.regex.Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final RetentionPolicy retention;

    InactivityClockBackfill(JdbcTemplate jdbc, CommandGateway commands, RetentionPolicy retention) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.retention = retention;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (retention.inactivity() == null) {
            return;
        }
        int armed = OncePerDatabase.run(jdbc, ONCE, LOCK, this::armAll);
        if (armed > 0) {
            log.info("Armed the inactivity deadline of {} members who had none", armed);
        }
    }

    /** Members active in the member view whose id no scheduled inactivity deadline names. */
    int armAll() {
        java.util.Set<String> covered = new java.util.HashSet<>();
        jdbc.query("SELECT task_data FROM scheduled_tasks WHERE position(convert_to('membership-inactivity', 'UTF8')"
                + " in task_data) > 0", rs -> {
                    var ids = UUID_TEXT.matcher(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1));
                    while (ids.find()) {
                        covered.add(ids.group());
                    }
                });
        int armed = 0;
        for (UUID member : jdbc.queryForList("SELECT member_id FROM member_view WHERE status = 'ACTIVE'", UUID.class)) {
            if (covered.contains(member.toString())) {
                continue;
            }
            Boolean done = commands.sendAndWait(new ArmInactivityClock(MemberId.of(member), Actor.SYSTEM));
            armed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return armed;
    }
}
