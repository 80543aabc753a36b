package ledger.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop load generator: requests are sent at a fixed arrival rate whatever the answers do,
 * and each latency is measured from the moment the request was due to be sent, so a stalled
 * service shows as latency instead of hiding as fewer requests (no coordinated omission).
 */
final class OpenLoopLoad {

    record Result(double rate, Histogram latency, long ok, long failed, long dropped,
                  Map<String, Histogram> byKind) {
        double p(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    record Command(String kind, String method, String path, String body, String token) {
        /** The command as an HTTP request to the node on {@code port} (shared by the open and the closed loop). */
        HttpRequest request(int port) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("X-Purpose", "benchmark")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4)).build();
    private static final int MAX_OUTSTANDING = 4_000;

    private final int port;

    OpenLoopLoad(int port) {
        this.port = port;
    }

    /** Downloads only, over a pool of members (the closed-loop probe and the bare endpoint's request). */
    static Supplier<Command> downloads(List<UUID> members, String token, long seed) {
        Random random = new Random(seed);
        AtomicLong counter = new AtomicLong();
        return () -> new Command("download", "POST", "/api/v1/members/" + members.get(random.nextInt(members.size()))
                + "/downloads", "{\"documentId\":\"doc-" + counter.incrementAndGet() + "\",\"title\":\"Price list\"}",
                token);
    }

    /** The realistic mix of portal commands over a pool of distinct members. */
    static Supplier<Command> portalMix(List<UUID> members, String token, long seed) {
        Random random = new Random(seed);
        AtomicLong counter = new AtomicLong();
        return () -> {
            long n = counter.incrementAndGet();
            UUID member = members.get(random.nextInt(members.size()));
            int pick = random.nextInt(100);
            if (pick < 20) {
                UUID id = UUID.randomUUID();
                return new Command("register", "POST", "/api/v1/members", "{\"memberId\":\"" + id + "\",\"username\":\"b"
                        + id.toString().replace("-", "").substring(0, 20) + "\",\"givenName\":\"Given\","
                        + "\"familyName\":\"Family\",\"company\":\"Company\",\"email\":\"b@example.org\","
                        + "\"consents\":[{\"purpose\":\"portal-membership\",\"policyVersion\":\"2019-01-05\"}]}", token);
            } else if (pick < 45) {
                return new Command("give-consent", "POST", "/api/v1/members/" + member + "/consents",
                        "{\"purpose\":\"newsletter\",\"policyVersion\":\"" + BenchNotices.version(n) + "\"}", token);
            } else if (pick < 60) {
                return new Command("withdraw", "POST", "/api/v1/members/" + member + "/consents/withdrawals",
                        "{\"purposes\":[\"newsletter\"]}", token);
            } else if (pick < 85) {
                return new Command("download", "POST", "/api/v1/members/" + member + "/downloads",
                        "{\"documentId\":\"doc-" + n + "\",\"title\":\"Price list\"}", token);
            }
            return new Command("edit-profile", "PATCH", "/api/v1/members/" + member + "/profile",
                    "{\"company\":\"Company " + n + "\"}", token);
        };
    }

    /** Sends {@code rate} commands per second for {@code seconds}; {@code onAnswer} sees every 2xx body. */
    Result run(double rate, int seconds, Supplier<Command> commands,
               Consumer<HttpResponse<String>> onAnswer) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        Map<String, Recorder> kinds = new ConcurrentHashMap<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        AtomicInteger outstanding = new AtomicInteger();
        ConcurrentLinkedQueue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();
        long intervalNanos = (long) (1e9 / rate);
        long total = (long) (rate * seconds);
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (outstanding.get() >= MAX_OUTSTANDING) {
                dropped.incrementAndGet();
                recorder.recordValue(TimeUnit.SECONDS.toMicros(60));
                continue;
            }
            Command command = commands.get();
            HttpRequest request = command.request(port);
            outstanding.incrementAndGet();
            CompletableFuture<?> future = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        outstanding.decrementAndGet();
                        long micros = Math.max(1, (System.nanoTime() - due) / 1000);
                        recorder.recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
                        kinds.computeIfAbsent(command.kind(), k -> new Recorder(3))
                                .recordValue(Math.min(micros, TimeUnit.SECONDS.toMicros(60)));
                        if (error == null && response.statusCode() / 100 == 2) {
                            ok.incrementAndGet();
                            if (onAnswer != null) {
                                onAnswer.accept(response);
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    });
            inFlight.add(future);
            if (inFlight.size() > 10_000) {
                inFlight.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        Map<String, Histogram> byKind = new TreeMap<>();
        kinds.forEach((kind, r) -> byKind.put(kind, r.getIntervalHistogram()));
        return new Result(rate, recorder.getIntervalHistogram(), ok.get(), failed.get(), dropped.get(), byKind);
    }
}
