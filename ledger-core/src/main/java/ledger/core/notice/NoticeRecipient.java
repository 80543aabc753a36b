package ledger.core.notice;

import java.util.List;

/** A recipient or processor a notice names, the purposes it receives data for, and where it is. */
public record NoticeRecipient(String name, String role, List<String> purposes, String location, boolean insideEuEea) {

    public NoticeRecipient {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
    }
}
