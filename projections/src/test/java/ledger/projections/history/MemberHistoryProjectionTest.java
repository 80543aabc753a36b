package ledger.projections.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ledger.core.crypto.CryptoShreddingSerializer;
import ledger.core.erasure.ErasureGround;
import ledger.core.member.ConsentGiven;
import ledger.core.member.DocumentDownloaded;
import ledger.core.member.FindMemberHistory;
import ledger.core.member.MemberErased;
import ledger.core.member.MemberId;
import ledger.core.member.MemberRegistered;
import ledger.core.member.ProfileEdited;
import ledger.projections.history.MemberHistoryProjection.MemberTrail;
import ledger.projections.support.ProjectionTest;

class MemberHistoryProjectionTest extends ProjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MemberHistoryProjection projection;

    private MemberTrail trail(MemberId id) {
        return projection.handle(new FindMemberHistory(id));
    }

    private static JsonNode details(MemberHistoryRow row) throws Exception {
        return JSON.readTree(row.details());
    }

    private MemberId registered() {
        MemberId id = MemberId.random();
        batch(() -> projection.on(new MemberRegistered(id, "secret-user", "Secret", "Name", "Secret Co",
                "secret@example.org", PORTAL, at(0)), 0));
        return id;
    }

    @Test
    void every_member_event_is_recorded_with_its_type_time_actor_and_personal_fields_masked() throws Exception {
        MemberId id = registered();

        List<MemberHistoryRow> entries = trail(id).entries();
        assertThat(entries).hasSize(1);
        MemberHistoryRow row = entries.get(0);
        assertThat(row.memberId()).isEqualTo(id.value());
        assertThat(row.seq()).isZero();
        assertThat(row.type()).isEqualTo("MemberRegistered");
        assertThat(row.at()).isEqualTo(at(0));
        assertThat(row.actorPrincipal()).isEqualTo(PORTAL.principal());
        assertThat(row.actorRole()).isEqualTo(PORTAL.role());
        assertThat(row.actingUser()).isNull();
        assertThat(row.details()).doesNotContain("secret", "Secret");
        JsonNode details = details(row);
        assertThat(details.get("username").asText()).isEqualTo(MaskedDetails.MASK);
        assertThat(details.get("email").asText()).isEqualTo(MaskedDetails.MASK);
        assertThat(details.has("memberId")).isFalse();
        assertThat(details.has("by")).isFalse();
        assertThat(details.has("at")).isFalse();
    }

    @Test
    void personal_fields_left_unset_stay_null_and_other_fields_are_shown() throws Exception {
        MemberId id = registered();
        ConsentGiven consent = new ConsentGiven(id, UUID.randomUUID(), "newsletter", "2024-05", null, null, "email",
                PORTAL, at(1));
        batch(() -> {
            projection.on(new ProfileEdited(id, null, null, "New Co", null, PORTAL, at(2)), 1);
            projection.on(consent, 2);
        });

        List<MemberHistoryRow> entries = trail(id).entries();
        JsonNode edit = details(entries.get(1));
        assertThat(edit.get("company").asText()).isEqualTo(MaskedDetails.MASK);
        assertThat(edit.get("email").isNull()).isTrue();
        JsonNode given = details(entries.get(2));
        assertThat(given.get("purpose").asText()).isEqualTo("newsletter");
        assertThat(given.get("consentId").asText()).isEqualTo(consent.consentId().toString());
    }

    @Test
    void a_field_already_erased_in_the_event_reads_as_erased_not_masked() throws Exception {
        MemberId id = MemberId.random();
        batch(() -> projection.on(new MemberRegistered(id, CryptoShreddingSerializer.ERASED,
                CryptoShreddingSerializer.ERASED, null, null, null, PORTAL, at(0)), 0));

        JsonNode details = details(trail(id).entries().get(0));
        assertThat(details.get("username").asText()).isEqualTo(CryptoShreddingSerializer.ERASED);
        assertThat(details.get("familyName").isNull()).isTrue();
    }

    @Test
    void an_event_seen_again_is_recorded_once() {
        MemberId id = registered();
        DocumentDownloaded download = new DocumentDownloaded(id, "doc", "Title", PORTAL, at(1));
        batch(() -> projection.on(download, 1));
        batch(() -> projection.on(download, 1));

        assertThat(trail(id).entries()).extracting(MemberHistoryRow::seq).containsExactly(0L, 1L);
    }

    @Test
    void erasure_shows_every_masked_field_of_the_member_as_erased_and_keeps_the_entries() throws Exception {
        MemberId id = registered();
        MemberId other = registered();
        batch(() -> {
            projection.on(new DocumentDownloaded(id, "doc", "Title", PORTAL, at(1)), 1);
            projection.on(new MemberErased(id, ErasureGround.MEMBER_REQUEST, DPM, at(2)), 2);
        });

        List<MemberHistoryRow> entries = trail(id).entries();
        assertThat(entries).extracting(MemberHistoryRow::type)
                .containsExactly("MemberRegistered", "DocumentDownloaded", "MemberErased");
        assertThat(details(entries.get(0)).get("username").asText()).isEqualTo(CryptoShreddingSerializer.ERASED);
        assertThat(details(entries.get(1)).get("title").asText()).isEqualTo(CryptoShreddingSerializer.ERASED);
        assertThat(details(entries.get(2)).get("ground").asText()).isEqualTo("MEMBER_REQUEST");
        assertThat(entries).allSatisfy(e -> assertThat(e.details()).doesNotContain(MaskedDetails.maskedLiteral()));
        assertThat(details(trail(other).entries().get(0)).get("username").asText()).isEqualTo(MaskedDetails.MASK);
    }

    @Test
    void the_trail_s_version_is_the_last_member_event_it_holds() {
        MemberId id = registered();
        batch(() -> projection.on(new DocumentDownloaded(id, "doc", "Title", PORTAL, at(1)), 7));

        assertThat(trail(id).version()).isEqualTo(7);
        assertThat(trail(MemberId.random()).version()).isEqualTo(-1);
        assertThat(trail(MemberId.random()).entries()).isEmpty();
    }

    @Test
    void a_reset_empties_the_member_history_for_a_rebuild() {
        MemberId id = registered();

        batch(projection::reset);

        assertThat(count("SELECT count(*) FROM member_history")).isZero();
        assertThat(trail(id).entries()).isEmpty();
    }

    @Test
    void the_person_who_acted_through_the_portal_is_recorded_beside_the_client() {
        MemberId id = registered();
        String acting = "member:" + id;
        batch(() -> projection.on(new ProfileEdited(id, null, null, "New Co", null, PORTAL.withActingUser(acting),
                at(1)), 1));

        MemberHistoryRow row = trail(id).entries().get(1);
        assertThat(row.actorPrincipal()).isEqualTo(PORTAL.principal());
        assertThat(row.actingUser()).isEqualTo(acting);
        assertThat(row.details()).doesNotContain("actingUser", "New Co");
    }

    @Test
    void a_batch_that_writes_its_entries_at_its_end_leaves_the_trail_that_events_written_one_by_one_leave() {
        MemberId oneByOne = MemberId.random();
        MemberId atTheEnd = MemberId.random();
        for (MemberId id : List.of(oneByOne, atTheEnd)) {
            Runnable events = () -> {
                projection.on(new MemberRegistered(id, "secret-user", "Secret", "Name", "Secret Co", "secret@example.org",
                        PORTAL, at(0)), 0);
                projection.on(new DocumentDownloaded(id, "doc-1", "Title", PORTAL, at(1)), 1);
                projection.on(new ProfileEdited(id, "Other", null, null, null, PORTAL, at(2)), 2);
                projection.on(new MemberErased(id, ErasureGround.MEMBER_REQUEST, DPM, at(3)), 3);
                projection.on(new DocumentDownloaded(id, "doc-2", "Late", PORTAL, at(4)), 4);
            };
            if (id == oneByOne) {
                batch(events);
            } else {
                batchWrittenAtItsEnd(events, () -> assertThat(count(
                        "SELECT count(*) FROM member_history WHERE member_id = ?", id.value()))
                        .as("written by the erasure's flush, the last entry at the end").isEqualTo(4));
            }
        }

        assertThat(trail(atTheEnd).entries()).hasSize(5);
        assertThat(trail(atTheEnd).entries().stream().map(MemberHistoryProjectionTest::withoutIds).toList())
                .isEqualTo(trail(oneByOne).entries().stream().map(MemberHistoryProjectionTest::withoutIds).toList());
        assertThat(trail(atTheEnd).version()).isEqualTo(4);
    }

    private static MemberHistoryRow withoutIds(MemberHistoryRow row) {
        return new MemberHistoryRow(null, null, row.seq(), row.type(), row.at(), row.actorPrincipal(), row.actorRole(),
                row.details(), row.actingUser());
    }
}
