package ledger.bench.bare;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The second baseline of bench/run: a bare Spring Boot endpoint with the ledger's request shape
 * ({@code POST /bare/members/{id}/downloads}, JSON in and out) that reads one row and appends one
 * ~300-byte row in one transaction. Tomcat, Spring MVC, Jackson, Hikari (32 connections, as the
 * ledger), the same Boot version and PostgreSQL; no security, no Axon, no encryption, no read models.
 * Only the auto-configurations named here run (the ledger's own are on the classpath too), and no
 * application.yml is read.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class})
@Import(BareEndpointApplication.Downloads.class)
public class BareEndpointApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BareEndpointApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "bare-endpoint",
                "spring.datasource.hikari.maximum-pool-size", "32", "spring.main.banner-mode", "off"));
        application.run(args);
    }

    record DownloadRequest(String documentId, String title) {
    }

    record DownloadRecorded(UUID eventId, UUID memberId, String documentId) {
    }

    @RestController
    static class Downloads {

        private final JdbcTemplate jdbc;
        private final TransactionTemplate transaction;
        private final ObjectMapper json;

        Downloads(JdbcTemplate jdbc, TransactionTemplate transaction, ObjectMapper json) {
            this.jdbc = jdbc;
            this.transaction = transaction;
            this.json = json;
        }

        @GetMapping("/bare/ready")
        String ready() {
            return "ready";
        }

        @PostMapping("/bare/members/{memberId}/downloads")
        ResponseEntity<DownloadRecorded> download(@PathVariable UUID memberId, @RequestBody DownloadRequest request) {
            DownloadRecorded recorded = transaction.execute(status -> {
                // the read: the member exists (as the ledger loads its aggregate)
                Long version = jdbc.query("SELECT version FROM bench.bare_member WHERE member_id = ?",
                        rows -> rows.next() ? rows.getLong(1) : null, memberId);
                if (version == null) {
                    return null;
                }
                DownloadRecorded event = new DownloadRecorded(UUID.randomUUID(), memberId, request.documentId());
                // the append: about 300 bytes, as an event row of the ledger
                jdbc.update("INSERT INTO bench.bare_event (event_id, member_id, sequence_number, payload)"
                        + " VALUES (?, ?, ?, ?)", event.eventId(), memberId, version + 1, payload(event, request));
                return event;
            });
            return recorded == null ? ResponseEntity.notFound().build()
                    : ResponseEntity.status(HttpStatus.CREATED).body(recorded);
        }

        private byte[] payload(DownloadRecorded event, DownloadRequest request) {
            try {
                String body = json.writeValueAsString(Map.of("event", event, "title", String.valueOf(request.title())));
                StringBuilder padded = new StringBuilder(body);
                while (padded.length() < 300) {
                    padded.append(' ');
                }
                return padded.toString().getBytes(StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
