package ledger.api.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The processors' settings in application.yml, as Spring Boot reads them (anchors and merge keys included). */
class ProcessorSettingsTest {

    /** What Axon's Boot configuration reads of a processor (a subset). */
    record Settings(String mode, String source, Integer threadCount, Integer initialSegmentCount, Integer batchSize,
                    Dlq dlq) {
    }

    record Dlq(boolean enabled) {
    }

    private static Map<String, Settings> processors;

    @BeforeAll
    static void readApplicationYml() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        processors = new Binder(ConfigurationPropertySources.get(environment))
                .bind("axon.eventhandling.processors", Bindable.mapOf(String.class, Settings.class))
                .orElseThrow(IllegalStateException::new);
    }

    @Test
    void every_processing_group_has_settings_and_every_pooled_one_is_woken_on_commit_and_dead_letters_poison() {
        Set<String> groups = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("ledger")) {
            type.tryGetAnnotationOfType(ProcessingGroup.class).ifPresent(group -> groups.add(group.value()));
        }
        assertThat(groups).isNotEmpty();
        assertThat(processors.keySet()).containsAll(groups);
        processors.forEach((name, settings) -> {
            if ("pooled".equals(settings.mode())) {
                assertThat(settings.source()).as(name).isEqualTo("processorEvents");
                assertThat(settings.dlq()).as(name).isEqualTo(new Dlq(true));
            } else {
                assertThat(settings.mode()).as(name).isEqualTo("subscribing");
            }
        });
    }

    @Test
    void shared_settings_are_inherited_and_overridden_where_a_processor_says_so() {
        assertThat(processors.get("member-history"))
                .isEqualTo(new Settings("pooled", "processorEvents", 2, 2, 100, new Dlq(true)));
        assertThat(processors.get("consent-history"))
                .isEqualTo(new Settings("pooled", "processorEvents", 1, 1, 100, new Dlq(true)));
        assertThat(processors.get("retention-automation"))
                .isEqualTo(new Settings("pooled", "processorEvents", 1, 1, 10, new Dlq(true)));
    }

    @Test
    void a_processing_group_on_another_groups_processor_repeats_that_processors_settings() {
        assertThat(MessagingConfiguration.SHARED_PROCESSORS).isNotEmpty();
        MessagingConfiguration.SHARED_PROCESSORS.forEach((group, processor) -> {
            assertThat(processors).containsKey(processor);
            assertThat(processors.get(group)).as(group).isEqualTo(processors.get(processor));
        });
    }
}
