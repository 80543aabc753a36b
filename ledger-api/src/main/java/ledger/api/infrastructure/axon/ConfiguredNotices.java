package ledger.api.infrastructure.axon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import ledger.api.configuration.LedgerProperties;
import ledger.api.infrastructure.scheduling.StartOrder;
import ledger.core.notice.NoticePurpose;
import ledger.core.notice.NoticeRecipient;
import ledger.core.notice.NoticeRefusals.NoticeConflict;
import ledger.core.notice.NoticeRegistration;
import ledger.core.notice.NoticeVersion;
import ledger.core.notice.RegisterNotice;
import ledger.core.shared.Actor;
import ledger.core.shared.RefusalDetails;

/**
 * Registers the configured notices (by default the privacy policy's version 2019-01-05) after Axon
 * started and before the web server accepts a request, so that a consent under them is never
 * refused for want of a registration. The same content again records nothing; a configured version
 * registered with other content stops the start: a published notice never changes.
 */
final class ConfiguredNotices implements SmartLifecycle {


    private static final Logger log = LoggerFactory.getLogger(ConfiguredNotices.class);

    private final List<LedgerProperties.Notice> notices;
    private final ResourceLoader resources;
    private final CommandGateway commands;
    private volatile boolean running;

    ConfiguredNotices(List<LedgerProperties.Notice> notices, ResourceLoader resources, CommandGateway commands) {
        this.notices = notices;
        this.resources = resources;
        this.commands = commands;
    }

    @Override
    public void start() {
        for (LedgerProperties.Notice notice : notices) {
            NoticeRegistration.Result result;
            try {
                result = commands.sendAndWait(command(notice));
            } catch (RuntimeException e) {
                if (!conflict(e)) {
                    throw e;
                }
                throw new IllegalStateException("The configured notice " + notice.version() + " is registered with"
                        + " another text or other terms; a published notice never changes: configure a new version");
            }
            if (result.registered()) {
                log.info("Registered notice {} (SHA-256 {})", notice.version(), result.notice().sha256());
            }
        }
        running = true;
    }

    /** Locally the refusal itself arrives; through Axon Server only its details. */
    private static boolean conflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NoticeConflict) {
                return true;
            }
            if (t instanceof CommandExecutionException e && e.getDetails().filter(RefusalDetails.class::isInstance)
                    .map(d -> "notice-conflict".equals(((RefusalDetails) d).code())).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    RegisterNotice command(LedgerProperties.Notice notice) {
        Map<String, NoticePurpose> purposes = new LinkedHashMap<>();
        notice.purposes().forEach((name, p) -> purposes.put(name, new NoticePurpose(p.description(), p.legalBasis())));
        List<NoticeRecipient> recipients = notice.recipients().stream()
                .map(r -> new NoticeRecipient(r.name(), r.role(), r.purposes(), r.location(), r.insideEuEea()))
                .toList();
        return new RegisterNotice(NoticeVersion.of(notice.version()), notice.language(), notice.url(),
                text(notice.text()), notice.effectiveFrom(), purposes, notice.retention(), recipients, Actor.SYSTEM);
    }

    /** The notice's text: strict UTF-8, exactly as stored (its SHA-256 is taken over these bytes). */
    private String text(String location) {
        Resource resource = resources.getResource(location);
        try {
            byte[] bytes = resource.getContentAsByteArray();
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("the notice text " + location + " is not UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the notice text " + location, e);
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return StartOrder.CONFIGURED_NOTICES.phase();
    }
}
