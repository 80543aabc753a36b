package ledger.api.application.certificate;

/** An event of the member has no leaf yet (it was just recorded): ask again in a moment. */
public final class CertificateNotReady extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CertificateNotReady(String message) {
        super(message);
    }
}
