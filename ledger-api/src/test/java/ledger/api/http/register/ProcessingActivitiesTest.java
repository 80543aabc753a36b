package ledger.api.http.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import ledger.api.application.extract.RetentionInWords;
import ledger.api.configuration.LedgerProperties;
import ledger.api.configuration.RecordOfProcessing;

/** The record of processing activities as application.yml (and overrides of it) configure it. */
class ProcessingActivitiesTest {

    /** Binds {@code ledger.*} from application.yml and its register content, the given properties taking precedence. */
    static LedgerProperties bind(Map<String, Object> overrides) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("overrides", overrides));
        try {
            new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                    .forEach(environment.getPropertySources()::addLast);
            // the register's content, which application.yml imports
            new YamlPropertySourceLoader().load("record", new ClassPathResource("register/record-of-processing.yml"))
                    .forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(ConfigurationPropertySources.get(environment), null,
                ApplicationConversionService.getSharedInstance())
                .bind("ledger", LedgerProperties.class).orElseThrow(IllegalStateException::new);
    }

    private static ProcessingActivities record(LedgerProperties properties) {
        return new ProcessingActivitiesController(properties, new RetentionInWords(properties),
                Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC)).record();
    }

    @Test
    void the_default_record_names_controller_dpm_activities_categories_recipients_retention_and_security() {
        ProcessingActivities record = record(bind(Map.of()));

        assertThat(record.schema()).isEqualTo("urn:ledger:processing-activities:v1");
        assertThat(record.controller().name()).isEqualTo("Zesec of Sweden AB");
        assertThat(record.dataProtectionManager().email()).isEqualTo("info@zesec.com");
        assertThat(record.activities()).extracting(ProcessingActivities.Activity::name)
                .containsExactly("Partner portal membership", "Newsletter", "Contact form",
                        "Website request data and cookies", "Website statistics (Google Analytics)",
                        "Embedded content from other websites");
        ProcessingActivities.Activity membership = record.activities().get(0);
        assertThat(membership.purposes()).singleElement().satisfies(p -> {
            assertThat(p.purpose()).isEqualTo("portal-membership");
            assertThat(p.legalBasis()).contains("Art. 6(1)(a)");
        });
        assertThat(membership.dataSubjectCategories()).as("one category, commas and all").containsExactly(
                "resellers and partners of Zesec, and their employees, who are members of the partner portal");
        assertThat(membership.personalDataCategories()).contains("email address");
        assertThat(membership.recipients()).containsExactly("IT service provider (personal data assistant)");
        assertThat(membership.retention()).contains("3 months after the membership ends").doesNotContain("P3M");
        assertThat(record.activities().get(1).recipients()).hasSize(2);
        assertThat(record.activities().get(2).purposes().get(0).description()).contains("handle the case");
        assertThat(record.activities().get(2).retention()).contains("at most 3 years");
        assertThat(record.transfers()).isEmpty();
        ProcessingActivities.Activity website = record.activities().get(3);
        assertThat(website.cookies()).extracting(RecordOfProcessing.Cookie::lifetime)
                .contains("one year", "two days, two weeks with \"Remember me\"; deleted at log-out");
        assertThat(website.retention()).contains("layout cookies one year");
        ProcessingActivities.Activity analytics = record.activities().get(4);
        assertThat(analytics.purposes().get(0).description()).contains("anonymised");
        assertThat(analytics.recipients()).containsExactly("Google Analytics (Google Ireland Limited)");
        assertThat(record.activities().get(5).purposes().get(0).description()).contains("embed");
        assertThat(bind(Map.of()).register().processorsWithoutAgreementDate()).as("no agreement date is configured")
                .hasSize(3);
        assertThat(record.securityMeasures()).anyMatch(m -> m.contains("AES-256-GCM"));
        assertThat(ProcessingActivitiesHtml.render(record)).contains("Record of processing activities")
                .contains("Contact form").contains("none");
    }

    @Test
    void a_recipient_outside_the_eu_eea_is_listed_as_a_transfer_with_its_mechanism() {
        LedgerProperties properties = bind(Map.of(
                "ledger.register.recipients[0].name", "Analytics <Inc>",
                "ledger.register.recipients[0].role", "processor",
                "ledger.register.recipients[0].purposes[0]", "newsletter",
                "ledger.register.recipients[0].location", "United States",
                "ledger.register.recipients[0].inside-eu-eea", "false",
                "ledger.register.recipients[0].transfer-mechanism", "Standard contractual clauses (Art. 46(2)(c))",
                "ledger.register.allow-transfers-outside-eea", "true"));
        ProcessingActivities record = record(properties);
        assertThat(properties.register().transfersOutsideEea()).extracting(RecordOfProcessing.Recipient::name)
                .containsExactly("Analytics <Inc>");

        assertThat(record.transfers()).containsExactly(new ProcessingActivities.Transfer("Analytics <Inc>",
                "United States", "Standard contractual clauses (Art. 46(2)(c))"));
        assertThat(record.activities().get(1).transfers()).hasSize(1);
        assertThat(record.activities().get(0).transfers()).isEmpty();
        assertThat(ProcessingActivitiesHtml.render(record)).contains("Analytics &lt;Inc&gt;")
                .doesNotContain("Analytics <Inc>");
    }

    @Test
    void a_recipient_outside_the_eu_eea_stops_the_start_unless_transfers_are_allowed_knowingly() {
        assertThatThrownBy(() -> bind(Map.of(
                "ledger.register.recipients[0].name", "Analytics Inc",
                "ledger.register.recipients[0].location", "United States",
                "ledger.register.recipients[0].inside-eu-eea", "false",
                "ledger.register.recipients[0].transfer-mechanism", "Standard contractual clauses (Art. 46(2)(c))")))
                .hasStackTraceContaining("promises no transfer outside the EU/EEA");
    }

    @Test
    void a_processor_s_agreement_date_is_recorded_and_shown() {
        // a list comes whole from one source: both recipients are given here
        LedgerProperties properties = bind(Map.of(
                "ledger.register.recipients[0].name", "IT service provider",
                "ledger.register.recipients[0].role", "processor",
                "ledger.register.recipients[0].inside-eu-eea", "true",
                "ledger.register.recipients[0].agreement-date", "2018-05-20",
                "ledger.register.recipients[1].name", "Mailer",
                "ledger.register.recipients[1].role", "processor",
                "ledger.register.recipients[1].inside-eu-eea", "true"));
        assertThat(properties.register().recipients().get(0).agreementDate()).hasToString("2018-05-20");
        assertThat(properties.register().processorsWithoutAgreementDate()).extracting(RecordOfProcessing.Recipient::name)
                .containsExactly("Mailer");
        assertThat(ProcessingActivitiesHtml.render(record(properties))).contains("2018-05-20")
                .contains("date not recorded");
    }

    @Test
    void a_recipient_outside_the_eu_eea_without_a_transfer_mechanism_is_refused() {
        assertThatThrownBy(() -> bind(Map.of(
                "ledger.register.recipients[0].name", "Analytics Inc",
                "ledger.register.recipients[0].location", "United States",
                "ledger.register.recipients[0].inside-eu-eea", "false",
                "ledger.register.allow-transfers-outside-eea", "true")))
                .hasStackTraceContaining("outside the EU/EEA and declares no transfer mechanism");
    }

    @Test
    void a_recipient_told_of_changes_needs_an_http_url_and_a_secret_of_32_characters_that_is_never_printed() {
        Map<String, Object> recipient = new java.util.HashMap<>(Map.of(
                "ledger.register.recipients[0].name", "Mailer",
                "ledger.register.recipients[0].inside-eu-eea", "true",
                "ledger.register.recipients[0].notify-url", "https://mailer.example/gdpr"));
        assertThatThrownBy(() -> bind(recipient)).hasStackTraceContaining("no notify-secret of at least 32");
        recipient.put("ledger.register.recipients[0].notify-secret", "short");
        assertThatThrownBy(() -> bind(recipient)).hasStackTraceContaining("no notify-secret of at least 32");
        recipient.put("ledger.register.recipients[0].notify-secret", "s3cret-s3cret-s3cret-s3cret-s3cret");
        RecordOfProcessing.Recipient bound = bind(recipient).register().recipients().get(0);
        assertThat(bound.notified()).isTrue();
        assertThat(bound.toString()).doesNotContain("s3cret");
        recipient.put("ledger.register.recipients[0].notify-url", "ftp://mailer.example/gdpr");
        assertThatThrownBy(() -> bind(recipient)).hasStackTraceContaining("must be an http(s) URL");
    }

    @Test
    void a_member_retention_longer_than_the_policy_maximum_is_refused() {
        assertThatThrownBy(() -> bind(Map.of("ledger.retention.after-membership-end", "P4M")))
                .hasStackTraceContaining("longer than the privacy policy allows");
        assertThatThrownBy(() -> bind(Map.of("ledger.retention.after-membership-end", "P92D")))
                .hasStackTraceContaining("longer than the privacy policy allows");
        assertThat(bind(Map.of("ledger.retention.after-membership-end", "P89D")).retention().afterMembershipEnd())
                .isEqualTo(Period.ofDays(89));
        assertThat(bind(Map.of("ledger.retention.after-membership-end", "P6M",
                "ledger.retention.policy-maximum-after-membership-end", "P6M")).retention().afterMembershipEnd())
                .as("a policy that promises more").isEqualTo(Period.ofMonths(6));
    }

    @Test
    void an_activity_naming_a_purpose_that_is_not_configured_is_refused() {
        assertThatThrownBy(() -> bind(Map.of("ledger.register.processing-activities[0].name", "Profiling",
                "ledger.register.processing-activities[0].purposes[0]", "profiling")))
                .hasStackTraceContaining("names the purpose 'profiling'");
    }

    @Test
    void periods_read_in_plain_words() {
        assertThat(RetentionInWords.inWords(Period.ofMonths(3))).isEqualTo("3 months");
        assertThat(RetentionInWords.inWords(Period.of(1, 6, 0))).isEqualTo("1 year and 6 months");
        assertThat(RetentionInWords.inWords(Period.of(2, 1, 3))).isEqualTo("2 years, 1 month and 3 days");
        assertThat(RetentionInWords.inWords(Period.ofDays(1))).isEqualTo("1 day");
        assertThat(RetentionInWords.inWords(Period.ZERO)).isEqualTo("0 days");
    }
}
