package ledger.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A closed loop: {@code connections} clients each send the next request as soon as the previous one is
 * answered, as a portal backend with a fixed pool does. Its throughput is what the service completes; the
 * issue's independent probe measured it at 16 connections with downloads.
 */
final class ClosedLoopLoad {

    record Result(int connections, double perSecond, Histogram latency, long ok, long failed) {
    }

    private final int port;

    ClosedLoopLoad(int port) {
        this.port = port;
    }

    Result run(int connections, int seconds, Supplier<OpenLoopLoad.Command> commands) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Recorder latency = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    OpenLoopLoad.Command command;
                    synchronized (commands) {
                        command = commands.get();
                    }
                    HttpRequest request = command.request(port);
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        (response.statusCode() / 100 == 2 ? ok : failed).incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    latency.recordValue(Math.max(1, Math.min((System.nanoTime() - sent) / 1000,
                            TimeUnit.SECONDS.toMicros(60))));
                }
            }, "closed-loop-" + i);
            thread.start();
            clients.add(thread);
        }
        for (Thread thread : clients) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Result(connections, ok.get() / elapsed, latency.getIntervalHistogram(), ok.get(), failed.get());
    }
}
