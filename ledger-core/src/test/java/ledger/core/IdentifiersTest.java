package ledger.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.core.contactcase.ContactCaseId;
import ledger.core.member.MemberId;
import ledger.core.request.RequestId;

/** Axon stores an aggregate identifier as its {@code toString()}: it must be the bare UUID. */
class IdentifiersTest {

    private static final UUID VALUE = UUID.fromString("1d000000-0000-0000-0000-000000000001");

    @Test
    void an_identifier_prints_as_its_uuid() {
        assertThat(MemberId.of(VALUE).toString()).isEqualTo(VALUE.toString());
        assertThat(RequestId.of(VALUE).toString()).isEqualTo(VALUE.toString());
        assertThat(ContactCaseId.of(VALUE).toString()).isEqualTo(VALUE.toString());
    }

    @Test
    void a_member_id_parses_back_from_what_it_prints() {
        assertThat(MemberId.parse(VALUE.toString())).isEqualTo(MemberId.of(VALUE));
        assertThat(MemberId.parse(VALUE.toString()).value()).isEqualTo(VALUE);
    }

    @Test
    void random_identifiers_are_new_uuids() {
        assertThat(MemberId.random().value()).isNotEqualTo(MemberId.random().value());
        assertThat(RequestId.random().value()).isNotEqualTo(RequestId.random().value());
        assertThat(ContactCaseId.random().value()).isNotEqualTo(ContactCaseId.random().value());
    }
}
