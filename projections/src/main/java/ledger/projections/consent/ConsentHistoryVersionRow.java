package ledger.projections.consent;

import java.util.UUID;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The last member event (aggregate sequence) the consent history reflects for one member. */
@MappedEntity("consent_history_version")
public record ConsentHistoryVersionRow(@Id UUID memberId, long version) {
}
