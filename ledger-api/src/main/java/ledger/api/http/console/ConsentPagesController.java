package ledger.api.http.console;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import ledger.api.configuration.LedgerProperties;
import ledger.api.http.support.ApiProblem;
import ledger.api.http.support.Csv;
import ledger.api.http.support.Cursor;
import ledger.api.http.support.PageLimit;
import ledger.core.consent.FindConsentEvents;
import ledger.projections.consent.ConsentHistoryProjection.ConsentEvents;
import ledger.projections.consent.ConsentHistoryRow;

/**
 * The auditor: consent history across members (purpose, time range, member, type), paged, as CSV,
 * and a chart of consents given and withdrawn per purpose per month. The rows are the API's
 * (the same query); filters the query has no parameter for are applied while paging through it.
 */
@Controller
class ConsentPagesController {

    static final List<String> CSV_HEADER = List.of("member_id", "seq", "type", "purpose", "policy_version",
            "channel", "at", "actor_principal", "actor_role", "notice_sha256", "acting_user");

    /** At most this many rows are looked at for one page, one CSV or one chart. */
    static final int SCAN_LIMIT = 200_000;

    /** The search as the form states it; blank fields do not filter. */
    public record Search(String purpose, String from, String to, String member, String type) {

        public String query() {
            StringBuilder q = new StringBuilder();
            add(q, "purpose", purpose);
            add(q, "from", from);
            add(q, "to", to);
            add(q, "member", member);
            add(q, "type", type);
            return q.toString();
        }

