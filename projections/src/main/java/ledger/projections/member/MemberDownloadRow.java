package ledger.projections.member;

import java.time.Instant;
import java.util.UUID;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One document download of a member (personal data: deleted on erasure). */
@MappedEntity("member_view_download")
public record MemberDownloadRow(
        @Id @GeneratedValue Long id,
        UUID memberId,
        long seq,
        @Nullable String documentId,
        @Nullable String title,
        Instant at) {
}
