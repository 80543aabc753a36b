package ledger.api.application.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.springframework.core.io.ClassPathResource;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.IContext;

import ledger.api.application.reading.ReadAudit;
import ledger.api.application.reading.ReadYourWrites;
import ledger.core.member.FindRegisterExtract;
import ledger.core.member.IssueRegisterExtract;
import ledger.core.member.MemberId;
import ledger.core.shared.Actor;
import ledger.projections.extract.RegisterExtractData;

class RegisterExtractsTest {

    private static final Actor DPM = new Actor("dpm-client", "DPM");
    private static final MemberId ID = MemberId.of(RegisterExtractAssemblerTest.ID);

    private final CommandGateway commands = mock(CommandGateway.class);
    private final QueryGateway queries = mock(QueryGateway.class);
    private final ReadYourWrites reads = mock(ReadYourWrites.class);
    private final RegisterExtractAssembler assembler = mock(RegisterExtractAssembler.class);
    private final ReadAudit audit = mock(ReadAudit.class);
    private final ITemplateEngine templates = mock(ITemplateEngine.class);
    private final RegisterExtracts extracts = new RegisterExtracts(commands, queries, reads, assembler, audit, templates,
            RegisterExtractAssemblerTest.PROPERTIES);

    private final RegisterExtractData data = RegisterExtractAssemblerTest.data(RegisterExtractAssemblerTest.view(null,
            List.of()));
    private final RegisterExtract extract = new RegisterExtractAssembler(
            ledger.core.purpose.PurposeCatalog.defaults(), RegisterExtractAssemblerTest.PROPERTIES,
            new RetentionInWords(RegisterExtractAssemblerTest.PROPERTIES))
            .assemble(data, DPM, RegisterExtractAssemblerTest.ISSUED_AT, List.of());

    @SuppressWarnings("unchecked")
    private void readModelHolds(RegisterExtractData held) {
        when(queries.query(any(FindRegisterExtract.class), any(ResponseType.class)))
                .thenReturn(java.util.concurrent.CompletableFuture.completedFuture(Optional.of(held)));
        when(reads.read(eq(ID), any(), any())).thenAnswer(call -> {
            Supplier<Optional<RegisterExtractData>> query = call.getArgument(1);
            ToLongFunction<RegisterExtractData> versionOf = call.getArgument(2);
            RegisterExtractData found = query.get().orElseThrow();
            assertThat(versionOf.applyAsLong(found)).isEqualTo(9);
            return found;
        });
    }

    private IContext rendered(boolean standalone) {
        ArgumentCaptor<IContext> context = ArgumentCaptor.forClass(IContext.class);
        verify(templates).process(eq("extract/register-extract"), context.capture());
        assertThat(context.getValue().getVariable("standalone")).isEqualTo(standalone);
        return context.getValue();
    }

    @Test
    void issuing_records_the_issue_then_the_read_then_assembles_the_extract_with_the_accesses() {
        List<ReadAudit.Access> accesses = List.of(new ReadAudit.Access("dpm-client", "DPM", "access-request",
                "register-extract", RegisterExtractAssemblerTest.ISSUED_AT));
        when(commands.sendAndWait(any(IssueRegisterExtract.class))).thenReturn(RegisterExtractAssemblerTest.ISSUED_AT);
        readModelHolds(data);
        when(audit.accessesOf(ID.value())).thenReturn(accesses);
        when(assembler.assemble(data, DPM, RegisterExtractAssemblerTest.ISSUED_AT, accesses)).thenReturn(extract);

        RegisterExtract issued = extracts.issue(ID.value(), "access-request", RegisterExtracts.Format.PDF, DPM);

        assertThat(issued).isSameAs(extract);
        ArgumentCaptor<IssueRegisterExtract> sent = ArgumentCaptor.forClass(IssueRegisterExtract.class);
        InOrder order = inOrder(commands, reads, audit, assembler);
        order.verify(commands).sendAndWait(sent.capture());
        order.verify(reads).read(eq(ID), any(), any());
        order.verify(audit).record(ID.value(), DPM, "access-request", "register-extract");
        order.verify(assembler).assemble(data, DPM, RegisterExtractAssemblerTest.ISSUED_AT, accesses);
        assertThat(sent.getValue()).isEqualTo(new IssueRegisterExtract(ID, "pdf", DPM));
        @SuppressWarnings("unchecked")
        ArgumentCaptor<ResponseType<Object>> type = ArgumentCaptor.forClass(ResponseType.class);
        verify(queries).query(eq(new FindRegisterExtract(ID)), type.capture());
        assertThat(type.getValue().getExpectedResponseType()).isEqualTo(RegisterExtractData.class);
    }

