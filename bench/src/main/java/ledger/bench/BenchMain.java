package ledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import ledger.api.infrastructure.keyvault.MasterKeys;
import ledger.api.reliability.NodeProcess;
import ledger.api.reliability.NodeProcess.Launch;
import ledger.api.support.Api;
import ledger.core.member.MemberId;

/**
 * The benchmarks of bench/run. Every figure is the median of repeated runs (min-max beside it)
 * and a ratio to a baseline measured in the same run on the same machine. Writes BENCHMARKS.md.
 * Nothing here is a test: no assertion, no CI.
 */
public final class BenchMain {

    private static final int CLOSED_LOOP_CONNECTIONS = 16;
    private static final int CLOSED_LOOP_SECONDS = 20;
    /** The bare endpoint's closed-loop rate (section 1b), NaN when the baseline did not run. */
    private double bareClosed = Double.NaN;
    /** bench.half-rate: run scenario 3 and 5 at this rate without searching the ceiling first (NaN: search). */
    private static final double HALF_RATE = Double.parseDouble(System.getProperty("bench.half-rate", "NaN"));
    private static final String ROOT_URL = System.getProperty("bench.pg", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String DB = "ledger_bench";
    private static final int REPEATS = Integer.getInteger("bench.repeats", 3);
    private static final int STEP_SECONDS = Integer.getInteger("bench.step-seconds", 6);
    private static final int CLIENTS = 16;
    private static final int REPLAY_EVENTS = Integer.getInteger("bench.replay-events", 1_000_000);
    private static final int REPLAY_REPEATS = Integer.getInteger("bench.replay-repeats", 1);
    private static final List<String> READ_MODELS = List.of("member-view", "member-history", "consent-history",
            "erasure-receipts", "data-subject-requests");
    /** Scenarios to run (bench.only, comma-separated): baseline, throughput, history, replay, crypto, ledger, idle; or all. */
    private static final Set<String> ONLY = Set.of(System.getProperty("bench.only", "all")
            .split(","));
    /**
     * The null-cipher scenarios' nodes: {@link BenchLedgerApplication} on this program's classpath
     * (the others run the packaged jar).
     */
    private static final Launch NULL_CIPHER = Launch.mainClass(System.getProperty("java.class.path"),
            BenchLedgerApplication.class.getName());
    private static final String[] BENCH_TOKENS = {"--ledger.tokens.portal=bench-portal-token",
            "--ledger.tokens.auditor=bench-auditor-token", "--ledger.tokens.dpm=bench-dpm-token",
            "--ledger.tokens.admin=bench-admin-token"};

    private final StringBuilder report = new StringBuilder();
    private final Path work;

    private static boolean runs(String scenario) {
        return ONLY.contains("all") || ONLY.contains(scenario);
    }

    private BenchMain(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("ledger-bench-");
        new BenchMain(work).run(Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md"));
        // the load generator's HTTP client keeps non-daemon threads
        System.exit(0);
    }

    private void run(Path out) throws Exception {
        Instant started = Instant.now();
        line("# Benchmarks");
        line("");
        line("Written by `bench/run` on " + started + ". Machine: " + Runtime.getRuntime().availableProcessors()
                + " cores, " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB max heap of the bench JVM; "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "; "
                + version("SHOW server_version") + " (system PostgreSQL, `synchronous_commit` "
                + version("SHOW synchronous_commit") + "). Service: Spring Boot 3.5.7, Axon 4.13.0, one node, "
                + "Hikari pool 8 (+1 connection listening for other nodes' commits), processors pooled and woken on"
                + " commit (see application.yml). Each figure: median of " + REPEATS
                + " runs [min-max]; steps of " + STEP_SECONDS + " s. Latencies in ms from the intended send time "
                + "(open loop, HdrHistogram).");
        line("");

        line(ONLY.contains("all") ? "" : "_Partial run: " + ONLY + " only._");
        // 1. baseline
        recreateDatabase();
        List<double[]> baselines = new ArrayList<>();
        for (int i = 0; i < (runs("baseline") ? REPEATS : 1); i++) {
            baselines.add(pgbench());
        }
        double baselineTps = median(baselines.stream().map(b -> b[0]).toList());
        line("## 1. Baseline: PostgreSQL alone");
        line("pgbench, " + CLIENTS + " clients, one INSERT of a ~300-byte bytea row into a table shaped like"
                + " `domain_event_entry` per transaction:");
        line("- TPS " + fmt(baselineTps) + " " + range(baselines.stream().map(b -> b[0]).toList())
                + "; latency p50 " + fmt(median(baselines.stream().map(b -> b[1]).toList())) + " ms, p99 "
                + fmt(median(baselines.stream().map(b -> b[2]).toList())) + " ms");
        line("");
        double bareMax = Double.NaN;
        if (runs("baseline")) {
            bareMax = bareBaseline();
        }

        recreateDatabase();
        String url = ROOT_URL + DB;
        double encryptedMax = Double.NaN;
        if (runs("throughput")) {
            encryptedMax = throughput(url, baselineTps, bareMax);
        }
        if (runs("history")) {
            longHistories(url, true);
            longHistories(url, false);
        }
        if (runs("campaign")) {
            campaignAudit(url);
        }

        // 6 + 4. replay, and crypto cost
        double encryptedReplay = Double.NaN;
        double nullReplay = Double.NaN;
        if (runs("replay") || runs("ledger") || runs("verification") || runs("scale")) {
            // the ledger scenario's verifier reads the replay's stored events
            encryptedReplay = replay(url, false);
        }
        if (runs("replay")) {
            nullReplay = replay(url, true);
        }
        if (runs("crypto")) {
            crypto(url, encryptedMax, encryptedReplay, nullReplay);
        }
        if (runs("ledger")) {
            logCeiling(url);
        }
        if (runs("logcost")) {
            logCost();
        }
        if (runs("startup")) {
            startup();
        }
        if (runs("idle")) {
            idle();
        }
        line("_Total time: " + Duration.between(started, Instant.now()).toSeconds() + " s._");
        // the record of cost removals is kept by hand beside this program (measured one change at a time)
        Path removals = Path.of("..", "bench", "cost-removals.md");
        if (Files.exists(removals)) {
            line("");
            line(Files.readString(removals).strip());
        }
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private double throughput(String url, double baselineTps, double bareMax) throws Exception {
        String[] encrypted = BENCH_TOKENS;
        double encryptedMax;
        Result half;
        long rss;
        List<Double> erasureP99 = new ArrayList<>();
        try (NodeProcess node = NodeProcess.start(url, work.resolve("service.log"),
                concat(encrypted, "--spring.profiles.active=bench"))) {
            List<UUID> pool = seed(node, 1000);
            warmUp(node, pool);
            // 2. throughput
            List<Double> maxRates = new ArrayList<>();
            for (int i = 0; i < REPEATS && Double.isNaN(HALF_RATE); i++) {
                maxRates.add(maxRate(node, pool, i));
            }
            // a given half rate skips the search (tail-latency experiments): the "ceiling" is then twice it
            encryptedMax = Double.isNaN(HALF_RATE) ? median(maxRates) : HALF_RATE * 2;
            List<String> encryptedSteps = new ArrayList<>(steps);
            steps.clear();
            line("## 2. Command throughput");
            line("Open-loop mix (20% register, 25% give consent, 15% withdraw, 25% download, 15% profile edit) over "
                    + "distinct members; the rate is stepped up until p99 exceeds 100 ms.");
            line("- highest rate with p99 < 100 ms: " + fmt(encryptedMax) + " commands/s " + range(maxRates)
                    + (Double.isNaN(bareMax) ? "" : "; ratio to the bare Spring endpoint's ceiling (section 1b): **"
                    + fmt2(encryptedMax / bareMax) + "** (goal >= 0.5)") + "; ratio to pgbench's TPS: "
                    + fmt2(encryptedMax / baselineTps));
            line("- every step (rate: overall p50/p99, p99 per command kind, ms; a failing rate is run twice):");
            encryptedSteps.forEach(step -> line("  - " + step));
            List<ClosedLoopLoad.Result> closed = new ArrayList<>();
            for (int i = 0; i < REPEATS; i++) {
                closed.add(new ClosedLoopLoad(node.port).run(CLOSED_LOOP_CONNECTIONS, CLOSED_LOOP_SECONDS,
                        OpenLoopLoad.downloads(pool, "bench-portal-token", 700 + i)));
            }
            double ledgerClosed = median(closed.stream().map(ClosedLoopLoad.Result::perSecond).toList());
            line("- closed loop, " + CLOSED_LOOP_CONNECTIONS + " connections sending downloads back to back for "
                    + CLOSED_LOOP_SECONDS + " s (the issue's probe): " + closedLine(closed)
                    + (Double.isNaN(bareClosed) ? "" : "; ratio to the bare endpoint's closed loop (section 1b): **"
                    + fmt2(ledgerClosed / bareClosed) + "** (goal >= 0.5)"));
            line("");
            double halfRate = Math.max(encryptedMax, 50) / 2;

            // 3 + 5. latency at half rate, projection lag, erasure
            List<Result> halves = new ArrayList<>();
            List<Double> settled = new ArrayList<>();
            for (int i = 0; i < REPEATS; i++) {
                settled.add(awaitSettled(node, url));
                halves.add(halfRate(node, pool, halfRate, url, 10 + i));
                erasureP99.add(halves.get(i).erasure.getValueAtPercentile(99) / 1000.0);
            }
            half = medianBy(halves, r -> r.commands.getValueAtPercentile(99));
            line("## 3. Latency at half that rate (" + fmt(halfRate) + " commands/s"
                    + (encryptedMax == 0 ? "; no step met the goal, so half the lowest step" : "") + ")");
            line("- each run starts once the node has digested the load before it (read models at the head, every"
                    + " event in the log): " + fmt(median(settled)) + " s " + range(settled) + " after the closed loop");
            line("- commands p50 " + ms(halves, r -> r.commands, 50) + ", p99 " + ms(halves, r -> r.commands, 99)
                    + ", p99.9 " + ms(halves, r -> r.commands, 99.9) + "; p99 per kind (first run): "
                    + perKind(halves.get(0).byKind()));
            line("- projection lag (command answered -> member view row present, sampled registrations): p50 "
                    + ms(halves, r -> r.lag, 50) + ", p99 " + ms(halves, r -> r.lag, 99) + " (goal p99 < 1000 ms)");
            line("- leaf delay of the verifiable ledger (every event of the run: the event's timestamp, taken before"
                    + " its commit -> its leaf written): p50 " + ms(halves, r -> r.leafDelay, 50) + ", p99 "
                    + ms(halves, r -> r.leafDelay, 99) + " (goal p99 < 1000 ms)");
            line("");
            line("## 5. Erasure under half load");
            double commandP99 = median(halves.stream().map(r -> r.commands.getValueAtPercentile(99) / 1000.0).toList());
            line("- erasure request -> receipt: p50 " + ms(halves, r -> r.erasure, 50) + ", p99 "
                    + ms(halves, r -> r.erasure, 99) + "; ratio of p99 to a plain command's p99: "
                    + fmt2(median(erasureP99) / commandP99));
            line("");
            rss = peakRss(node.pid());
            line("## 8. Memory");
            line("- peak resident memory (VmHWM) of the service after scenarios 2, 3 and 5: " + (rss >> 10) + " MiB");
            line("");

        }
        return encryptedMax;
    }

    /**
     * Section 1b: the bare Spring Boot endpoint of this module ({@code BareEndpointApplication}) in a
     * JVM of its own, sized as a ledger node, stepped up exactly like the ledger.
     */
    private double bareBaseline() throws Exception {
        sql("CREATE TABLE bench.bare_member (member_id UUID PRIMARY KEY, version BIGINT NOT NULL)");
        sql("CREATE TABLE bench.bare_event (event_id UUID PRIMARY KEY, member_id UUID NOT NULL,"
                + " sequence_number BIGINT NOT NULL, payload BYTEA NOT NULL, time_stamp TIMESTAMPTZ NOT NULL DEFAULT now())");
        sql("INSERT INTO bench.bare_member SELECT gen_random_uuid(), 0 FROM generate_series(1, 1000)");
        List<UUID> members = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(ROOT_URL + DB, "postgres", "");
             var rows = connection.createStatement().executeQuery("SELECT member_id FROM bench.bare_member")) {
            while (rows.next()) {
                members.add(rows.getObject(1, UUID.class));
            }
        }
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m"));
        String jvmArgs = System.getProperty("node.jvm-args", "").strip();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "ledger.bench.bare.BareEndpointApplication", "--server.port=" + port,
                "--spring.datasource.url=" + ROOT_URL + DB, "--spring.datasource.username=postgres"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("bare.log").toFile())).start();
        try {
            Api api = new Api(port);
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (true) {
                try {
                    if (api.get("/bare/ready").status() == 200) {
                        break;
                    }
                } catch (RuntimeException e) {
                    // not listening yet
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bare endpoint did not start, see " + work.resolve("bare.log"));
                }
                NodeProcess.sleep(250);
            }
            Function<Long, Supplier<OpenLoopLoad.Command>> mix = seed -> {
                java.util.Random random = new java.util.Random(seed);
                AtomicLong n = new AtomicLong();
                return () -> new OpenLoopLoad.Command("bare-download", "POST", "/bare/members/"
                        + members.get(random.nextInt(members.size())) + "/downloads",
                        "{\"documentId\":\"doc-" + n.incrementAndGet() + "\",\"title\":\"Price list\"}",
                        "bench-portal-token");
            };
            // the same 45 s of warm-up as a ledger node, at rates this endpoint takes in its stride
            for (int rate : new int[] {100, 300, 600}) {
                new OpenLoopLoad(port).run(rate, 15, mix.apply((long) rate), null);
            }
            NodeProcess.sleep(2000);
            List<String> before = new ArrayList<>(steps);
            steps.clear();
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < REPEATS; i++) {
                rates.add(maxRate(port, mix, 500 + i));
            }
            List<ClosedLoopLoad.Result> closed = new ArrayList<>();
            for (int i = 0; i < REPEATS; i++) {
                closed.add(new ClosedLoopLoad(port).run(CLOSED_LOOP_CONNECTIONS, CLOSED_LOOP_SECONDS,
                        mix.apply(700L + i)));
            }
            bareClosed = median(closed.stream().map(ClosedLoopLoad.Result::perSecond).toList());
            long rows;
            try (Connection connection = DriverManager.getConnection(ROOT_URL + DB, "postgres", "");
                 var count = connection.createStatement().executeQuery("SELECT count(*) FROM bench.bare_event")) {
                count.next();
                rows = count.getLong(1);
            }
            line("## 1b. Baseline: a bare Spring Boot endpoint");
            line("`ledger.bench.bare.BareEndpointApplication` (this module): Spring Boot 3.5.7, Tomcat, Spring MVC, Jackson,"
                    + " Hikari with 32 connections, -Xmx512m like a ledger node; `POST /bare/members/{id}/downloads` reads one"
                    + " row and inserts one ~300-byte row in one transaction; no security, Axon, encryption or read models."
                    + " Stepped up open loop exactly like the ledger in section 2:");
            line("- highest rate with p99 < 100 ms: " + fmt(median(rates)) + " requests/s " + range(rates) + " ("
                    + rows + " rows appended in all)");
            line("- closed loop, " + CLOSED_LOOP_CONNECTIONS + " connections, " + CLOSED_LOOP_SECONDS + " s: "
                    + closedLine(closed));
            line("- every step:");
            steps.forEach(step -> line("  - " + step));
            line("");
            steps.clear();
            steps.addAll(before);
            return median(rates);
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** Scenario 7 on a node of its own, with snapshots every 250 events (the default) or none. */
    private void longHistories(String url, boolean snapshots) throws Exception {
        String[] args = snapshots ? concat(BENCH_TOKENS, "--spring.profiles.active=bench")
                : concat(BENCH_TOKENS, "--spring.profiles.active=bench", "--ledger.snapshot-threshold=0");
        try (NodeProcess node = NodeProcess.start(url, work.resolve("service-history.log"), args)) {
            if (snapshots) {
                line("## 7. Long histories");
            }
            MasterKeys keys = new MasterKeys(MasterKeys.decode(NodeProcess.MASTER_KEY), List.of());
            // the JIT compiles the command path first
            sequentialCommands(node, new MemberId(node.api().as("bench-portal-token").register(Api.uniqueUsername())),
                    300, 99);
            for (int size : new int[] {10, 1_000, 10_000}) {
                MemberId member = MemberId.random();
                new EventGenerator(url, keys, false).write(List.of(member), size);
                settle();
                List<Double> p50s = new ArrayList<>();
                for (int r = 0; r < REPEATS; r++) {
                    p50s.add(sequentialCommands(node, member, 20, r));
                }
                line("- member with " + size + " events, " + (snapshots ? "snapshots every 250 events" : "no snapshots")
                        + ": command latency p50 " + fmt(median(p50s)) + " ms " + range(p50s));
            }
            if (!snapshots) {
                line("Snapshots are encrypted like the events (see docs/crypto-shredding.md).");
                line("");
            }
        }
    }

    /**
     * Campaign audit (issue 31): 10,000 members who consented to the newsletter, then one
     * {@code POST /api/v1/audit/campaigns} for all of them, repeated; as JSON and as CSV.
     */
    private void campaignAudit(String url) throws Exception {
        try (NodeProcess node = NodeProcess.start(url, work.resolve("service-campaign.log"),
                concat(BENCH_TOKENS, "--spring.profiles.active=bench", "--ledger.http.max-campaign-body-bytes=524288"))) {
            List<UUID> members = seed(node, 10_000);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (UUID member : members) {
                done.add(pool.submit(() -> new Api(node.port).as("bench-portal-token").post("/api/v1/members/" + member
                        + "/consents", "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}")));
            }
            for (Future<?> future : done) {
                future.get();
            }
            pool.shutdown();
            settle();
            String body = "{\"purpose\":\"newsletter\",\"at\":\"" + Instant.now().plusSeconds(1)
                    + "\",\"memberIds\":[" + members.stream().map(m -> "\"" + m + "\"")
                    .collect(java.util.stream.Collectors.joining(",")) + "]}";
            Api auditor = new Api(node.port).as("bench-auditor-token");
            List<Double> json = new ArrayList<>();
            List<Double> csv = new ArrayList<>();
            int granted = -1;
            for (int r = 0; r < REPEATS + 1; r++) {
                long started = System.nanoTime();
                Api.Response answer = auditor.post("/api/v1/audit/campaigns", body);
                double ms = (System.nanoTime() - started) / 1e6;
                if (answer.status() != 200) {
                    throw new IllegalStateException("the campaign audit answered " + answer.status());
                }
                granted = answer.json().at("/summary/granted").asInt();
                long csvStarted = System.nanoTime();
                Api.Response asCsv = new Api(node.port).as("bench-auditor-token").header("Accept", "text/csv")
                        .post("/api/v1/audit/campaigns", body);
                double csvMs = (System.nanoTime() - csvStarted) / 1e6;
                if (asCsv.status() != 200) {
                    throw new IllegalStateException("the campaign audit as CSV answered " + asCsv.status());
                }
                if (r > 0) {
                    // the first call warms the path up
                    json.add(ms);
                    csv.add(csvMs);
                }
            }
            line("## Campaign audit");
            line("`POST /api/v1/audit/campaigns` for 10,000 members who consented to the newsletter (" + granted
                    + " granted in the answer), one request each, after one warm-up call:");
            line("- JSON: " + fmt(median(json)) + " ms " + range(json) + "; CSV: " + fmt(median(csv)) + " ms "
                    + range(csv));
            line("");
        }
    }

    /** Scenario 4: the throughput search again with the null cipher. */
    private void crypto(String url, double encryptedMax, double encryptedReplay, double nullReplay)
            throws Exception {
        String[] encrypted = BENCH_TOKENS;
        recreateDatabase();
        double nullMax;
        try (NodeProcess node = NodeProcess.start(NULL_CIPHER, url, work.resolve("service-null.log"),
                concat(encrypted, "--spring.profiles.active=bench"))) {
            List<UUID> pool = seed(node, 1000);
            warmUp(node, pool);
            List<Double> maxRates = new ArrayList<>();
            for (int i = 0; i < REPEATS; i++) {
                maxRates.add(maxRate(node, pool, 100 + i));
            }
            nullMax = median(maxRates);
            line("## 4. Crypto cost");
            line("The same scenarios with the null cipher (the bench module's `BenchLedgerApplication`: the service"
                    + " with the `NullCipher` decorator as its field cipher; key lookups unchanged, no AES):");
            line("- commands: " + fmt(nullMax) + " /s " + range(maxRates) + " with the null cipher; encrypted / null = **"
                    + fmt2(encryptedMax / nullMax) + "** (goal >= 0.95)");
            line("- replay: " + fmt(nullReplay) + " events/s with the null cipher, " + fmt(encryptedReplay)
                    + " encrypted; encrypted / null = **" + fmt2(encryptedReplay / nullReplay) + "** (goal >= 0.85)");
            line("- every step with the null cipher:");
            steps.forEach(step -> line("  - " + step));
            line("");
        }
    }

    // ---- scenarios ----

    private double[] pgbench() throws Exception {
        Path script = work.resolve("insert.sql");
        Files.writeString(script, "INSERT INTO bench.bench_event (event_identifier, payload, payload_type, time_stamp,"
                + " aggregate_identifier, sequence_number, type) VALUES (gen_random_uuid()::text,"
                + " decode(repeat('6a', 300), 'hex'), 'ledger.core.member.DocumentDownloaded', now()::text,"
                + " gen_random_uuid()::text, 0, 'Member');\n");
        sql("DROP TABLE IF EXISTS bench.bench_event");
        sql("CREATE TABLE bench.bench_event (LIKE bench.domain_event_entry_shape INCLUDING ALL)");
        Path logDir = Files.createTempDirectory(work, "pgbench");
        Process process = new ProcessBuilder("pgbench", "-n", "-h", "127.0.0.1", "-U", "postgres", "-c",
                String.valueOf(CLIENTS), "-j", "2", "-T", String.valueOf(STEP_SECONDS), "-f", script.toString(), "-l",
                "--log-prefix=" + logDir.resolve("tx"), DB).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        Matcher tps = Pattern.compile("tps = ([0-9.]+) \\(without initial").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench: " + output);
        }
        Histogram latency = new Histogram(3);
        try (var files = Files.list(logDir)) {
            for (Path file : files.toList()) {
                for (String row : Files.readAllLines(file)) {
                    String[] cols = row.split(" ");
                    latency.recordValue(Long.parseLong(cols[2]));
                }
            }
        }
        return new double[] {Double.parseDouble(tps.group(1)), latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0};
    }

