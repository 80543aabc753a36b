package ledger.bench;

import java.nio.file.*;
import java.sql.*;
import java.util.*;
import java.util.concurrent.*;
import ledger.api.reliability.NodeProcess;

/**
 * Where a command's cost goes, at a fixed rate, for one service configuration: one node on a fresh
 * database, 300 members, 150 s at 40/s and 30 s at the rate to warm up, then two 30-s rounds at the
 * rate. Per command: machine CPU (/proc/stat), the service's CPU, PostgreSQL's commits, and (when the
 * server preloads {@code pg_stat_statements}) the statements it ran, heaviest first (its own few queries
 * per round included). A tool for the before/after rows of bench/cost-removals.md (run it once per
 * configuration, back to back); not a test. On
 * the bench classpath: {@code java -Dnode.jar=ledger-api/target/ledger.jar -cp
 * "bench/target/classes:$(cat bench/target/bench.classpath)" ledger.bench.CostProbe 60 label
 * [--service.option=value ...]}.
 */
public class CostProbe {

    public static void main(String[] args) throws Exception {
        // the load generator's HTTP client keeps non-daemon threads: exit explicitly, also after a failure
        int status = 0;
        try {
            probe(args);
        } catch (Throwable failure) {
            failure.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static void probe(String[] args) throws Exception {
        double rate = Double.parseDouble(args[0]);
        String label = args[1];
        List<String> extra = Arrays.asList(args).subList(2, args.length);
        String rootUrl = "jdbc:postgresql://127.0.0.1:5432/";
        String db = "ledger_costprobe";
        try (Connection c = DriverManager.getConnection(rootUrl + "postgres", "postgres", "")) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            c.createStatement().execute("CREATE DATABASE " + db);
        }
        Path work = Files.createTempDirectory("costprobe");
        List<String> nodeArgs = new ArrayList<>(List.of(
                "--ledger.tokens.portal=bench-portal-token", "--ledger.tokens.admin=bench-admin-token",
                "--ledger.tokens.dpm=bench-dpm-token", "--ledger.tokens.auditor=bench-auditor-token",
                "--spring.profiles.active=bench", "--ledger.log.checkpoint-dir=" + work.resolve("checkpoints")));
        nodeArgs.addAll(extra);
        try (NodeProcess node = NodeProcess.start(rootUrl + db, work.resolve("node.log"), nodeArgs.toArray(String[]::new));
             Connection pg = DriverManager.getConnection(rootUrl + db, "postgres", "")) {
            List<UUID> members = LogCost.seededAndWarm(node, rate);
            boolean statements = statementsAvailable(pg);
            for (int round = 0; round < 2; round++) {
                if (statements) pg.createStatement().execute("SELECT pg_stat_statements_reset()");
                long commits0 = commits(pg, db);
                long[] m0 = LogCost.machine();
                long s0 = LogCost.cpu(node.pid());
                long pg0 = postgresCpu();
                long own0 = LogCost.cpu(ProcessHandle.current().pid());
                OpenLoopLoad.Result r = new OpenLoopLoad(node.port).run(rate, 30, OpenLoopLoad.portalMix(members, "bench-portal-token", 10 + round), null);
                long[] m1 = LogCost.machine();
                long s1 = LogCost.cpu(node.pid());
                long pg1 = postgresCpu();
                long own1 = LogCost.cpu(ProcessHandle.current().pid());
                long commits1 = commits(pg, db);
                long commands = r.ok() + r.failed();
                System.out.printf(Locale.ROOT, "%s round %d at %.0f/s: machine CPU %.2f ms per command (busy %.0f%% of 2 cores),"
                                + " service CPU %.2f ms, PostgreSQL CPU %.2f ms, load generator CPU %.2f ms, commits %.2f per command,"
                                + " p50 %.1f p99 %.1f ms, failed %d%n",
                        label, round, rate, (m1[0] - m0[0]) * 10.0 / commands, (m1[0] - m0[0]) * 100.0 / (m1[1] - m0[1]),
                        (s1 - s0) * 10.0 / commands, (pg1 - pg0) * 10.0 / commands, (own1 - own0) * 10.0 / commands, (commits1 - commits0) / (double) commands, r.p(50), r.p(99), r.failed());
                if (statements) printStatements(pg, commands);
            }
        }
    }

    /** CPU jiffies of every PostgreSQL process (server, backends, background workers) alive now. */
    static long postgresCpu() throws Exception {
        long sum = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    if (stat.contains("(postgres)")) sum += LogCost.cpu(Long.parseLong(proc.getFileName().toString()));
                } catch (java.io.IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return sum;
    }

    static boolean statementsAvailable(Connection pg) {
        try {
            pg.createStatement().execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            pg.createStatement().executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1").close();
            return true;
        } catch (SQLException notPreloaded) {
            return false;
        }
    }

    static long commits(Connection pg, String db) throws SQLException {
        try (ResultSet rs = pg.createStatement().executeQuery(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = '" + db + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void printStatements(Connection pg, long commands) throws SQLException {
        try (ResultSet rs = pg.createStatement().executeQuery("""
                SELECT calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 140)
                FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname = current_database() ORDER BY total_exec_time DESC LIMIT 25""")) {
            double calls = 0;
            while (rs.next()) {
                calls += rs.getLong(1);
                System.out.printf(Locale.ROOT, "  %6.2f calls %6.3f ms per command  %s%n", rs.getLong(1) / (double) commands,
                        rs.getDouble(2) / commands, rs.getString(3));
            }
        }
        try (ResultSet rs = pg.createStatement().executeQuery("""
                SELECT sum(calls), sum(total_exec_time) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname = current_database()""")) {
            rs.next();
            System.out.printf(Locale.ROOT, "  all statements: %.1f per command, %.3f ms execution per command%n",
                    rs.getLong(1) / (double) commands, rs.getDouble(2) / commands);
        }
    }
}
