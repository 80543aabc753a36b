package ledger.api.http.extract;

import org.springframework.stereotype.Component;

import ledger.api.application.extract.RegisterExtract;
import ledger.api.http.support.ApiContract;
import ledger.projections.extract.RegisterExtractData;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class RegisterExtractContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.tag("Register extract", "GDPR Art. 15 and 20: what the ledger holds on a member and why.");
        api.schema(RegisterExtract.class, "RegisterExtract", "A register extract (GDPR Art. 15 and 20): the "
                + "member's personal data and the earlier values still held, purposes with legal basis and "
                + "consent, recipients and transfers, retention in plain words with the date, the rights "
                + "(restriction and objection included), automated decision-making, the DPM's contact, the "
                + "supervisory authority.");
        api.schema(RegisterExtract.Member.class, "RegisterExtractMember", "The member's personal data in a "
                + "register extract.");
        api.schema(RegisterExtract.PurposeEntry.class, "RegisterExtractPurpose", "A purpose, its legal basis "
                + "and the member's consent to it.");
        api.schema(RegisterExtract.Consent.class, "RegisterExtractConsent", "The member's consent to a "
                + "purpose.");
        api.schema(RegisterExtract.Retention.class, "RegisterExtractRetention", "How long data is kept and "
                + "when it is erased.");
        api.schema(RegisterExtractData.PastValue.class, "RegisterExtractPastValue", "An earlier value of a "
                + "profile field that the member's events still hold until erasure (Art. 15(3)).");
        api.schema(RegisterExtractData.Download.class, "RegisterExtractDownload", "A document the member "
                + "downloaded.");
        api.alternative("/api/v1/members/{memberId}/register-extract", RegisterExtract.class, "text/html",
                "<!DOCTYPE html><html lang=\"en\">...</html>");
        api.pdf("/api/v1/members/{memberId}/register-extract");
    }
}
