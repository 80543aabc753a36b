package ledger.api.application.operations;

import java.util.List;

/**
 * Rebuilds one read model from the event store while the service keeps answering: the
 * processor stops, its tokens reset (its reset handler empties its tables), and it catches up
 * again. Reads of that read model wait (read your writes) or answer 503 until it has caught up.
 * A read model is a processing group; groups that share a processor (the member view and the
 * member history) are rebuilt together, and a replay asked for while their processor already
 * rebuilds joins that rebuild.
 */
public interface ProjectionReplay {

    /** A read model (processing group) and the processor that builds it. */
    public record Status(String name, String processor, boolean running, boolean replaying, int segments,
                         long position, long head, double progress, boolean caughtUp) {
    }

    List<Status> statuses();

    Status status(String name);

    /** Starts a rebuild and returns at once; poll {@link #status(String)} for progress. */
    Status replay(String name);
}
