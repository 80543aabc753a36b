package ledger.core.log;

/** A note is malformed or carries no valid signature of the expected key. Unchecked: a caller that cannot act on it should fail. */
public final class NoteVerificationException extends RuntimeException {

    NoteVerificationException(String message) {
        super(message);
    }
}
