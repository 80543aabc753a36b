package ledger.api.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A recipient's endpoint for Art. 19 notifications, on the JDK's HTTP server (127.0.0.1, any free
 * port): records every request as it arrived and answers 200, or a chosen status a chosen number of
 * times for notifications about one member. One per test JVM; the integration tests' recipients
 * point at it.
 */
public final class NotificationReceiver {

    public record Received(String path, Map<String, List<String>> headers, byte[] body, Instant at, int answered) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Failure(int status, AtomicInteger left) {
    }

    private static NotificationReceiver instance;

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();

    private NotificationReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            int status = 200;
            for (Map.Entry<String, Failure> failure : failures.entrySet()) {
                if (text.contains(failure.getKey()) && failure.getValue().left().getAndDecrement() > 0) {
                    status = failure.getValue().status();
                }
            }
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    body, Instant.now(), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "notification-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public static synchronized NotificationReceiver get() {
        if (instance == null) {
            instance = new NotificationReceiver();
        }
        return instance;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers {@code status} to the next {@code times} notifications whose body names {@code marker}. */
    public void fail(String marker, int times, int status) {
        failures.put(marker, new Failure(status, new AtomicInteger(times)));
    }

    /** The requests received so far whose body names {@code marker}, in arrival order. */
    public List<Received> about(String marker) {
        List<Received> matching = new ArrayList<>();
        for (Received request : received) {
            if (request.text().contains(marker)) {
                matching.add(request);
            }
        }
        return matching;
    }
}
