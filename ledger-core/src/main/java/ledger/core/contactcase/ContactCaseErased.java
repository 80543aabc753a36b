package ledger.core.contactcase;

import java.time.Instant;

import ledger.core.erasure.ErasureGround;
import ledger.core.shared.Actor;

/** The case's key was shredded on this ground ({@code null} in erasures recorded before grounds were). */
public record ContactCaseErased(ContactCaseId caseId, ErasureGround ground, Actor by, Instant at)
        implements ContactCaseEvent {
}
