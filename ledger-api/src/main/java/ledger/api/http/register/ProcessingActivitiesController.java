package ledger.api.http.register;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.annotation.security.RolesAllowed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import ledger.api.application.extract.RetentionInWords;
import ledger.api.configuration.LedgerProperties;
import ledger.api.configuration.RecordOfProcessing;
import ledger.api.http.security.Roles;
import ledger.api.http.support.Negotiation;

/** GDPR Art. 30: the record of processing activities, for the DPM and auditors, as JSON or HTML. */
@RestController
@Tag(name = "Register")
@RequestMapping("/api/v1/register")
class ProcessingActivitiesController {

    private final LedgerProperties properties;
    private final RetentionInWords retention;
    private final Clock clock;

    ProcessingActivitiesController(LedgerProperties properties, RetentionInWords retention, Clock clock) {
        this.properties = properties;
        this.retention = retention;
        this.clock = clock;
    }

    @Operation(
            summary = "Read the record of processing activities",
            description = "GDPR Art. 30(1) from configuration, as JSON or (Accept: text/html) as a page.")
    @RolesAllowed({Roles.AUDITOR, Roles.DPM})
    @GetMapping(path = "/processing-activities", produces = {MediaType.APPLICATION_JSON_VALUE,
            MediaType.TEXT_HTML_VALUE})
    ResponseEntity<?> processingActivities(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ProcessingActivities record = record();
        if (Negotiation.prefers(accept, MediaType.TEXT_HTML)) {
            return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                    .body(ProcessingActivitiesHtml.render(record));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(record);
    }

    ProcessingActivities record() {
        RecordOfProcessing register = properties.register();
        List<ProcessingActivities.Activity> activities = new ArrayList<>();
        for (RecordOfProcessing.Activity activity : register.processingActivities()) {
            List<ProcessingActivities.Purpose> purposes = new ArrayList<>();
            for (String name : activity.purposes()) {
                LedgerProperties.Purpose purpose = properties.purposes().get(name);
                purposes.add(new ProcessingActivities.Purpose(name, purpose.description(), purpose.legalBasis()));
            }
            if (activity.description() != null) {
                purposes.add(new ProcessingActivities.Purpose(null, activity.description(), activity.legalBasis()));
            }
            // the recipients of its purposes, and those the activity names itself (e.g. an analytics service)
            List<RecordOfProcessing.Recipient> recipients = register.recipients().stream()
                    .filter(r -> r.purposes().stream().anyMatch(activity.purposes()::contains)
                            || activity.recipients().contains(r.name())).toList();
            String kept = switch (activity.retention() == null ? RecordOfProcessing.RetentionRule.MEMBER
                    : activity.retention()) {
                case CONTACT_CASE -> retention.contactFormData();
                case STATED -> activity.retentionText();
                case MEMBER -> retention.memberData();
            };
            activities.add(new ProcessingActivities.Activity(activity.name(), purposes,
                    activity.dataSubjectCategories(), activity.personalDataCategories(),
                    recipients.stream().map(RecordOfProcessing.Recipient::name).toList(), transfers(recipients),
                    kept, activity.cookies()));
        }
        return new ProcessingActivities(ProcessingActivities.SCHEMA, clock.instant(), register.controller(),
                register.dataProtectionManager(), activities, register.recipients(), transfers(register.recipients()),
                register.securityMeasures(), register.storage());
    }

    private static List<ProcessingActivities.Transfer> transfers(List<RecordOfProcessing.Recipient> recipients) {
        return recipients.stream().filter(r -> !r.insideEuEea())
                .map(r -> new ProcessingActivities.Transfer(r.name(), r.location(), r.transferMechanism()))
                .toList();
    }
}