    /**
     * The JIT compiles the hot paths first; nothing measured here. A 20-second warm-up left the C2
     * compiler as the service's busiest thread during the first measured steps (flight recording).
     * Since the service grew (ledger log, notices, requests) 45 s at 40/80/120 per s was worse than
     * none: at 40/s the service's CPU per command only settled after about 2.5 minutes (35 ms per
     * command in the first 30 s, 14 ms from the fourth minute; ps-measured), and 120/s on a cold
     * JVM queued a backlog that spilled into the measured steps. So: 150 s at 40/s, then 30 s at 80/s.
     */
    private static void warmUp(NodeProcess node, List<UUID> pool) throws Exception {
        new OpenLoopLoad(node.port).run(40, 150, OpenLoopLoad.portalMix(pool, "bench-portal-token", 40), null);
        new OpenLoopLoad(node.port).run(80, 30, OpenLoopLoad.portalMix(pool, "bench-portal-token", 80), null);
        NodeProcess.sleep(2000);
    }

    private final List<String> steps = new ArrayList<>();

    /**
     * Steps the rate up (+25/s below 200/s, x1.25 above) until a step fails, then halves the gap
     * between the last passing and the failing rate twice: the answer is within ~6/s.
     */
    private double maxRate(NodeProcess node, List<UUID> pool, int seed) throws Exception {
        return maxRate(node.port, stepSeed -> OpenLoopLoad.portalMix(pool, "bench-portal-token", stepSeed), seed);
    }

