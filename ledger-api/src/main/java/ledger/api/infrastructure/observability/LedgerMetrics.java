package ledger.api.infrastructure.observability;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import ledger.api.application.operations.DeadLetters;
import ledger.api.application.operations.ProjectionReplay;
import ledger.core.contactcase.ContactCaseErased;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.MemberErased;
import ledger.core.request.CountOverdueRequests;
import ledger.core.shared.Actor;

/**
 * The ledger's own metrics: erasures (counted live, on the node that erased: this handler runs
 * in a subscribing processor, never in a replay), each event processor's lag in events behind
 * the head of the event store, dead letters, and data-subject requests open past their deadline
 * (Art. 12(3)). Tags are closed vocabularies, never personal data.
 */
@Component
@ProcessingGroup(LedgerMetrics.NAME)
class LedgerMetrics {

    static final String NAME = "ledger-metrics";

    private final MeterRegistry registry;
    private final ProjectionReplay processors;
    private final DeadLetters deadLetters;
    private final QueryGateway queries;
    private final Clock clock;

    LedgerMetrics(MeterRegistry registry, ProjectionReplay processors, DeadLetters deadLetters, QueryGateway queries,
                  Clock clock) {
        this.registry = registry;
        this.processors = processors;
        this.deadLetters = deadLetters;
        this.queries = queries;
        this.clock = clock;
    }

    @EventHandler
    void on(MemberErased event) {
        erasures("member", event.ground().name(), Actor.SYSTEM.equals(event.by())).increment();
    }

    @EventHandler
    void on(ContactCaseErased event) {
        String ground = event.ground() == ErasureGround.RESTORED_BACKUP ? event.ground().name()
                : Actor.SYSTEM.equals(event.by()) ? "RETENTION_EXPIRED" : "REQUEST";
        erasures("contact-case", ground, Actor.SYSTEM.equals(event.by())).increment();
    }

    private Counter erasures(String subject, String ground, boolean automatic) {
        return Counter.builder("ledger.erasures")
                .description("Erasures carried out (key shredded, read models purged)")
                .tag("subject", subject).tag("ground", ground).tag("automatic", Boolean.toString(automatic))
                .register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerLagGauges() {
        // one gauge per processor; read models that share one (member view, member history) share its lag
        Set<String> seen = new HashSet<>();
        for (ProjectionReplay.Status status : processors.statuses()) {
            if (!seen.add(status.processor())) {
                continue;
            }
            String name = status.name();
            Gauge.builder("ledger.processor.lag.events", () -> {
                        ProjectionReplay.Status now = processors.status(name);
                        return Math.max(0, now.head() - now.position());
                    })
                    .description("Events stored but not yet processed by this node's segments of the processor")
                    .tag("processor", status.processor())
                    .register(registry);
        }
        Gauge.builder("ledger.requests.overdue", () -> queries.query(new CountOverdueRequests(clock.instant()),
                        ResponseTypes.instanceOf(Long.class)).join())
                .description("Data-subject requests open past their deadline (Art. 12(3))")
                .register(registry);
        for (String group : deadLetters.groupNames()) {
            Gauge.builder("ledger.dead.letters", () -> deadLetters.count(group))
                    .description("Poison events parked in the processing group's dead-letter queue")
                    .tag("processing_group", group)
                    .register(registry);
        }
    }
}