        private static void add(StringBuilder q, String name, String value) {
            if (value != null && !value.isBlank()) {
                q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                        .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    /** One month's bars of one purpose's chart, in SVG coordinates. */
    record Bar(String month, long given, long withdrawn, int x, int givenY, int givenHeight, int withdrawnY,
               int withdrawnHeight) {
    }

    record PurposeChart(String purpose, List<Bar> bars, long max, int width) {
    }

    private final QueryGateway queries;
    private final PageLimit pageLimit;
    private final LedgerProperties properties;
    private final Clock clock;

    ConsentPagesController(QueryGateway queries, PageLimit pageLimit, LedgerProperties properties, Clock clock) {
        this.queries = queries;
        this.pageLimit = pageLimit;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/console/consents")
    String consents(@RequestParam(required = false) String purpose, @RequestParam(required = false) String from,
                    @RequestParam(required = false) String to, @RequestParam(required = false) String member,
                    @RequestParam(required = false) String type, @RequestParam(required = false) String cursor,
                    Model model) {
        Search search = new Search(purpose, from, to, member, type);
        model.addAttribute("search", search);
        model.addAttribute("purposes", properties.purposes().keySet().stream().sorted().toList());
        model.addAttribute("fmt", new Readable());
        Filter filter;
        try {
            filter = filter(search);
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("rows", List.of());
            model.addAttribute("charts", List.of());
            return "console/consents";
        }
        int size = properties.console().pageSize();
        List<ConsentHistoryRow> rows = new ArrayList<>();
        long last = scan(filter, cursor == null || cursor.isBlank() ? 0 : Cursor.decode(cursor), size, rows::add);
        model.addAttribute("rows", rows);
        model.addAttribute("next", rows.size() == size && last > 0 ? Cursor.after(last) : null);
        model.addAttribute("charts", charts(filter));
        return "console/consents";
    }

    @GetMapping("/console/consents/export")
    ResponseEntity<byte[]> export(@RequestParam(required = false) String purpose,
                                  @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String member,
                                  @RequestParam(required = false) String type) {
        Filter filter;
        try {
            filter = filter(new Search(purpose, from, to, member, type));
        } catch (IllegalArgumentException e) {
            // the page shows it beside the form; a download has no page: the error page, 400, in the same words
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-filter", e.getMessage(), null);
        }
        List<Object[]> lines = new ArrayList<>();
        scan(filter, 0, SCAN_LIMIT, row -> lines.add(new Object[] {row.memberId(), row.seq(), row.type(),
                row.purpose(), row.policyVersion(), row.channel(), row.at(), row.actorPrincipal(), row.actorRole(),
                row.noticeSha256(), row.actingUser()}));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"consents.csv\"")
                .body(Csv.table(CSV_HEADER, lines));
    }

    /** What the query filters (purpose, range) and what is filtered while paging (member, type). */
    record Filter(String purpose, Instant from, Instant to, Predicate<ConsentHistoryRow> rest) {
    }

    private static Filter filter(Search search) {
        String purpose = blank(search.purpose()) ? null : search.purpose().strip();
        if (purpose != null && !purpose.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("The purpose must be a purpose name.");
        }
        Instant from = day(search.from(), "from", 0);
        Instant to = day(search.to(), "to", 1);
        Predicate<ConsentHistoryRow> rest = row -> true;
        if (!blank(search.member())) {
            UUID member;
            try {
                member = UUID.fromString(search.member().strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The member must be a member id.");
            }
            rest = rest.and(row -> member.equals(row.memberId()));
        }
        if (!blank(search.type())) {
            String type = search.type().strip();
            if (!type.equals("GIVEN") && !type.equals("WITHDRAWN")) {
                throw new IllegalArgumentException("The type must be GIVEN or WITHDRAWN.");
            }
            rest = rest.and(row -> type.equals(row.type()));
        }
        return new Filter(purpose, from, to, rest);
    }

    /** A date (YYYY-MM-DD), as the start of that day in UTC; "to" includes its whole day. */
    private static Instant day(String value, String name, int plusDays) {
        if (blank(value)) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(value.strip());
            if (date.getYear() < 1970 || date.getYear() > 9999) {
                throw new IllegalArgumentException("The date '" + name + "' must lie between 1970 and 9999.");
            }
            return date.plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("The date '" + name + "' must be a date (YYYY-MM-DD).");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Feeds up to {@code wanted} matching rows after {@code after}; answers the id of the last one fed. */
    private long scan(Filter filter, long after, int wanted, java.util.function.Consumer<ConsentHistoryRow> sink) {
        int batch = pageLimit.maxLimit();
        long position = after;
        long lastFed = 0;
        int fed = 0;
        int looked = 0;
        while (fed < wanted && looked < SCAN_LIMIT) {
            List<ConsentHistoryRow> rows = queries.query(new FindConsentEvents(filter.purpose(), filter.from(),
                    filter.to(), position, batch), ResponseTypes.instanceOf(ConsentEvents.class)).join().entries();
            for (ConsentHistoryRow row : rows) {
                position = row.id();
                looked++;
                if (filter.rest().test(row)) {
                    sink.accept(row);
                    lastFed = row.id();
                    if (++fed == wanted) {
                        break;
                    }
                }
            }
            if (rows.size() < batch) {
                break;
            }
        }
        return lastFed;
    }

    /** Per purpose, per month of the range (the last twelve months without one): given and withdrawn. */
    private List<PurposeChart> charts(Filter filter) {
        Instant to = filter.to() != null ? filter.to() : clock.instant();
        Instant from = filter.from() != null ? filter.from()
                : YearMonth.from(to.atOffset(ZoneOffset.UTC)).minusMonths(11).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        Filter ranged = new Filter(filter.purpose(), from, to, filter.rest());
        Map<String, TreeMap<YearMonth, long[]>> counts = new TreeMap<>();
        YearMonth first = YearMonth.from(from.atOffset(ZoneOffset.UTC));
        YearMonth lastMonth = YearMonth.from(to.minusNanos(1).atOffset(ZoneOffset.UTC));
        scan(ranged, 0, SCAN_LIMIT, row -> {
            long[] pair = counts.computeIfAbsent(row.purpose(), p -> new TreeMap<>())
                    .computeIfAbsent(YearMonth.from(row.at().atOffset(ZoneOffset.UTC)), m -> new long[2]);
            pair["GIVEN".equals(row.type()) ? 0 : 1]++;
        });
        List<PurposeChart> charts = new ArrayList<>();
        int months = (int) Math.min(36, Math.max(1, java.time.temporal.ChronoUnit.MONTHS.between(first, lastMonth) + 1));
        for (var entry : counts.entrySet()) {
            long max = entry.getValue().values().stream().mapToLong(p -> Math.max(p[0], p[1])).max().orElse(1);
            List<Bar> bars = new ArrayList<>();
            for (int i = 0; i < months; i++) {
                YearMonth month = first.plusMonths(i);
                long[] pair = entry.getValue().getOrDefault(month, new long[2]);
                int givenHeight = (int) Math.round(120.0 * pair[0] / Math.max(1, max));
                int withdrawnHeight = (int) Math.round(120.0 * pair[1] / Math.max(1, max));
                int x = 40 + i * 48;
                bars.add(new Bar(month.toString(), pair[0], pair[1], x, 140 - givenHeight, givenHeight,
                        140 - withdrawnHeight, withdrawnHeight));
            }
            charts.add(new PurposeChart(entry.getKey(), bars, max, 40 + months * 48 + 10));
        }
        return charts;
    }
}
