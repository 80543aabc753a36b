package ledger.api.automation;

import java.util.List;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ledger.core.member.ArmInactivityClock;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;
import ledger.core.shared.RetentionPolicy;

/**
 * At start, members active in the member view without an inactivity deadline (registered before use was
 * tracked, or while the rule was off) get one, from now: use is known only from when it is recorded.
 * One node at a time (an advisory lock); a member found twice gets one deadline more, which fires
 * harmlessly (it re-arms or finds the membership ended).
 */
@Component
class InactivityClockBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InactivityClockBackfill.class);
    private static final long LOCK = 0x1ed9e7_1ac71L;

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
        int armed = jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (var lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, LOCK);
                try (var rs = lock.executeQuery()) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        return 0;
                    }
                }
            }
            try {
                return armAll();
            } finally {
                try (var unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, LOCK);
                    unlock.execute();
                }
            }
        });
        if (armed > 0) {
            log.info("Armed the inactivity deadline of {} members who had none", armed);
        }
    }

    /** Members active in the member view whose id no scheduled inactivity deadline names. */
    int armAll() {
        List<UUID> members = jdbc.queryForList("SELECT v.member_id FROM member_view v WHERE v.status = 'ACTIVE'"
                + " AND NOT EXISTS (SELECT 1 FROM scheduled_tasks t WHERE position(convert_to('membership-inactivity',"
                + " 'UTF8') in t.task_data) > 0 AND position(convert_to(v.member_id::text, 'UTF8') in t.task_data) > 0)",
                UUID.class);
        int armed = 0;
        for (UUID member : members) {
            Boolean done = commands.sendAndWait(new ArmInactivityClock(MemberId.of(member), Actor.SYSTEM));
            armed += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return armed;
    }
}