    private double maxRate(int port, Function<Long, Supplier<OpenLoopLoad.Command>> mix, int seed) throws Exception {
        double best = 0;
        double rate = 50;
        double failing = Double.NaN;
        while (rate <= 5000) {
            if (!step(port, mix, seed, rate)) {
                failing = rate;
                break;
            }
            best = rate;
            rate = rate < 200 ? rate + 25 : rate * 1.25;
        }
        for (int i = 0; i < 2 && !Double.isNaN(failing); i++) {
            double middle = Math.round((best + failing) / 2);
            if (step(port, mix, seed, middle)) {
                best = middle;
            } else {
                failing = middle;
            }
        }
        return best;
    }

    /**
     * One step of the search: does {@code rate} pass (p99 < 100 ms, nothing failed or dropped)? A
     * failing step is run once more and decides then: one stall (a GC, a checkpoint, a compile) in a
     * 6-second step ended whole searches at their first rate, so a rate fails only when it fails twice.
     */
    private boolean step(int port, Function<Long, Supplier<OpenLoopLoad.Command>> mix, int seed, double rate)
            throws Exception {
        return stepOnce(port, mix, seed, rate) || stepOnce(port, mix, seed + 7, rate);
    }

    private boolean stepOnce(int port, Function<Long, Supplier<OpenLoopLoad.Command>> mix, int seed, double rate)
            throws Exception {
        OpenLoopLoad.Result result = new OpenLoopLoad(port).run(rate, STEP_SECONDS, mix.apply(seed * 1000L + (long) rate),
                null);
        boolean passes = result.p(99) < 100 && result.failed() == 0 && result.dropped() == 0;
        StringBuilder kinds = new StringBuilder();
        result.byKind().forEach((kind, h) -> kinds.append(String.format(Locale.ROOT, " %s p99 %.0f", kind,
                h.getValueAtPercentile(99) / 1000.0)));
        String step = String.format(Locale.ROOT, "%.0f/s: p50 %.1f ms, p99 %.1f ms, failed %d;%s", rate,
                result.p(50), result.p(99), result.failed(), kinds);
        System.out.println("rate " + step);
        steps.add(step);
        NodeProcess.sleep(1000);
        return passes;
    }

