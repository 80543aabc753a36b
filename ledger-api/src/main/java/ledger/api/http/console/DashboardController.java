package ledger.api.http.console;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import ledger.api.application.ledger.LogVerification;
import ledger.api.configuration.LedgerProperties;
import ledger.core.member.FindDashboard;
import ledger.core.request.FindRequests;
import ledger.core.request.RequestFilter;
import ledger.projections.member.MemberViewProjection.Dashboard;
import ledger.projections.request.RequestProjection.Requests;
import ledger.projections.request.RequestRow;

/** The DPM's dashboard: requests by deadline, erasures falling due, legal holds, the ledger's last check. */
@Controller
class DashboardController {

    private final QueryGateway queries;
    private final LogVerification verification;
    private final LedgerProperties properties;
    private final Clock clock;

    DashboardController(QueryGateway queries, LogVerification verification, LedgerProperties properties, Clock clock) {
        this.queries = queries;
        this.verification = verification;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/console/dashboard")
    String dashboard(Model model) {
        Instant now = clock.instant();
        int limit = properties.console().pageSize();
        model.addAttribute("transfersOutsideEea", properties.register().transfersOutsideEea());
        model.addAttribute("processorsWithoutAgreement", properties.register().processorsWithoutAgreementDate());
        model.addAttribute("open", requests(RequestFilter.OPEN, now, limit));
        model.addAttribute("dueSoon", requests(RequestFilter.DUE_SOON, now, limit));
        model.addAttribute("overdue", requests(RequestFilter.OVERDUE, now, limit));
        Instant horizon = now.atOffset(ZoneOffset.UTC).plus(properties.console().erasureHorizon()).toInstant();
        Dashboard dashboard = queries.query(new FindDashboard(horizon, limit), ResponseTypes.instanceOf(Dashboard.class))
                .join();
        model.addAttribute("erasuresDue", dashboard.erasuresDue());
        model.addAttribute("holds", dashboard.legalHolds());
        model.addAttribute("horizonDays", java.time.Duration.between(now, horizon).toDays());
        model.addAttribute("verification", verification.latest().orElse(null));
        model.addAttribute("fmt", new Readable());
        return "console/dashboard";
    }

    private List<RequestRow> requests(RequestFilter filter, Instant now, int limit) {
        return queries.query(new FindRequests(filter, now, limit), ResponseTypes.instanceOf(Requests.class)).join()
                .entries();
    }
}
