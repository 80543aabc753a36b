package ledger.api.support;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.test.context.TestComponent;

import ledger.core.member.DocumentDownloaded;
import ledger.projections.member.MemberViewProjection;
import ledger.projections.member.MemberViewRepository;

/**
 * A second handler in the member view's processing group that, for a download of a document
 * named {@code fail-once-...}, first writes through the Micronaut repository and then throws, once.
 * If the write were not rolled back with the failed batch, the member view would count it.
 */
@TestComponent
@ProcessingGroup(MemberViewProjection.NAME)
public class FaultInjection {

    public static final String FAIL_ONCE = "fail-once-";

    private final MemberViewRepository rows;
    private final Set<UUID> failed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger attempts = new AtomicInteger();

    public FaultInjection(MemberViewRepository rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(DocumentDownloaded event) {
        if (event.documentId() == null || !event.documentId().startsWith(FAIL_ONCE)) {
            return;
        }
        attempts.incrementAndGet();
        if (failed.add(event.memberId().value())) {
            rows.countDownload(event.memberId().value());
            throw new IllegalStateException("injected projection failure");
        }
    }

    public int attempts() {
        return attempts.get();
    }
}
