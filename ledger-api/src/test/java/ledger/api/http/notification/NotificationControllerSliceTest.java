package ledger.api.http.notification;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import ledger.api.application.notification.NotificationOutbox;
import ledger.api.http.WebSlice;
import ledger.api.http.support.PageLimit;

/** The DPM's view of the Art. 19 notifications to recipients and their deliveries. */
@WebSlice(NotificationController.class)
@Import(PageLimit.class)
@MockitoBean(types = NotificationOutbox.class)
class NotificationControllerSliceTest {

    private static final String PORTAL = "Bearer dev-portal-token";
    private static final String AUDITOR = "Bearer dev-auditor-token";
    private static final String DPM = "Bearer dev-dpm-token";
    private static final String ADMIN = "Bearer dev-admin-token";

    private static final UUID NOTIFICATION = UUID.fromString("5e0c2d4a-6b7c-4d8e-9f01-23456789abcd");
    private static final UUID MEMBER = UUID.fromString("8a7b6c5d-4e3f-4a1b-8c2d-3e4f5a6b7c8d");
    private static final Instant CREATED = Instant.parse("2026-04-02T10:00:00Z");

    @Autowired
    MockMvc mvc;

    @Autowired
    NotificationOutbox outbox;

    private static NotificationOutbox.Notification delivered() {
        return new NotificationOutbox.Notification(NOTIFICATION, "crm", MEMBER, "ERASURE", List.of("email", "name"),
                12, CREATED, NotificationOutbox.Status.DELIVERED, 2, null, Instant.parse("2026-04-02T10:05:00Z"));
    }

    @Test
    void the_dpm_lists_a_members_delivered_notifications_with_a_limit() throws Exception {
        when(outbox.list(MEMBER, NotificationOutbox.Status.DELIVERED, 5)).thenReturn(List.of(delivered()));

        mvc.perform(get("/api/v1/notifications").header("Authorization", DPM)
                        .param("memberId", MEMBER.toString()).param("status", "delivered").param("limit", "5"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].notificationId").value(NOTIFICATION.toString()))
                .andExpect(jsonPath("$[0].recipient").value("crm"))
                .andExpect(jsonPath("$[0].memberId").value(MEMBER.toString()))
                .andExpect(jsonPath("$[0].kind").value("ERASURE"))
                .andExpect(jsonPath("$[0].fields[1]").value("name"))
                .andExpect(jsonPath("$[0].eventSeq").value(12))
                .andExpect(jsonPath("$[0].status").value("DELIVERED"))
                .andExpect(jsonPath("$[0].attempts").value(2))
                .andExpect(jsonPath("$[0].acknowledgedAt").value("2026-04-02T10:05:00Z"));
        verify(outbox).list(MEMBER, NotificationOutbox.Status.DELIVERED, 5);
    }

    @Test
    void without_filters_the_dpm_lists_one_default_page_of_every_notification() throws Exception {
        when(outbox.list(null, null, 1000)).thenReturn(List.of());

        mvc.perform(get("/api/v1/notifications").header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isEmpty());
        verify(outbox).list(null, null, 1000);
    }

    @Test
    void an_unknown_status_is_refused_naming_the_parameter_and_its_values() throws Exception {
        mvc.perform(get("/api/v1/notifications").header("Authorization", DPM).param("status", "sent"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.status").value("status must be one of: pending, delivered, failed"));
        verifyNoInteractions(outbox);
    }

    @Test
    void a_member_id_that_is_no_uuid_or_a_limit_of_zero_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(get("/api/v1/notifications").header("Authorization", DPM).param("memberId", "ada"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.memberId").value("must be a UUID"));
        mvc.perform(get("/api/v1/notifications").header("Authorization", DPM).param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.limit").exists());
        verify(outbox, never()).list(any(), any(), anyInt());
    }

    @Test
    void an_auditor_may_not_list_notifications() throws Exception {
        mvc.perform(get("/api/v1/notifications").header("Authorization", AUDITOR))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(outbox);
    }

    @Test
    void the_dpm_reads_one_notification_with_every_delivery_attempt() throws Exception {
        when(outbox.find(NOTIFICATION)).thenReturn(Optional.of(delivered()));
        when(outbox.deliveries(NOTIFICATION)).thenReturn(List.of(
                new NotificationOutbox.Delivery(1, Instant.parse("2026-04-02T10:01:00Z"), 503, "REJECTED",
                        "HTTP 503"),
                new NotificationOutbox.Delivery(2, Instant.parse("2026-04-02T10:05:00Z"), 200, "ACKNOWLEDGED",
                        null)));

        mvc.perform(get("/api/v1/notifications/" + NOTIFICATION).header("Authorization", DPM))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.notification.notificationId").value(NOTIFICATION.toString()))
                .andExpect(jsonPath("$.notification.status").value("DELIVERED"))
                .andExpect(jsonPath("$.deliveries.length()").value(2))
                .andExpect(jsonPath("$.deliveries[0].attempt").value(1))
                .andExpect(jsonPath("$.deliveries[0].httpStatus").value(503))
                .andExpect(jsonPath("$.deliveries[0].outcome").value("REJECTED"))
                .andExpect(jsonPath("$.deliveries[1].outcome").value("ACKNOWLEDGED"));
    }

    @Test
    void an_unknown_notification_answers_404_and_no_deliveries_are_read() throws Exception {
        when(outbox.find(NOTIFICATION)).thenReturn(Optional.empty());

        mvc.perform(get("/api/v1/notifications/" + NOTIFICATION).header("Authorization", DPM))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:unknown-notification"));
        verify(outbox, never()).deliveries(any());
    }

    @Test
    void a_notification_id_that_is_no_uuid_is_refused_naming_the_parameter() throws Exception {
        mvc.perform(get("/api/v1/notifications/latest").header("Authorization", DPM))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:invalid-parameter"))
                .andExpect(jsonPath("$.errors.notificationId").value("must be a UUID"));
        verifyNoInteractions(outbox);
    }

    @Test
    void neither_the_portal_nor_an_admin_may_read_a_notification() throws Exception {
        mvc.perform(get("/api/v1/notifications/" + NOTIFICATION).header("Authorization", PORTAL))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        mvc.perform(get("/api/v1/notifications/" + NOTIFICATION).header("Authorization", ADMIN))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:ledger:problem:forbidden"));
        verifyNoInteractions(outbox);
    }

    @Test
    void without_a_token_the_notifications_answer_401() throws Exception {
        mvc.perform(get("/api/v1/notifications")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/notifications/" + NOTIFICATION)).andExpect(status().isUnauthorized());
        verifyNoInteractions(outbox);
    }
}
