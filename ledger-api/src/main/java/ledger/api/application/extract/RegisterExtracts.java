package ledger.api.application.extract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import ledger.api.application.reading.ReadAudit;
import ledger.api.application.reading.ReadYourWrites;
import ledger.api.configuration.LedgerProperties;
import ledger.core.member.FindRegisterExtract;
import ledger.core.member.IssueRegisterExtract;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;
import ledger.projections.extract.RegisterExtractData;

/**
 * Issues the register extract (the event, the read, the read audit) and renders it as JSON data, as
 * the HTML page the console shares its look with, or as PDF; the API and the console both use it.
 */
@Component
public class RegisterExtracts {

    /** The member's copy shows times as a person reads them: "29 November 2026, 17:49 UTC". */
    static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public enum Format {
        JSON, HTML, PDF;

        String recorded() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadYourWrites reads;
    private final RegisterExtractAssembler assembler;
    private final ReadAudit audit;
    private final ITemplateEngine templates;
    private final LedgerProperties properties;
    private final String css;

    RegisterExtracts(CommandGateway commands, QueryGateway queries, ReadYourWrites reads,
                     RegisterExtractAssembler assembler, ReadAudit audit, ITemplateEngine templates,
                     LedgerProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
        this.assembler = assembler;
        this.audit = audit;
        this.templates = templates;
        this.properties = properties;
        this.css = resource("static/console/assets/console.css");
    }

    /** Records the issue and the read (who, which purpose) before the data leaves. */
    public RegisterExtract issue(UUID memberId, String purpose, Format format, Actor caller) {
        String declared = ReadAudit.requirePurpose(purpose);
        MemberId id = MemberId.of(memberId);
        Instant issuedAt = commands.sendAndWait(new IssueRegisterExtract(id, format.recorded(), caller));
        RegisterExtractData data = reads.read(id, () -> queries.query(new FindRegisterExtract(id),
                ResponseTypes.optionalInstanceOf(RegisterExtractData.class)).join(), RegisterExtractData::version);
        audit.record(memberId, caller, declared, "register-extract");
        return assembler.assemble(data, caller, issuedAt, audit.accessesOf(memberId));
    }

    /**
     * The page. {@code standalone}: the stylesheet inline (the API's answer, the PDF: they must carry
     * their look with them); otherwise linked, as the console's CSP allows no inline style.
     */
    public String html(RegisterExtract extract, boolean standalone) {
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("x", extract);
        context.setVariable("fmt", new Readable());
        context.setVariable("standalone", standalone);
        context.setVariable("css", standalone ? css : null);
        context.setVariable("afterEnd", Readable.period(properties.retention().afterMembershipEnd()));
        context.setVariable("contactMaximum", Readable.period(properties.retention().contactCaseMaximum()));
        return templates.process("extract/register-extract", context);
    }

    public byte[] pdf(RegisterExtract extract) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html(extract, true), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("the extract could not be rendered as PDF", e);
        }
        return out.toByteArray();
    }

    private static String resource(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + path, e);
        }
    }

    /** Dates and periods as a person reads them; used by the template. */
    public static final class Readable {

        private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven",
                "eight", "nine", "ten", "eleven", "twelve"};

        public String time(Instant instant) {
            return instant == null ? "" : READABLE.format(instant);
        }

        public String date(java.time.LocalDate date) {
            return date == null ? "" : DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(date);
        }

        /** "three months", "one year and six months". */
        public static String period(Period period) {
            if (period == null) {
                return "";
            }
            java.util.List<String> parts = new java.util.ArrayList<>();
            add(parts, period.getYears(), "year");
            add(parts, period.getMonths(), "month");
            add(parts, period.getDays(), "day");
            if (parts.isEmpty()) {
                return "no time";
            }
            if (parts.size() == 1) {
                return parts.get(0);
            }
            return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        }

        private static void add(java.util.List<String> parts, int amount, String unit) {
            if (amount != 0) {
                String number = amount >= 0 && amount < NUMBERS.length ? NUMBERS[amount] : Integer.toString(amount);
                parts.add(number + " " + unit + (Math.abs(amount) == 1 ? "" : "s"));
            }
        }
    }
}