    private record Result(Histogram commands, Histogram lag, Histogram erasure, Histogram leafDelay,
                          Map<String, Histogram> byKind) {
    }

    private static String closedLine(List<ClosedLoopLoad.Result> runs) {
        List<Double> rates = runs.stream().map(ClosedLoopLoad.Result::perSecond).toList();
        List<Double> p99 = runs.stream().map(r -> r.latency().getValueAtPercentile(99) / 1000.0).toList();
        long failed = runs.stream().mapToLong(ClosedLoopLoad.Result::failed).sum();
        return fmt(median(rates)) + " completed/s " + range(rates) + ", p99 " + fmt(median(p99)) + " ms"
                + (failed == 0 ? "" : ", " + failed + " failed");
    }

    private static String perKind(Map<String, Histogram> byKind) {
        StringBuilder out = new StringBuilder();
        byKind.forEach((kind, h) -> out.append(out.isEmpty() ? "" : ", ").append(kind).append(' ')
                .append(Math.round(h.getValueAtPercentile(99) / 1000.0)).append(" ms"));
        return out.toString();
    }

    private Result halfRate(NodeProcess node, List<UUID> pool, double rate, String url, int seed) throws Exception {
        OpenLoopLoad load = new OpenLoopLoad(node.port);
        Recorder lag = new Recorder(3);
        Recorder erasure = new Recorder(3);
        ExecutorService sampler = Executors.newFixedThreadPool(2);
        // one erasure a second, spread over the whole half-load run
        int seconds = Math.max(STEP_SECONDS * 2, 10);
        List<UUID> toErase = new ArrayList<>(pool.subList(0, Math.min(pool.size() / 4, seconds)));
        pool.removeAll(toErase);
        Thread eraser = new Thread(() -> {
            Api dpm = new Api(node.port).as("bench-dpm-token");
            for (UUID member : toErase) {
                long start = System.nanoTime();
                dpm.post("/api/v1/members/" + member + "/erasure", "{\"ground\":\"MEMBER_REQUEST\"}");
                erasure.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                NodeProcess.sleep(1000);
            }
        });
        eraser.start();
        AtomicLong sampled = new AtomicLong();
        Instant loadStart = Instant.now();
        OpenLoopLoad.Result result = load.run(rate, seconds, OpenLoopLoad.portalMix(pool,
                "bench-portal-token", seed), response -> {
            if (response.statusCode() == 201 && response.body().contains("memberId")
                    && sampled.incrementAndGet() % 5 == 0) {
                long answered = System.nanoTime();
                String id = response.body().replaceAll(".*\"memberId\":\"([^\"]+)\".*", "$1");
                sampler.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                         var query = connection.prepareStatement("SELECT 1 FROM member_view WHERE member_id = ?")) {
                        query.setObject(1, UUID.fromString(id));
                        while (System.nanoTime() - answered < 30_000_000_000L) {
                            if (query.executeQuery().next()) {
                                lag.recordValue(Math.max(1, (System.nanoTime() - answered) / 1000));
                                return;
                            }
                            Thread.sleep(2);
                        }
                    } catch (Exception e) {
                        // a sample lost is no latency
                    }
                    return;
                });
            }
        });
        eraser.join();
        sampler.shutdown();
        sampler.awaitTermination(60, TimeUnit.SECONDS);
        return new Result(result.latency(), lag.getIntervalHistogram(), erasure.getIntervalHistogram(),
                leafDelays(url, loadStart), result.byKind());
    }

    /**
     * Every event stored since {@code since}: from its timestamp (set before its transaction commits,
     * so this slightly overstates the delay) to its leaf's {@code sequenced_at}. Waits until the log
     * has them all (at most 30 s); one still without a leaf then counts as 30 s.
     */
    static Histogram leafDelays(String url, Instant since) throws SQLException {
        Histogram delays = new Histogram(3);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            String window = " FROM domain_event_entry e LEFT JOIN ledger_log_leaf l ON l.global_index = e.global_index"
                    + " WHERE e.time_stamp::timestamptz >= ?::timestamptz";
            while (System.nanoTime() < deadline) {
                try (var missing = connection.prepareStatement("SELECT count(*)" + window + " AND l.leaf_index IS NULL")) {
                    missing.setString(1, since.toString());
                    var rows = missing.executeQuery();
                    rows.next();
                    if (rows.getLong(1) == 0) {
                        break;
                    }
                }
                NodeProcess.sleep(200);
            }
            try (var query = connection.prepareStatement("SELECT coalesce(extract(epoch from (l.sequenced_at"
                    + " - e.time_stamp::timestamptz)) * 1000000, 30000000)" + window)) {
                query.setString(1, since.toString());
                var rows = query.executeQuery();
                while (rows.next()) {
                    delays.recordValue(Math.max(1, rows.getLong(1)));
                }
            }
        }
        return delays;
    }

    /**
     * Scenario 9: the command ceiling with the verifiable ledger's sequencer on and off, alternating,
     * each on a fresh database and node, so both halves see the same machine.
     */
    private void logCeiling(String url) throws Exception {
        List<String> before = new ArrayList<>(steps);
        steps.clear();
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        List<String> onSteps = new ArrayList<>();
        List<String> offSteps = new ArrayList<>();
        List<String> leafDelays = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            for (boolean log : new boolean[] {true, false}) {
                recreateDatabase();
                Path checkpoints = Files.createTempDirectory(work, "ceiling-checkpoints");
                try (NodeProcess node = NodeProcess.start(url, work.resolve("service-log-" + log + ".log"),
                        concat(BENCH_TOKENS, "--spring.profiles.active=bench", "--ledger.log.sequencer.enabled=" + log,
                                "--ledger.log.checkpoint-dir=" + checkpoints))) {
                    List<UUID> pool = seed(node, 1000);
                    warmUp(node, pool);
                    double max = maxRate(node, pool, 300 + i);
                    (log ? on : off).add(max);
                    (log ? onSteps : offSteps).addAll(steps);
                    steps.clear();
                    if (log) {
                        double half = Math.max(max, 25) / 2;
                        Instant start = Instant.now();
                        new OpenLoopLoad(node.port).run(half, STEP_SECONDS * 2, OpenLoopLoad.portalMix(pool,
                                "bench-portal-token", 400 + i), null);
                        Histogram delays = leafDelays(url, start);
                        leafDelays.add(String.format(Locale.ROOT, "at %.0f/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                                + " (%d events)", half, delays.getValueAtPercentile(50) / 1000.0,
                                delays.getValueAtPercentile(99) / 1000.0, delays.getMaxValue() / 1000.0,
                                delays.getTotalCount()));
                    }
                }
            }
        }
        steps.addAll(before);
        line("## 9. Verifiable ledger: command ceiling with the log on and off");
        line("The search of section 2 on fresh databases and nodes, alternating: the log on (default) and"
                + " `--ledger.log.sequencer.enabled=false` (no leaves, no checkpoints); " + REPEATS + " pair(s):");
        line("- log on: " + fmt(median(on)) + " commands/s " + range(on) + "; log off: " + fmt(median(off))
                + " commands/s " + range(off) + "; on / off = **" + fmt2(median(on) / median(off))
                + "** (goal: a drop of at most 5 %, i.e. >= 0.95)");
        line("- leaf delay on the log-on nodes at half their ceiling (every event of " + (STEP_SECONDS * 2)
                + " s: its timestamp, taken before its commit -> its leaf written; goal p99 < 1000 ms):");
        leafDelays.forEach(delay -> line("  - " + delay));
        line("- steps with the log on (a failing rate is run twice):");
        onSteps.forEach(step -> line("  - " + step));
        line("- steps with the log off (a failing rate is run twice):");
        offSteps.forEach(step -> line("  - " + step));
        line("");
    }

    /** 11. Startup of the embedded default, as the README's run command and as a bare {@code java -jar}. */
    /**
     * What an idle node costs PostgreSQL: its commits a second (pg_stat_database) over a minute, 30 s after it is
     * ready, and the connections it holds. Goal of the throughput issue: at most 5 commits a second, at most 10
     * connections per node (ten nodes in PostgreSQL's default 100).
     */
    private void idle() throws Exception {
        String db = "ledger_bench_idle";
        try (Connection root = DriverManager.getConnection(ROOT_URL + "postgres", "postgres", "");
             Statement statement = root.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + db);
        }
        double commitsPerSecond;
        long connections;
        try (NodeProcess node = NodeProcess.start(ROOT_URL + db, work.resolve("service-idle.log"),
                concat(BENCH_TOKENS, "--spring.profiles.active=bench",
                        "--ledger.log.checkpoint-dir=" + work.resolve("checkpoints-idle")));
             Connection root = DriverManager.getConnection(ROOT_URL + "postgres", "postgres", "")) {
            Thread.sleep(30_000);
            long before = commitsOf(root, db);
            long start = System.nanoTime();
            Thread.sleep(60_000);
            long after = commitsOf(root, db);
            commitsPerSecond = (after - before) / ((System.nanoTime() - start) / 1e9);
            try (Statement statement = root.createStatement();
                 ResultSet count = statement.executeQuery(
                         "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db + "'")) {
                count.next();
                connections = count.getLong(1);
            }
        }
        line("## Idle node");
        line("One node on a fresh database, measured over 60 s from 30 s after it was ready:");
        line("- PostgreSQL commits " + fmt2(commitsPerSecond) + " a second (goal: at most 5)");
        line("- connections held: " + connections + " (goal: at most 10 a node)");
        line("");
    }

    private static long commitsOf(Connection root, String db) throws SQLException {
        try (Statement statement = root.createStatement();
             ResultSet commits = statement.executeQuery(
                     "SELECT xact_commit FROM pg_stat_database WHERE datname = '" + db + "'")) {
            commits.next();
            return commits.getLong(1);
        }
    }

    private void startup() throws Exception {
        int starts = Math.max(REPEATS, 2) + 1;
        Path jar = Path.of(System.getProperty("node.jar"));
        Path plainDir = Files.createDirectory(work.resolve("startup-java-jar"));
        List<Double> plain = Startup.measure(List.of("java", "-jar", jar.toString()), plainDir, starts);
        Startup.forgetExtract(jar);
        Path scriptDir = Files.createDirectory(work.resolve("startup-bin-ledger"));
        List<Double> script = Startup.measure(List.of(Path.of("..", "bin", "ledger").toAbsolutePath().normalize()
                .toString()), scriptDir, starts);
        line("## 11. Startup of the embedded default");
        line("Seconds from launch to `/actuator/health/readiness` answering 200, no database configured (the"
                + " embedded PostgreSQL in a fresh directory), " + starts + " starts in a row, each stopped with"
                + " SIGTERM; the first start creates the database (and for bin/ledger extracts the jar and trains"
                + " its class-data-sharing archive), the goal is for the later ones:");
        List<Double> plainLater = plain.subList(1, plain.size());
        List<Double> scriptLater = script.subList(1, script.size());
        line("- `bin/ledger` (the README's run command): first start " + fmt(script.get(0)) + " s; later starts **"
                + fmt(median(scriptLater)) + " s** " + range(scriptLater) + " (goal <= 12 s)");
        line("- `java -jar ledger.jar`: first start " + fmt(plain.get(0)) + " s; later starts " + fmt(median(plainLater))
                + " s " + range(plainLater));
        line("");
    }

    /**
     * Scenario 9b: the log's cost at a fixed rate ({@link LogCost}), REPEATS pairs of nodes: machine CPU per
     * command with the sequencer on and off. Bounds the ceiling on two shared cores, and resolves a few
     * percent where the search of section 9 cannot.
     */
    private void logCost() throws Exception {
        double rate = Double.parseDouble(System.getProperty("bench.logcost-rate", "60"));
        List<LogCost.Round> rounds = LogCost.measure(rate, REPEATS, ROOT_URL, round -> System.out.println(round));
        List<Double> on = rounds.stream().filter(LogCost.Round::log).map(LogCost.Round::machineMs).toList();
        List<Double> off = rounds.stream().filter(r -> !r.log()).map(LogCost.Round::machineMs).toList();
        double meanOn = on.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double meanOff = off.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        line("## 9b. Verifiable ledger: machine CPU per command with the log on and off, at a fixed rate");
        line("`ledger.bench.LogCost`: " + REPEATS + " pair(s) of fresh nodes and databases (log on first in even"
                + " pairs, off first in odd ones), each warmed up (300 members, 150 s at 40/s, 30 s at the rate),"
                + " then two 30-s rounds at " + fmt(rate) + " commands/s; machine-wide CPU from /proc/stat (service,"
                + " PostgreSQL and load generator share the two cores, so this bounds the ceiling):");
        line("- log on: mean **" + fmt2(meanOn) + " ms** per command " + range(on) + "; log off: mean **"
                + fmt2(meanOff) + " ms** " + range(off) + "; on / off = **" + fmt2(meanOn / meanOff)
                + "** (a ceiling drop of at most 5 % needs <= 1.05)");
        List<Double> sequencer = rounds.stream().filter(LogCost.Round::log).map(LogCost.Round::sequencerMs).toList();
        List<Double> machine = rounds.stream().filter(LogCost.Round::log).map(LogCost.Round::machineMs).toList();
        double share = 0;
        for (int i = 0; i < sequencer.size(); i++) {
            share += sequencer.get(i) / machine.get(i) / sequencer.size();
        }
        line("- the log-on nodes' sequencer rounds (`ledger.log.sequencer.rounds`: one thread waiting on one"
                + " database session, so their duration bounds the CPU they cost the service and PostgreSQL):"
                + " mean **" + fmt2(sequencer.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))
                + " ms per command " + range(sequencer) + ", " + String.format(Locale.ROOT, "%.1f", share * 100)
                + " %** of the machine CPU per command");
        List<Double> leafP99 = rounds.stream().filter(LogCost.Round::log).map(LogCost.Round::leafP99).toList();
        line("- leaf delay on the log-on nodes at " + fmt(rate) + " commands/s (every event of a round: its timestamp,"
                + " taken before its commit -> its leaf written; goal p99 < 1000 ms at half the ceiling): p99 "
                + range(leafP99) + " ms over the rounds");
        rounds.forEach(round -> line("  - " + round));
        line("");
    }

    /**
     * Waits until the node's sequencer has given every stored event a leaf and signed a checkpoint of
     * them all; answers the seconds that took (the log's catch-up after a bulk load).
     */
    private static double awaitLogComplete(String url, long events) throws SQLException {
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(30).toNanos();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             var query = connection.prepareStatement("SELECT (SELECT count(*) FROM ledger_log_leaf),"
                     + " (SELECT coalesce(max(tree_size), 0) FROM ledger_log_checkpoint)")) {
            while (System.nanoTime() < deadline) {
                var rows = query.executeQuery();
                rows.next();
                if (rows.getLong(1) >= events && rows.getLong(2) >= rows.getLong(1)) {
                    return (System.nanoTime() - start) / 1e9;
                }
                NodeProcess.sleep(500);
            }
        }
        throw new IllegalStateException("the log did not catch up with " + events + " events");
    }

    /**
     * Waits until the node has digested what the load before left behind (the closed loop's 20 s of downloads:
     * the read models' processors at the head, every event in the log): a half-rate run that started at once
     * measured the node's catch-up on that backlog, not half its ceiling (docs/performance.md, "Issue 32, eighth
     * round"). Answers the seconds that took.
     */
    private static double awaitSettled(NodeProcess node, String url) throws SQLException {
        long start = System.nanoTime();
        long events;
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM domain_event_entry")) {
            count.next();
            events = count.getLong(1);
        }
        awaitLogComplete(url, events);
        awaitCaughtUp(node.api().as("bench-admin-token"));
        return (System.nanoTime() - start) / 1e9;
    }

    private static Instant databaseNow(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             ResultSet now = connection.createStatement().executeQuery("SELECT now()")) {
            now.next();
            return now.getTimestamp(1).toInstant();
        }
    }

    /**
     * Waits for the node's first scheduled verification (a full pass over every leaf; due a minute after the
     * schema's node started, so at once or within a minute of this node's start): without the wait it ran inside
     * the timed replay whenever it fell due after the log's catch-up, a second pass over the million events in a
     * step meant to time one.
     */
    private static void awaitFirstScheduledVerification(String url, Instant nodeStart) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             var query = connection.prepareStatement("SELECT count(*) FROM ledger_log_verification"
                     + " WHERE checked_at >= ?")) {
            // nothing else verifies before the replay
            query.setTimestamp(1, java.sql.Timestamp.from(nodeStart));
            while (System.nanoTime() < deadline) {
                var rows = query.executeQuery();
                rows.next();
                if (rows.getLong(1) > 0) {
                    return;
                }
                NodeProcess.sleep(500);
            }
        }
        throw new IllegalStateException("the node's first scheduled verification did not end");
    }

    /** The offline verifier (`java -jar ledger.jar verify`) over the stored events, with the node stopped. */
    private void verifier(String url, Path checkpoints, Path publicKey, long events, double catchUpSeconds)
            throws Exception {
        List<Double> ownRates = new ArrayList<>();
        List<Double> wallRates = new ArrayList<>();
        String last = "";
        for (int i = 0; i < REPEATS; i++) {
            List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-jar",
                    System.getProperty("node.jar"), "verify", "--checkpoints", checkpoints.toString(),
                    "--public-key", publicKey.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("SPRING_DATASOURCE_URL", url);
            builder.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
            long start = System.nanoTime();
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            int status = process.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            Matcher ok = Pattern.compile("(?m)^OK (\\d+) ").matcher(output);
            Matcher rate = Pattern.compile("\\((\\d+) events/s\\)").matcher(output);
            if (status != 0 || !ok.find() || !rate.find()) {
                throw new IllegalStateException("verify exited " + status + ": " + output);
            }
            long size = Long.parseLong(ok.group(1));
            ownRates.add(Double.parseDouble(rate.group(1)));
            wallRates.add(size / seconds);
            last = output.strip().lines().filter(l -> l.startsWith("OK ")).findFirst().orElse("");
        }
        line("## 10. Verifiable ledger: offline verifier");
        line("`java -jar ledger.jar verify` over the replay's " + events + " stored events (and the service's own"
                + " events), every leaf recomputed from its row, every checkpoint file's signature and root checked,"
                + " the service stopped; " + REPEATS + " run(s):");
        line("- **" + fmt(median(ownRates)) + " events/s** " + range(ownRates) + " as the verifier reports it (from"
                + " its snapshot to its answer); " + fmt(median(wallRates)) + " events/s " + range(wallRates)
                + " over the whole command, JVM start included (goal >= 50,000)");
        line("- its answer: `" + last + "`");
        line("- the sequencer gave the " + events + " bulk-loaded events their leaves and a checkpoint in "
                + fmt(catchUpSeconds) + " s (" + fmt(events / catchUpSeconds) + " leaves/s) after the node started");
        line("");
    }

    private double sequentialCommands(NodeProcess node, MemberId member, int count, int round) {
        BenchNotices.register(node.port);
        Api api = new Api(node.port).as("bench-portal-token");
        Histogram latency = new Histogram(3);
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            int status = api.post("/api/v1/members/" + member + "/consents",
                    "{\"purpose\":\"newsletter\",\"policyVersion\":\"" + BenchNotices.version(i) + "\"}").status();
            if (status != 201) {
                throw new IllegalStateException("command on a long history answered " + status);
            }
            latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
        }
        return latency.getValueAtPercentile(50) / 1000.0;
    }

    /**
     * Rebuilds all read models from REPLAY_EVENTS stored events through the admin replay endpoint;
     * answers events per second. The events are written while no node runs (a node started once
     * has created the schema and the processors' tokens), and the tokens are then set to the head,
     * so the node starts caught up and the timed replay is the only pass over a million events.
     */
    private double replay(String url, boolean nullCipher) throws Exception {
        // the scale step's campaign audit names 10,000 members
        String[] args = concat(BENCH_TOKENS, "--spring.profiles.active=bench", "--ledger.http.max-campaign-body-bytes=524288");
        Launch launch = nullCipher ? NULL_CIPHER : Launch.packagedJar();
        List<Double> rates = new ArrayList<>();
        List<Double> copyRates = new ArrayList<>();
        for (int r = 0; r < REPLAY_REPEATS; r++) {
            recreateDatabase();
            // one checkpoint directory for both nodes: the database records the fleet's and refuses another
            Path checkpoints = Files.createTempDirectory(work, "replay-checkpoints");
            try (NodeProcess schema = NodeProcess.start(launch, url, work.resolve("replay.log"), concat(args,
                    "--ledger.log.checkpoint-dir=" + checkpoints))) {
                awaitCaughtUp(schema.api().as("bench-admin-token"));
            }
            MasterKeys keys = new MasterKeys(MasterKeys.decode(NodeProcess.MASTER_KEY), List.of());
            int members = REPLAY_EVENTS / 10;
            List<MemberId> ids = IntStream.range(0, members).mapToObj(i -> MemberId.random()).toList();
            copyRates.add(new EventGenerator(url, keys, nullCipher).write(ids, 10));
            settle();
            sql("UPDATE token_entry SET owner = NULL, token_type = 'org.axonframework.eventhandling.GapAwareTrackingToken',"
                    + " token = convert_to('{\"index\":' || (SELECT max(global_index) FROM domain_event_entry)"
                    + " || ',\"gaps\":[]}', 'UTF8')");
            Path publicKey = work.resolve("public-key");
            double logCatchUp;
            Instant nodeStart = databaseNow(url);
            try (NodeProcess node = NodeProcess.start(launch, url, work.resolve("replay.log"),
                    concat(args, "--ledger.log.checkpoint-dir=" + checkpoints))) {
                Api admin = node.api().as("bench-admin-token");
                awaitCaughtUp(admin);
                // the log appends leaves for the bulk-loaded events first: a live store has them already
                logCatchUp = awaitLogComplete(url, REPLAY_EVENTS);
                awaitFirstScheduledVerification(url, nodeStart);
                Files.writeString(publicKey, node.api().as("bench-auditor-token").get("/api/v1/ledger/public-key").body());
                if (!nullCipher && r == 0 && runs("verification")) {
                    verificationScopes(node, url);
                }
                if (runs("replay") || runs("scale")) {
                    long start = System.nanoTime();
                    for (String model : READ_MODELS) {
                        admin.post("/api/v1/admin/read-models/" + model + "/replay", null);
                    }
                    NodeProcess.sleep(200);
                    long head = awaitCaughtUp(admin);
                    rates.add(head / ((System.nanoTime() - start) / 1e9));
                }
                if (!nullCipher && r == 0 && runs("scale")) {
                    scale(node, ids, url);
                }
            }
            if (!nullCipher && r == 0 && runs("ledger")) {
                verifier(url, checkpoints, publicKey, REPLAY_EVENTS, logCatchUp);
            }
        }
        if (!runs("replay")) {
            return Double.NaN;
        }
        double rate = median(rates);
        if (!nullCipher) {
            line("## 6. Replay");
            line("All " + READ_MODELS.size() + " read models rebuilt at once (admin replay endpoint) from "
                    + REPLAY_EVENTS + " stored events (" + (REPLAY_EVENTS / 10) + " members x 10 events); "
                    + REPLAY_REPEATS + " run(s):");
            line("- " + fmt(rate) + " events/s " + range(rates) + "; PostgreSQL alone COPYs the same rows at "
                    + fmt(median(copyRates)) + " rows/s " + range(copyRates) + "; ratio **"
                    + fmt2(rate / median(copyRates)) + "**");
            line("");
        }
        return rate;
    }

    /**
     * The service's verification over the bulk-loaded store: a full pass (every leaf recomputed), then,
     * after new members registered through the API, a pass that goes on from it ({@code scope=new}).
     */
    private void verificationScopes(NodeProcess node, String url) throws Exception {
        Api auditor = node.api().as("bench-auditor-token");
        Api portal = node.api().as("bench-portal-token");
        List<Double> fullMs = new ArrayList<>();
        List<Double> sinceMs = new ArrayList<>();
        long size = 0;
        long from = 0;
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            var full = auditor.post("/api/v1/ledger/verification", null).json();
            fullMs.add((System.nanoTime() - start) / 1e6);
            if (!"OK".equals(full.get("status").asText())) {
                throw new IllegalStateException("the full verification failed: " + full);
            }
            for (int m = 0; m < 500; m++) {
                portal.post("/api/v1/members", Api.registration(Api.uniqueUsername(), "verification"));
            }
            long events;
            try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
                var rows = connection.createStatement().executeQuery("SELECT count(*) FROM domain_event_entry");
                rows.next();
                events = rows.getLong(1);
            }
            awaitLogComplete(url, events);
            start = System.nanoTime();
            var since = auditor.post("/api/v1/ledger/verification?scope=new", null).json();
            sinceMs.add((System.nanoTime() - start) / 1e6);
            if (!"OK".equals(since.get("status").asText())) {
                throw new IllegalStateException("the verification since the last failed: " + since);
            }
            size = since.get("treeSize").asLong();
            from = since.get("from").asLong();
        }
        line("## 10b. Verifiable ledger: the service's verification, full and since the last");
        line("`POST /api/v1/ledger/verification` on the running node over the bulk-loaded store (HTTP round trip"
                + " included), then 500 registrations through the API and `?scope=new`; " + REPEATS + " run(s):");
        line("- full (every leaf recomputed from its row): **" + fmt(median(fullMs)) + " ms** " + range(fullMs));
        line("- since the last (the last run: from " + from + " to " + size + ", " + (size - from)
                + " new leaves): **" + fmt(median(sinceMs)) + " ms** " + range(sinceMs));
        line("");
    }

    /**
     * What the cost of the reads follows on a store of REPLAY_EVENTS events over a tenth as many members,
     * its read models rebuilt: single-member reads, proofs and paging should stay flat; the auditor's
     * filtered lists, the dashboard and the scrape should follow their answer, not the store.
     */
    private void scale(NodeProcess node, List<MemberId> ids, String url) throws Exception {
        Api portal = node.api().as("bench-portal-token");
        Api auditor = node.api().as("bench-auditor-token");
        Api admin = node.api().as("bench-admin-token");
        // a notice that supersedes the generated consents' 2019-01-05 for the re-consent list
        int notice = node.api().as("bench-dpm-token").post("/api/v1/notices", "{\"version\":\"2026-12-01\","
                + "\"language\":\"en\",\"url\":\"https://www.zesec.com/privacy-policy/\",\"text\":\"Scale step"
                + " notice\",\"effectiveFrom\":\"2026-12-01T00:00:00Z\",\"purposes\":{\"portal-membership\":"
                + "{\"description\":\"Partner portal\",\"legalBasis\":\"Consent (GDPR Art. 6(1)(a))\"}},"
                + "\"retention\":\"three months after the membership ends\",\"recipients\":[]}").status();
        long leaves;
        long events;
        long eventBytes;
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            ResultSet rows = statement.executeQuery("SELECT (SELECT count(*) FROM ledger_log_leaf),"
                    + " (SELECT count(*) FROM domain_event_entry), pg_total_relation_size('domain_event_entry')");
            rows.next();
            leaves = rows.getLong(1);
            events = rows.getLong(2);
            eventBytes = rows.getLong(3);
        }
        java.util.Random random = new java.util.Random(32);
        Map<String, List<Double>> took = new java.util.LinkedHashMap<>();
        Map<String, Integer> failed = new java.util.LinkedHashMap<>();
        // right after a replay the planner still has the statistics of the emptied tables (autovacuum
        // analyzes them within about a minute): the re-consent page once as the replay left them, then
        // everything after an ANALYZE, as a store that has run a while has them
        for (int i = 0; i < 5; i++) {
            timed(took, failed, "`GET /audit/reconsent?notice=2026-12-01&limit=1000`, right after the replay"
                    + " (statistics of the emptied tables)", () -> auditor.get("/api/v1/audit/reconsent?notice=2026-12-01&limit=1000"));
        }
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        for (int i = 0; i < 300; i++) {
            String member = ids.get(random.nextInt(ids.size())).toString();
            long index = random.nextLong(leaves);
            timed(took, failed, "`GET /members/{id}`", () -> portal.get("/api/v1/members/" + member));
            timed(took, failed, "`GET /audit/consent-state` (one member, one purpose)", () -> auditor.get(
                    "/api/v1/audit/consent-state?memberId=" + member + "&purpose=portal-membership"));
            timed(took, failed, "`GET /ledger/proofs/inclusion`", () -> auditor.get(
                    "/api/v1/ledger/proofs/inclusion?index=" + index + "&treeSize=" + leaves));
            timed(took, failed, "`GET /ledger/proofs/consistency`", () -> auditor.get(
                    "/api/v1/ledger/proofs/consistency?first=" + (index + 1) + "&second=" + leaves));
        }
        String cursor = null;
        for (int i = 0; i < 50; i++) {
            String after = cursor;
            Api.Response page = timed(took, failed, "`GET /audit/consents` keyset pages of 100, one after the other",
                    () -> auditor.get("/api/v1/audit/consents?limit=100" + (after == null ? "" : "&cursor=" + after)));
            var next = page.status() == 200 ? page.json().path("nextCursor") : null;
            cursor = next == null || next.isNull() || next.isMissingNode() ? null : next.asText();
        }
        for (int i = 0; i < 20; i++) {
            timed(took, failed, "`GET /audit/consents?purpose=&from=&to=` (an empty window)", () -> auditor.get(
                    "/api/v1/audit/consents?purpose=newsletter&from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z"));
            timed(took, failed, "`GET /audit/reconsent?notice=2026-12-01&limit=1000` (a page of 1,000 ids)",
                    () -> auditor.get("/api/v1/audit/reconsent?notice=2026-12-01&limit=1000"));
            timed(took, failed, "`GET /actuator/prometheus` (the scrape)", () -> admin.get("/actuator/prometheus"));
        }
        // the console's page needs a sign-in the bench profile does not offer (token sign-in is for
        // development only): its two read-model queries, as the repository runs them
        String dashboard = "the dashboard's read-model queries (JDBC: erasures due in 30 days, open holds; 50 each)";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             var due = connection.prepareStatement("SELECT * FROM member_view WHERE status = 'ENDED' AND"
                     + " erasure_due_at IS NOT NULL AND erasure_due_at < ? ORDER BY erasure_due_at, member_id LIMIT 50");
             var holds = connection.prepareStatement("SELECT * FROM member_view_hold ORDER BY review_by NULLS FIRST,"
                     + " placed_at, hold_id LIMIT 50")) {
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                due.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.now().plus(Duration.ofDays(30))));
                due.executeQuery().close();
                holds.executeQuery().close();
                took.computeIfAbsent(dashboard, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
            }
        }
        String memberIds = ids.subList(0, Math.min(10_000, ids.size())).stream()
                .map(id -> "\"" + id + "\"").collect(java.util.stream.Collectors.joining(","));
        String campaign = "{\"purpose\":\"portal-membership\",\"at\":\"2026-12-01T00:00:00Z\",\"memberIds\":["
                + memberIds + "]}";
        for (int i = 0; i < 5; i++) {
            timed(took, failed, "`POST /audit/campaigns` over 10,000 members", () -> auditor.post(
                    "/api/v1/audit/campaigns", campaign));
        }
        line("## 12. Cost at scale: " + events + " events over " + ids.size() + " members");
        line("The replay's store, its read models rebuilt, on the same node (" + leaves + " leaves in the log; the"
                + " re-consent notice registered: " + notice + "). Per request, HTTP round trip included, in ms:");
        line("(the sweep's anti-join is not timed here: it reads above its watermark, `LedgerLogIT`; the"
                + " verifier's events/s are section 10 when `ledger` runs)");
        took.forEach((name, ms) -> {
            List<Double> sorted = ms.stream().sorted().toList();
            line("- " + name + ": p50 **" + fmt2(percentile(sorted, 0.50)) + "**, p99 " + fmt2(percentile(sorted, 0.99))
                    + " (" + sorted.size() + " requests" + (failed.containsKey(name) ? ", " + failed.get(name)
                    + " not 200" : "") + ")");
        });
        line("- bytes per event (`pg_total_relation_size('domain_event_entry')`, indexes and TOAST included): "
                + fmt(eventBytes / (double) events));
        line("");
    }

    private static Api.Response timed(Map<String, List<Double>> took, Map<String, Integer> failed, String name,
                                      java.util.function.Supplier<Api.Response> request) {
        long start = System.nanoTime();
        Api.Response response = request.get();
        took.computeIfAbsent(name, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
        if (response.status() != 200) {
            failed.merge(name, 1, Integer::sum);
        }
        return response;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** Waits until every read model has reached the head; answers the head's position. */
    private static long awaitCaughtUp(Api admin) {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            var statuses = admin.get("/api/v1/admin/read-models").json();
            boolean done = true;
            long head = 0;
            for (var status : statuses) {
                if (READ_MODELS.contains(status.get("name").asText())) {
                    done &= status.get("caughtUp").asBoolean() && !status.get("replaying").asBoolean()
                            && status.get("position").asLong() >= status.get("head").asLong();
                    head = Math.max(head, status.get("head").asLong());
                }
            }
            if (done) {
                return head;
            }
            NodeProcess.sleep(200);
        }
        throw new IllegalStateException("read models did not catch up");
    }

    private List<UUID> seed(NodeProcess node, int members) throws Exception {
        BenchNotices.register(node.port);
        List<UUID> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            done.add(pool.submit(() -> {
                UUID id = new Api(node.port).as("bench-portal-token").register(Api.uniqueUsername());
                ids.add(id);
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        return new ArrayList<>(ids);
    }

    // ---- helpers ----

    private void recreateDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(ROOT_URL + "postgres", "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + DB);
        }
        sql("CREATE SCHEMA bench");
        sql("CREATE TABLE bench.domain_event_entry_shape (global_index BIGSERIAL PRIMARY KEY, event_identifier VARCHAR(255)"
                + " NOT NULL UNIQUE, meta_data BYTEA, payload BYTEA NOT NULL, payload_revision VARCHAR(255),"
                + " payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL, aggregate_identifier"
                + " VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255),"
                + " UNIQUE (aggregate_identifier, sequence_number))");
    }

    /**
     * After a bulk COPY: statistics for the planner and hint bits set, as a live store has them
     * (autovacuum would do this within a minute; without it the first reader pays for it).
     */
    private static void settle() throws SQLException {
        sql("VACUUM (ANALYZE) domain_event_entry, data_key");
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ROOT_URL + DB, "postgres", "");
             Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    private static String version(String query) {
        try (Connection connection = DriverManager.getConnection(ROOT_URL + "postgres", "postgres", "");
             var result = connection.createStatement().executeQuery(query)) {
            result.next();
            return query.contains("version") ? "PostgreSQL " + result.getString(1) : result.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    private static long peakRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static <T> T medianBy(List<T> values, ToLongFunction<T> key) {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparingLong(key));
        return sorted.get(sorted.size() / 2);
    }

    private static String ms(List<Result> results, Function<Result, Histogram> which, double p) {
        List<Double> values = results.stream().map(r -> which.apply(r).getTotalCount() == 0 ? Double.NaN
                : which.apply(r).getValueAtPercentile(p) / 1000.0).toList();
        return fmt(median(values)) + " ms " + range(values);
    }

    private static String range(List<Double> values) {
        if (values.isEmpty()) {
            return "[not searched]";
        }
        return "[" + fmt(Collections.min(values)) + "-" + fmt(Collections.max(values)) + "]";
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }

    /** Ratios: two decimals, three below 0.1 so a small ratio does not read as zero. */
    private static String fmt2(double value) {
        return String.format(Locale.ROOT, Math.abs(value) < 0.1 ? "%.3f" : "%.2f", value);
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }

}
