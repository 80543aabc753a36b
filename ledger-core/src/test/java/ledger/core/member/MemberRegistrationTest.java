package ledger.core.member;

import static ledger.core.member.MemberFixtures.ID;
import static ledger.core.member.MemberFixtures.consent;
import static ledger.core.member.MemberFixtures.register;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import ledger.core.member.MemberRefusals.IdTaken;
import ledger.core.member.MemberRefusals.MemberAlreadyExists;
import ledger.core.purpose.PurposeCatalog;
import ledger.core.shared.RetentionPolicy;
import ledger.core.shared.StoredAggregates;

/** Registration under an id the event store already holds events for. */
class MemberRegistrationTest {

    private final InMemoryUsernames usernames = new InMemoryUsernames();
    private final List<String> looked = new ArrayList<>();

    private AggregateTestFixture<Member> fixture(String storedType) {
        StoredAggregates stored = id -> {
            looked.add(id);
            return Optional.ofNullable(storedType);
        };
        AggregateTestFixture<Member> fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(PurposeCatalog.defaults());
        fixture.registerInjectableResource(RetentionPolicy.defaults());
        fixture.registerAnnotatedCommandHandler(new MemberRegistration(fixture.getRepository(), usernames, stored));
        return fixture;
    }

    @Test
    void an_id_that_holds_another_kind_of_record_is_refused_and_claims_no_username() {
        fixture("ContactCase").givenNoPriorActivity()
                .when(register("ada", List.of(consent(PurposeCatalog.MEMBERSHIP, "2024-05"))))
                .expectException(IdTaken.class)
                .expectNoEvents();
        assertThat(looked).containsExactly(ID.toString());
        assertThat(usernames.taken("ada")).isFalse();
    }

    @Test
    void an_id_that_holds_a_member_is_refused_as_an_existing_member_not_as_another_record() {
        usernames.claim("ada", ID);
        fixture("Member").givenNoPriorActivity()
                .when(register("ada2", List.of(consent(PurposeCatalog.MEMBERSHIP, "2024-05"))))
                .expectException(MemberAlreadyExists.class)
                .expectNoEvents();
        assertThat(usernames.taken("ada2")).isFalse();
    }

    @Test
    void an_id_nothing_is_stored_under_registers_the_member() {
        fixture(null).givenNoPriorActivity()
                .when(register("ada", List.of(consent(PurposeCatalog.MEMBERSHIP, "2024-05"))))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ID);
        assertThat(usernames.taken("ada")).isTrue();
    }
}