    @Test
    void each_format_is_recorded_in_lower_case() {
        when(commands.sendAndWait(any(IssueRegisterExtract.class))).thenReturn(RegisterExtractAssemblerTest.ISSUED_AT);
        readModelHolds(data);

        extracts.issue(ID.value(), "access-request", RegisterExtracts.Format.JSON, DPM);
        extracts.issue(ID.value(), "access-request", RegisterExtracts.Format.HTML, DPM);

        ArgumentCaptor<IssueRegisterExtract> sent = ArgumentCaptor.forClass(IssueRegisterExtract.class);
        verify(commands, org.mockito.Mockito.times(2)).sendAndWait(sent.capture());
        assertThat(sent.getAllValues()).extracting(IssueRegisterExtract::format).containsExactly("json", "html");
    }

    @Test
    void an_extract_without_a_declared_purpose_is_refused_before_anything_is_recorded() {
        assertThatThrownBy(() -> extracts.issue(ID.value(), null, RegisterExtracts.Format.JSON, DPM))
                .hasMessageContaining("X-Purpose");
        assertThatThrownBy(() -> extracts.issue(ID.value(), "Not A Purpose", RegisterExtracts.Format.JSON, DPM))
                .hasMessageContaining("X-Purpose");
        verifyNoInteractions(commands, reads, audit, assembler);
    }

    @Test
    void the_standalone_page_carries_the_stylesheet_inline_and_the_retention_in_words() throws IOException {
        when(templates.process(eq("extract/register-extract"), any(IContext.class))).thenReturn("<html/>");

        assertThat(extracts.html(extract, true)).isEqualTo("<html/>");

        IContext context = rendered(true);
        String css;
        try (InputStream in = new ClassPathResource("static/console/assets/console.css").getInputStream()) {
            css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(context.getVariable("css")).isEqualTo(css);
        assertThat(context.getVariable("x")).isSameAs(extract);
        assertThat(context.getVariable("fmt")).isInstanceOf(RegisterExtracts.Readable.class);
        assertThat(context.getVariable("afterEnd")).isEqualTo("three months");
        assertThat(context.getVariable("contactMaximum")).isEqualTo("three years");
        assertThat(context.getLocale()).isEqualTo(java.util.Locale.ENGLISH);
    }

    @Test
    void the_consoles_page_links_the_stylesheet_instead() {
        when(templates.process(eq("extract/register-extract"), any(IContext.class))).thenReturn("<html/>");

        extracts.html(extract, false);

        assertThat(rendered(false).getVariable("css")).isNull();
    }

    @Test
    void the_pdf_is_the_standalone_page_rendered() {
        when(templates.process(eq("extract/register-extract"), any(IContext.class)))
                .thenReturn("<html><head><title>Register extract</title></head><body><p>Ada</p></body></html>");

        byte[] pdf = extracts.pdf(extract);

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains("%%EOF");
        assertThat(rendered(true).getVariable("css")).isNotNull();
    }

    @Test
    void times_read_as_a_person_reads_them_in_utc() {
        RegisterExtracts.Readable readable = new RegisterExtracts.Readable();

        assertThat(readable.time(Instant.parse("2026-11-29T17:49:30Z"))).isEqualTo("29 November 2026, 17:49 UTC");
        assertThat(readable.time(null)).isEmpty();
        assertThat(readable.date(LocalDate.of(2027, 3, 1))).isEqualTo("1 March 2027");
        assertThat(readable.date(null)).isEmpty();
    }

    @Test
    void periods_read_in_words_up_to_twelve_and_in_digits_beyond() {
        assertThat(RegisterExtracts.Readable.period(null)).isEmpty();
        assertThat(RegisterExtracts.Readable.period(Period.ZERO)).isEqualTo("no time");
        assertThat(RegisterExtracts.Readable.period(Period.ofMonths(3))).isEqualTo("three months");
        assertThat(RegisterExtracts.Readable.period(Period.ofDays(1))).isEqualTo("one day");
        assertThat(RegisterExtracts.Readable.period(Period.of(1, 6, 0))).isEqualTo("one year and six months");
        assertThat(RegisterExtracts.Readable.period(Period.of(2, 1, 3))).isEqualTo("two years, one month and three days");
        assertThat(RegisterExtracts.Readable.period(Period.ofMonths(12))).isEqualTo("twelve months");
        assertThat(RegisterExtracts.Readable.period(Period.ofMonths(13))).isEqualTo("13 months");
        assertThat(RegisterExtracts.Readable.period(Period.ofDays(-1))).isEqualTo("-1 day");
        assertThat(RegisterExtracts.Readable.period(Period.ofDays(-3))).isEqualTo("-3 days");
    }
}
