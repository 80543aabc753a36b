package ledger.bench;

import java.nio.file.*;
import java.sql.*;
import java.util.*;
import java.util.concurrent.*;
import ledger.api.reliability.NodeProcess;
import ledger.api.support.Api;

/**
 * The verifiable ledger's cost at a fixed rate: nodes with the sequencer on and off, each on a fresh
 * database (on first in even pairs, off first in odd ones, so a drift over the run favours neither):
 * 300 members, 150 s at 40/s and 30 s at the rate to warm up, then two 30-s rounds at the rate.
 * Reports machine-wide CPU per command (from /proc/stat: service, PostgreSQL and the load generator,
 * which all share the two cores, so it is what bounds the ceiling) and the service's own CPU per
 * command. Far steadier than a ceiling search, whose nodes differ by more than the 5 % it should
 * resolve. bench/run's scenario {@code logcost} (section 9b) runs it; alone, on the bench classpath:
 * {@code java -Dnode.jar=ledger-api/target/ledger.jar -cp "bench/target/classes:$(cat bench/target/bench.classpath)"
 * ledger.bench.LogCost 60 2} (rate, pairs). Prints one line per round.
 */
public class LogCost {

    /** One 30-s round on one node. */
    record Round(int pair, boolean log, int round, double rate, double machineMs, double busyPercent, double serviceMs,
                 double p50, double p99, long failed, double sequencerMs, double roundsPerSecond, double leafP99,
                 double leafMax) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "pair %d log %-5s round %d at %.0f/s: machine CPU %.2f ms per command"
                    + " (busy %.0f%% of 2 cores), service CPU %.2f ms, p50 %.1f p99 %.1f ms, failed %d", pair, log,
                    round, rate, machineMs, busyPercent, serviceMs, p50, p99, failed)
                    + (log ? String.format(Locale.ROOT, "; sequencer rounds %.1f/s taking %.3f ms per command;"
                    + " leaf delay p99 %.0f ms, max %.0f ms", roundsPerSecond, sequencerMs, leafP99, leafMax) : "");
        }
    }

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(args[0]);
        int pairs = Integer.parseInt(args[1]);
        measure(rate, pairs, "jdbc:postgresql://127.0.0.1:5432/", System.out::println);
        System.exit(0);
    }

    /** Every round of every node, in the order run; each is also handed to {@code progress}. */
    static List<Round> measure(double rate, int pairs, String rootUrl, java.util.function.Consumer<Round> progress)
            throws Exception {
        List<Round> rounds = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            for (boolean log : p % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                for (Round round : run(log, rate, p, rootUrl)) {
                    rounds.add(round);
                    progress.accept(round);
                }
            }
        }
        return rounds;
    }

    static List<Round> run(boolean log, double rate, int pair, String rootUrl) throws Exception {
        String db = "ledger_logcost";
        try (Connection c = DriverManager.getConnection(rootUrl + "postgres", "postgres", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            c.createStatement().execute("CREATE DATABASE " + db);
        }
        Path work = Files.createTempDirectory("logcost");
        List<Round> rounds = new ArrayList<>();
        try (NodeProcess node = NodeProcess.start(rootUrl + db, work.resolve("node.log"),
                "--ledger.tokens.portal=bench-portal-token", "--ledger.tokens.admin=bench-admin-token",
                "--ledger.tokens.dpm=bench-dpm-token", "--ledger.tokens.auditor=bench-auditor-token",
                "--spring.profiles.active=bench", "--ledger.log.sequencer.enabled=" + log,
                "--ledger.log.checkpoint-dir=" + work.resolve("checkpoints"))) {
            List<UUID> members = LogCost.seededAndWarm(node, rate);
            for (int round = 0; round < 2; round++) {
                double[] q0 = sequencer(node.port);
                java.time.Instant start = java.time.Instant.now();
                long[] m0 = machine();
                long s0 = cpu(node.pid());
                OpenLoopLoad.Result r = new OpenLoopLoad(node.port).run(rate, 30, OpenLoopLoad.portalMix(members, "bench-portal-token", 10 + round), null);
                long[] m1 = machine();
                long s1 = cpu(node.pid());
                double[] q1 = sequencer(node.port);
                long commands = r.ok() + r.failed();
                // every event of the round: its timestamp (taken before its commit) -> its leaf written
                org.HdrHistogram.Histogram delays = log ? BenchMain.leafDelays(rootUrl + db, start) : null;
                rounds.add(new Round(pair, log, round, rate, (m1[0] - m0[0]) * 10.0 / commands,
                        (m1[0] - m0[0]) * 100.0 / (m1[1] - m0[1]), (s1 - s0) * 10.0 / commands, r.p(50), r.p(99),
                        r.failed(), (q1[1] - q0[1]) * 1000.0 / commands, (q1[0] - q0[0]) / 30.0,
                        log ? delays.getValueAtPercentile(99) / 1000.0 : Double.NaN,
                        log ? delays.getMaxValue() / 1000.0 : Double.NaN));
            }
        }
        return rounds;
    }

    /**
     * Notices registered, 300 members, then 150 s at 40/s and 30 s at {@code rate}: the warm-up every
     * fixed-rate probe (this one and {@link CostProbe}) starts from.
     */
    static List<UUID> seededAndWarm(NodeProcess node, double rate) throws Exception {
        BenchNotices.register(node.port);
        List<UUID> pool = Collections.synchronizedList(new ArrayList<>());
        ExecutorService ex = Executors.newFixedThreadPool(4);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < 300; i++) fs.add(ex.submit(() -> pool.add(new Api(node.port).as("bench-portal-token").register(Api.uniqueUsername()))));
        for (Future<?> f : fs) f.get();
        ex.shutdown();
        List<UUID> members = new ArrayList<>(pool);
        new OpenLoopLoad(node.port).run(40, 150, OpenLoopLoad.portalMix(members, "bench-portal-token", 1), null);
        new OpenLoopLoad(node.port).run(rate, 30, OpenLoopLoad.portalMix(members, "bench-portal-token", 2), null);
        return members;
    }

    /**
     * The sequencer's rounds so far and the seconds they took ({@code ledger.log.sequencer.rounds}): a round is
     * one thread waiting on one database session, so its duration bounds the CPU it costs both.
     */
    static double[] sequencer(int port) {
        String metrics = new Api(port).as("bench-admin-token").get("/actuator/prometheus").body();
        double count = 0;
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("ledger_log_sequencer_rounds_seconds_count")) {
                count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("ledger_log_sequencer_rounds_seconds_sum")) {
                sum = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return new double[] {count, sum};
    }

    /** busy and total jiffies of the whole machine (all cores) */
    static long[] machine() throws Exception {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long user = Long.parseLong(f[1]), nice = Long.parseLong(f[2]), sys = Long.parseLong(f[3]), idle = Long.parseLong(f[4]),
             iowait = Long.parseLong(f[5]), irq = Long.parseLong(f[6]), soft = Long.parseLong(f[7]), steal = Long.parseLong(f[8]);
        long busy = user + nice + sys + irq + soft + steal;
        return new long[] {busy, busy + idle + iowait};
    }

    static long cpu(long pid) throws Exception {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
