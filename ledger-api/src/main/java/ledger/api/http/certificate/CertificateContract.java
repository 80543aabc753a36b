package ledger.api.http.certificate;

import org.springframework.stereotype.Component;

import ledger.api.application.certificate.MemberCertificate;
import ledger.api.http.support.ApiContract;

/** This feature's part of the OpenAPI description: its tags and the contract names of its types. */
@Component
class CertificateContract implements ApiContract {

    @Override
    public void describe(Description api) {
        api.schema(MemberCertificate.class, "MemberCertificate", "A member's lifecycle certificate "
                + "(ledger-member-certificate/v1): one checkpoint (C2SP signed note with the witnesses' "
                + "cosignatures), every stored event of the member with the values its leaf is computed from and "
                + "its inclusion proof in that checkpoint's tree, the consent receipts' JWS and the erasure "
                + "receipt. No personal data; valid after the erasure.");
        api.schema(MemberCertificate.Event.class, "CertifiedEvent", "A stored event as its leaf covers it: "
                + "the row's columns, payload and metadata as lowercase hex SHA-256 of the stored bytes, the "
                + "leaf index and hash and the RFC 9162 inclusion proof (base64).");
        api.schema(MemberCertificate.ConsentReceipt.class, "CertifiedConsentReceipt", "A consent's Kantara "
                + "receipt as a compact JWS signed with the ledger's Ed25519 key.");
        api.schema(MemberCertificate.Erasure.class, "CertifiedErasure", "The member's erasure: its event and "
                + "leaf, ground, time and who erased (principal and role, or the system).");
    }
}
