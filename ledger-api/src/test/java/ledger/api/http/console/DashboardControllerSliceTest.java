package ledger.api.http.console;

import static ledger.api.http.console.ConsoleCallers.auditor;
import static ledger.api.http.console.ConsoleCallers.dpm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.ledger.LogVerification;
import ledger.core.member.FindDashboard;
import ledger.core.request.FindRequests;
import ledger.core.request.RequestFilter;
import ledger.projections.member.MemberViewProjection.Dashboard;
import ledger.projections.request.RequestProjection.Requests;
import ledger.projections.request.RequestRow;

@ConsoleSlice(DashboardController.class)
@MockitoBean(types = {QueryGateway.class, LogVerification.class, Clock.class})
class DashboardControllerSliceTest {

    private static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    QueryGateway queries;

    @Autowired
    LogVerification verification;

    @Autowired
    Clock clock;

    private final RequestRow open = request(UUID.fromString("a1b2c3d4-0000-4000-8000-000000000001"),
            NOW.plus(Duration.ofDays(20)));
    private final RequestRow overdue = request(UUID.fromString("e5f6a7b8-0000-4000-8000-000000000002"),
            NOW.minus(Duration.ofDays(2)));
    private final UUID heldMember = UUID.fromString("0f0f0f0f-0000-4000-8000-000000000003");
    private final Dashboard dashboard = new Dashboard(
            List.of(new Dashboard.DueErasure(heldMember, NOW.plus(Duration.ofDays(12)), true)),
            List.of(new Dashboard.Hold(heldMember, UUID.randomUUID(), "LEGAL_CLAIMS", NOW.minus(Duration.ofDays(1)),
                    LocalDate.of(2026, 6, 1))));

    @BeforeEach
    void stubs() {
        when(clock.instant()).thenReturn(NOW);
        when(queries.query(any(), any(ResponseType.class))).thenAnswer(call -> {
            Object query = call.getArgument(0);
            if (query instanceof FindRequests find) {
                return CompletableFuture.completedFuture(new Requests(switch (find.filter()) {
                    case OPEN -> List.of(open, overdue);
                    case OVERDUE -> List.of(overdue);
                    default -> List.of();
                }));
            }
            if (query instanceof FindDashboard) {
                return CompletableFuture.completedFuture(dashboard);
            }
            throw new AssertionError("unexpected query " + query);
        });
    }

    @Test
    void the_dpm_sees_requests_by_deadline_erasures_due_holds_and_the_last_verification() throws Exception {
        when(verification.latest()).thenReturn(Optional.of(
                new LogVerification.Result(LogVerification.Status.OK, 42, NOW.minus(Duration.ofHours(1)), null)));
        mvc.perform(get("/console/dashboard").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(view().name("console/dashboard"))
                .andExpect(model().attribute("open", List.of(open, overdue)))
                .andExpect(model().attribute("dueSoon", List.of()))
                .andExpect(model().attribute("overdue", List.of(overdue)))
                .andExpect(model().attribute("erasuresDue", dashboard.erasuresDue()))
                .andExpect(model().attribute("holds", dashboard.legalHolds()))
                .andExpect(model().attribute("horizonDays", 30L))
                .andExpect(content().string(containsString("<span class=\"count\" id=\"count-open\">2</span>")))
                .andExpect(content().string(containsString("/console/requests/e5f6a7b8-0000-4000-8000-000000000002")))
                .andExpect(content().string(containsString("yes: deferred")))
                .andExpect(content().string(containsString("<strong>Intact</strong>")))
                .andExpect(content().string(containsString("<strong id=\"signed-in-as\">static:DPM#1</strong>")));

        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(queries, atLeastOnce()).query(sent.capture(), any(ResponseType.class));
        assertThat(sent.getAllValues()).containsExactlyInAnyOrder(
                new FindRequests(RequestFilter.OPEN, NOW, 50),
                new FindRequests(RequestFilter.DUE_SOON, NOW, 50),
                new FindRequests(RequestFilter.OVERDUE, NOW, 50),
                new FindDashboard(NOW.plus(Duration.ofDays(30)), 50));
    }

    @Test
    void before_any_verification_the_dashboard_says_none_has_run() throws Exception {
        when(verification.latest()).thenReturn(Optional.empty());
        mvc.perform(get("/console/dashboard").with(dpm()))
                .andExpect(status().isOk())
                .andExpect(model().attribute("verification", (Object) null))
                .andExpect(content().string(containsString("No verification has run yet.")));
    }

    @Test
    void the_auditor_may_not_see_the_dashboard_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/console/dashboard").with(auditor()))
                .andExpect(status().isForbidden());
        verifyNoInteractions(queries, verification);
    }

    @Test
    void without_a_session_the_dashboard_sends_to_the_sign_in_page_and_nothing_is_queried() throws Exception {
        mvc.perform(get("/console/dashboard"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/console/sign-in"));
        verifyNoInteractions(queries, verification);
    }

    private static RequestRow request(UUID id, Instant dueAt) {
        return new RequestRow(id, UUID.randomUUID(), "ACCESS", dueAt.minus(Duration.ofDays(30)), dueAt, false, null,
                null, null, null, null, null, null, null, null, null, null);
    }
}
