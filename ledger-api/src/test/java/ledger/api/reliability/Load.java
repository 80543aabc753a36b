package ledger.api.reliability;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import ledger.api.support.Api;

/**
 * Closed-loop load of registrations and downloads against whichever node is current, recording
 * every command that was acknowledged (2xx) and every answer's status.
 */
final class Load {

    final Set<UUID> registered = ConcurrentHashMap.newKeySet();
    final Map<UUID, Set<String>> downloads = new ConcurrentHashMap<>();
    final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    final List<String> missingRetryAfter = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicReference<IntSupplier> port = new AtomicReference<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    Load(IntSupplier port) {
        this.port.set(port);
    }

    void start(int clients) {
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(this::loop, "load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    private void loop() {
        while (running.get()) {
            Api api = new Api(port.get().getAsInt());
            UUID member = UUID.randomUUID();
            String username = "r" + member.toString().replace("-", "").substring(0, 20);
            Api.Response registration = call(() -> api.post("/api/v1/members", "{\"memberId\":\"" + member
                    + "\",\"username\":\"" + username + "\",\"givenName\":\"G\",\"familyName\":\"F\",\"company\":\"C\","
                    + "\"email\":\"r@example.org\",\"consents\":[{\"purpose\":\"portal-membership\",\"policyVersion\":\"2019-01-05\"}]}"));
            if (registration == null || registration.status() != 201) {
                continue;
            }
            registered.add(member);
            for (int d = 0; d < 3 && running.get(); d++) {
                String document = "doc-" + d;
                Api.Response download = call(() -> api.post("/api/v1/members/" + member + "/downloads",
                        "{\"documentId\":\"" + document + "\"}"));
                if (download != null && download.status() == 201) {
                    downloads.computeIfAbsent(member, m -> ConcurrentHashMap.newKeySet()).add(document);
                }
            }
        }
    }

    private Api.Response call(java.util.function.Supplier<Api.Response> request) {
        try {
            Api.Response response = request.get();
            statuses.merge(response.status(), 1, Integer::sum);
            if (response.status() == 503 && response.header("Retry-After") == null) {
                missingRetryAfter.add(response.body());
            }
            return response;
        } catch (RuntimeException e) {
            statuses.merge(-1, 1, Integer::sum); // no answer: connection refused or reset
            NodeProcess.sleep(100);
            return null;
        }
    }
}
