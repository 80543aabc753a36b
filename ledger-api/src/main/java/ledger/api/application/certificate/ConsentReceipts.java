package ledger.api.application.certificate;

import java.util.List;
import java.util.UUID;

/** Where the certificate gets a member's signed consent receipts (the consent feature provides them). */
public interface ConsentReceipts {

    /** Every consent of the member, in order given, as a signed receipt; works after the member's erasure. */
    List<MemberCertificate.ConsentReceipt> signedReceipts(UUID memberId);
}
