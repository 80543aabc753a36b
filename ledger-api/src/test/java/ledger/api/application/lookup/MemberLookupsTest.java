package ledger.api.application.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ledger.api.application.lookup.MemberLookupIndex;
import ledger.api.application.reading.ReadAudit;
import ledger.core.shared.Actor;

class MemberLookupsTest {

    private static final Actor DPM = new Actor("dpm-client", "DPM");
    private static final UUID ADA = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID GRACE = UUID.fromString("22222222-2222-2222-2222-222222222222");

    private final MemberLookupIndex index = mock(MemberLookupIndex.class);
    private final ReadAudit audit = mock(ReadAudit.class);
    private final MemberLookups lookups = new MemberLookups(index, audit);

    @Test
    void a_lookup_by_email_answers_every_member_found_and_records_each_find_with_who_and_why() {
        when(index.find(MemberLookupIndex.Kind.EMAIL, "ada@example.org")).thenReturn(List.of(ADA, GRACE));

        List<UUID> found = lookups.byEmail("ada@example.org", DPM, "access-request");

        assertThat(found).containsExactly(ADA, GRACE);
        verify(audit).record(ADA, DPM, "access-request", "member-lookup");
        verify(audit).record(GRACE, DPM, "access-request", "member-lookup");
    }

    @Test
    void a_lookup_by_username_asks_the_index_for_usernames_and_records_the_find() {
        when(index.find(MemberLookupIndex.Kind.USERNAME, "ada_lovelace")).thenReturn(List.of(ADA));

        List<UUID> found = lookups.byUsername("ada_lovelace", DPM, "erasure-request");

        assertThat(found).containsExactly(ADA);
        verify(audit).record(ADA, DPM, "erasure-request", MemberLookups.RESOURCE);
    }

    @Test
    void a_lookup_that_finds_nobody_answers_empty_and_records_nothing() {
        when(index.find(any(), any())).thenReturn(List.of());

        assertThat(lookups.byEmail("nobody@example.org", DPM, "access-request")).isEmpty();
        assertThat(lookups.byUsername("nobody", DPM, "access-request")).isEmpty();
        verifyNoInteractions(audit);
    }
}
