package ledger.api.support;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.JdbcTemplate;

import ledger.core.member.DocumentDownloaded;
import ledger.projections.history.MemberHistoryProjection;
import ledger.projections.member.MemberViewProjection;
import ledger.projections.member.MemberViewRepository;

/**
 * A second handler in the member view's processing group that, for a download of a document
 * named {@code fail-once-...}, first writes through the Micronaut repository and then throws, once.
 * If the write were not rolled back with the failed batch, the member view would count it.
 * A document named {@code poison-...} is a poison event until {@link #cure} is called: the handler
 * writes, then runs a statement PostgreSQL fails (division by zero), which aborts the transaction.
 */
@TestComponent
@ProcessingGroup(MemberViewProjection.NAME)
public class FaultInjection {

    public static final String FAIL_ONCE = "fail-once-";
    public static final String POISON = "poison-";

    private final MemberViewRepository rows;
    private final Set<UUID> failed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger attempts = new AtomicInteger();
    private final java.util.Map<UUID, AtomicInteger> handled = new ConcurrentHashMap<>();
    private final Set<String> cured = ConcurrentHashMap.newKeySet();
    private final JdbcTemplate jdbc;

    public FaultInjection(MemberViewRepository rows, JdbcTemplate jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(DocumentDownloaded event) {
        handled.computeIfAbsent(event.memberId().value(), m -> new AtomicInteger()).incrementAndGet();
        if (event.documentId() != null && event.documentId().startsWith(POISON) && !cured.contains(event.documentId())) {
            rows.countDownload(event.memberId().value());
            jdbc.queryForObject("SELECT 1 / (SELECT count(*) FROM member_view WHERE false)", Integer.class);
        }
        if (event.documentId() == null || !event.documentId().startsWith(FAIL_ONCE)) {
            return;
        }
        attempts.incrementAndGet();
        if (failed.add(event.memberId().value())) {
            rows.countDownload(event.memberId().value());
            throw new IllegalStateException("injected projection failure");
        }
    }

    /** The bug behind a poison document is fixed: its events are handled from now on. */
    public void cure(String documentId) {
        cured.add(documentId);
    }

    public int attempts() {
        return attempts.get();
    }

    /** How often a handler of the member view's group was given one of the member's downloads. */
    public int downloadsHandled(UUID member) {
        AtomicInteger count = handled.get(member);
        return count == null ? 0 : count.get();
    }

    /**
     * The same kind of poison in the member history's processing group, which shares the member
     * view's processor: a download of a document named {@code history-poison-...} writes a history
     * row, then fails PostgreSQL's statement.
     */
    @TestComponent
    @ProcessingGroup(MemberHistoryProjection.NAME)
    public static class InMemberHistory {

        public static final String POISON = "history-poison-";

        private final JdbcTemplate jdbc;

        public InMemberHistory(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @EventHandler
        void on(DocumentDownloaded event, @SequenceNumber long sequence) {
            if (event.documentId() != null && event.documentId().startsWith(POISON)) {
                jdbc.update("INSERT INTO member_history (member_id, seq, type, at, actor_principal, actor_role, details)"
                        + " VALUES (?, ?, 'Injected', now(), 'test', 'TEST', '{}') ON CONFLICT DO NOTHING",
                        event.memberId().value(), sequence + 1_000_000);
                jdbc.queryForObject("SELECT 1 / (SELECT count(*) FROM member_history WHERE false)", Integer.class);
            }
        }
    }
}
