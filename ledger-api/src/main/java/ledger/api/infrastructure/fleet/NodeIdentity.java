package ledger.api.infrastructure.fleet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * This node's name in token claims and the node registry: host, process and a random suffix,
 * so two nodes never share a name (not even two application contexts in one JVM, where Axon's
 * default, the JVM name, would let both claim the same segment).
 */
public record NodeIdentity(String id) {

    public static NodeIdentity of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new NodeIdentity(configured.strip());
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return new NodeIdentity(host + "-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    }
}
