package ledger.api.configuration;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Everything under {@code ledger.*}, one record per feature. Every default is in application.yml,
 * none here: the file is the one place that says what a setting is when nobody sets it. See the
 * configuration table in the README.
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(
        Map<String, Purpose> purposes,
        Retention retention,
        Tokens tokens,
        Http http,
        EmbeddedPostgres embeddedPostgres,
        String masterKey,
        Path masterKeyFile,
        List<String> previousMasterKeys,
        int snapshotThreshold,
        String nodeId,
        Fleet fleet,
        EventSource eventSource,
        EventStore eventStore,
        Security security,
        Register register,
        Idempotency idempotency,
        Erasure erasure,
        ErasureJournalSettings erasureJournal,
        Log log,
        DeadLetters deadLetters,
        List<Notice> notices,
        ConsentReceipts consentReceipts,
        LegalHolds legalHolds,
        Notifications notifications,
        Console console,
        Startup startup,
        Requests requests) {

    public LedgerProperties {
        purposes = purposes == null ? Map.of() : Map.copyOf(purposes);
        notices = orEmpty(notices);
        previousMasterKeys = previousMasterKeys == null ? List.of()
                : previousMasterKeys.stream().filter(StringUtils::hasText).toList();
        if (register != null) {
            for (Activity activity : register.processingActivities()) {
                for (String purpose : activity.purposes()) {
                    if (!purposes.containsKey(purpose)) {
                        throw new IllegalArgumentException("the processing activity '" + activity.name()
                                + "' names the purpose '" + purpose + "', which ledger.purposes does not configure");
                    }
                }
            }
        }
    }

    /** A consent purpose as the member is told about it: in the purpose catalog and the register extract. */
    public record Purpose(String description, String legalBasis) {
    }

    /**
     * A privacy-notice version the service registers at start (docs/consent-records.md): the text is
     * read from {@code text} (a resource location, e.g. {@code classpath:notices/...}); registering
     * the same content again records nothing, other content under a registered version stops the start.
     */
    public record Notice(String version, String language, String url, String text, Instant effectiveFrom,
                         Map<String, Purpose> purposes, String retention, List<Recipient> recipients) {

        public Notice {
            purposes = purposes == null ? Map.of() : Map.copyOf(purposes);
            recipients = orEmpty(recipients);
        }
    }

    /**
     * What a Kantara consent receipt (CR 1.1) states beyond the consent and its notice: the
     * jurisdiction, the service, the controller's contact person, country, phone and site, the
     * consent type, whether sensitive data is involved, and per purpose its Kantara purpose
     * categories, PII categories and whether it is the primary purpose.
     */
    public record ConsentReceipts(String jurisdiction, String service, String contact, String country, String phone,
                                  String controllerUrl, String consentType, boolean sensitive,
                                  Map<String, ReceiptPurpose> purposes) {

        public ConsentReceipts {
            purposes = purposes == null ? Map.of() : Map.copyOf(purposes);
        }
    }

    public record ReceiptPurpose(List<String> categories, List<String> piiCategories, boolean primary) {

        public ReceiptPurpose {
            categories = orEmpty(categories);
            piiCategories = orEmpty(piiCategories);
        }
    }

    /**
     * {@code inactivity} and {@code contactCaseAfterClosure} are off when not set. The service refuses
     * to start when {@code afterMembershipEnd} is longer than {@code policyMaximumAfterMembershipEnd},
     * what the privacy policy promises (three months).
     */
    public record Retention(
            Period afterMembershipEnd,
            Period contactCaseMaximum,
            Period inactivity,
            Period contactCaseAfterClosure,
            Period policyMaximumAfterMembershipEnd) {

        public Retention {
            if (afterMembershipEnd != null && policyMaximumAfterMembershipEnd != null
                    && longer(afterMembershipEnd, policyMaximumAfterMembershipEnd)) {
                throw new IllegalArgumentException("ledger.retention.after-membership-end (" + afterMembershipEnd
                        + ") is longer than the privacy policy allows (ledger.retention.policy-maximum-after-"
                        + "membership-end, " + policyMaximumAfterMembershipEnd + ")");
            }
        }

        private static boolean longer(Period candidate, Period limit) {
            java.time.LocalDate reference = java.time.LocalDate.of(2000, 1, 31);
            return reference.plus(candidate).isAfter(reference.plus(limit));
        }
    }

    /** Static bearer tokens per role, for local runs; several per role allow rotation. */
    public record Tokens(List<String> portal, List<String> auditor, List<String> dpm, List<String> admin) {

        public Tokens {
            portal = orEmpty(portal);
            auditor = orEmpty(auditor);
            dpm = orEmpty(dpm);
            admin = orEmpty(admin);
        }
    }

    /**
     * Request bodies past {@code maxBodyBytes} are refused (413), a campaign audit's (up to 10,000 member
     * ids) past {@code maxCampaignBodyBytes}; list endpoints page by {@code paging}.
     */
    public record Http(int maxBodyBytes, Paging paging, int maxCampaignBodyBytes) {
    }

    public record Paging(int defaultLimit, int maxLimit) {
    }

    public record EmbeddedPostgres(Path dataDir, int port) {
    }

    /** Token claims expire after {@code claimTimeout}; segments are rebalanced every {@code balanceInterval}. */
    public record Fleet(Duration claimTimeout, Duration balanceInterval, Duration clockBound,
                        boolean adoptDirectories) {
    }

    /** How often processors look for other nodes' commits (their own commits wake them at once). */
    public record EventSource(Duration poll) {
    }

    /** The embedded event store's wait before it reads events that another transaction may still fill in. */
    public record EventStore(Duration fetchDelay) {
    }

    /** Idempotency records are deleted {@code retention} after they were made, checked every {@code cleanupInterval}. */
    public record Idempotency(Duration retention, Duration cleanupInterval) {
    }

    /** The VACUUM after an erasure waits at most {@code vacuumWait} for older transactions to end. */
    public record Erasure(Duration vacuumWait) {
    }

    /**
     * Poison events (docs/reliability.md): an event whose handlers failed {@code attempts} times is
     * dead-lettered; after a handler failure, its processing group handles events behind a savepoint
     * each for {@code savepointWindow}.
     */
    public record DeadLetters(int attempts, Duration savepointWindow) {
    }

    /**
     * Art. 19 deliveries from the outbox: looked for every {@code pollInterval}, {@code batchSize} at
     * a time, each POST given {@code timeout}; a failed one is tried again after {@code initialBackoff},
     * doubling up to {@code maxBackoff}, and given up (FAILED, shown to the DPM) after {@code maxAttempts}.
     */
    public record Notifications(Duration pollInterval, int batchSize, Duration timeout, Duration initialBackoff,
                                Duration maxBackoff, int maxAttempts) {
    }

    /**
     * The console at /console (docs/console.md). {@code tokenSignIn}: the sign-in form that takes a
     * configured DPM or AUDITOR token, honoured in the default profile only; {@code oidc}: sign-in with
     * an OpenID Connect issuer when {@code issuerUri} is set (roles from ledger.security.jwt.roles-claim);
     * {@code readPurposes}: what the console offers when a read of personal data asks for its purpose;
     * {@code erasureHorizon}: how far ahead the dashboard lists erasures; {@code pageSize}: rows per page;
     * {@code signInFailuresPerMinute}: wrong tokens a client address may send a minute before the
     * form answers 429.
     */
    public record Console(boolean tokenSignIn, Oidc oidc, List<String> readPurposes, Period erasureHorizon,
                          int pageSize, int signInFailuresPerMinute) {

        public Console {
            readPurposes = orEmpty(readPurposes);
        }

        public record Oidc(String issuerUri, String clientId, String clientSecret, List<String> scopes) {

            public boolean enabled() {
                return StringUtils.hasText(issuerUri);
            }
        }
    }

    /**
     * {@code exitWhenReady}: stop again as soon as the service is ready (the training run of bin/ledger,
     * which archives the classes a start loads; docs/performance.md, "Startup").
     */
    public record Startup(boolean exitWhenReady) {
    }

    /** A legal hold placed without a review date is to be reviewed {@code reviewAfter} after it was placed. */
    public record LegalHolds(Period reviewAfter) {
    }

    /**
     * Data-subject requests: a one-time verification code is valid {@code verificationCodeTtl}; the contact
     * data of a requester who is no member is kept {@code requesterRetention} after the request was closed.
     */
    public record Requests(Duration verificationCodeTtl, Period requesterRetention) {
    }

    /** Where the journal of erasures outside the database is kept (docs/crypto-shredding.md). */
    public record ErasureJournalSettings(Path dir) {
    }

    /**
     * The verifiable ledger (docs/verifiable-ledger.md): checkpoints name {@code origin} and are signed
     * with the Ed25519 seed {@code signingKey} (base64) or the one in {@code signingKeyFile}, under
     * {@code keyName} (the origin when empty); each is also written to {@code checkpointDir}. A growing
     * tree gets a checkpoint at least every {@code checkpointInterval}. Each new checkpoint is sent to the
     * {@code witnesses} for their cosignatures (each request at most {@code witnessTimeout}); one with
     * fewer than {@code witnessQuorum} (null: all of them) is short of quorum.
     */
    public record Log(String origin, String keyName, String signingKey, Path signingKeyFile, Path checkpointDir,
                      Duration checkpointInterval, Sequencer sequencer, Verification verification,
                      List<Witness> witnesses, Integer witnessQuorum, Duration witnessTimeout) {

        /** The checkpoints' key name: the configured one, else the origin. */
        public String effectiveKeyName() {
            return StringUtils.hasText(keyName) ? keyName : origin;
        }
    }

    /**
     * A C2SP tlog-witness that cosigns the log's checkpoints: {@code url} its submission prefix
     * ({@code <url>/add-checkpoint}), {@code publicKey} its verifier key
     * {@code <name>+<8 hex key id>+<base64(0x04 || 32-byte key)>}; {@code name} defaults to the key's.
     */
    public record Witness(String name, java.net.URI url, String publicKey) {
    }

    /**
     * Leaves are appended every {@code poll} and {@code wakeDelay} after a local commit of events (the
     * commits in between share that round), at most {@code batchSize} per transaction; an event that
     * commits after later ones (a gap in the global index) is looked for again for {@code gapTimeout},
     * and a sweep every {@code sweepInterval} catches anything else without a leaf. A node with
     * {@code enabled} false never sequences (others of the fleet do; the benchmark's log-off runs).
     */
    public record Sequencer(boolean enabled, Duration poll, Duration wakeDelay, int batchSize, Duration gapTimeout,
                            Duration sweepInterval) {
    }

    /**
     * A full verification runs every {@code interval}; an event row still without a leaf
     * {@code unsequencedGrace} after it was first seen so is reported; rows stream {@code fetchSize} at a time.
     */
    public record Verification(Duration interval, Duration unsequencedGrace, int fetchSize) {
    }

    public record Security(JwtSettings jwt) {
    }

    /**
     * OAuth2/JWT callers. Keys come from the issuer's discovery ({@code issuerUri}), a JWK set
     * ({@code jwkSetUri}) or, for tests and closed setups, a shared HMAC secret ({@code secret}, at
     * least 32 bytes). Roles are read from {@code rolesClaim}. A token must carry {@code exp} and
     * {@code sub} and may live at most {@code maxLifetime} (from {@code iat}, or from now without one).
     */
    public record JwtSettings(String issuerUri, String jwkSetUri, String secret, String issuer, String audience,
                              String rolesClaim, Duration maxLifetime) {

        public boolean enabled() {
            return StringUtils.hasText(issuerUri) || StringUtils.hasText(jwkSetUri) || StringUtils.hasText(secret);
        }
    }

    /**
     * What a register extract states beyond the member's own data (GDPR Art. 15): the controller,
     * recipients and processors, storage location, the rights, the supervisory authority; the
     * purposes come from {@link LedgerProperties#purposes()}. {@code judicialRemedy} is what a
     * refused request tells the person beside the authority (Art. 12(4)).
     */
    public record Register(
            Controller controller,
            Contact dataProtectionManager,
            List<String> personalDataCategories,
            List<String> dataSubjectCategories,
            List<Recipient> recipients,
            String storage,
            String source,
            List<Right> rights,
            Authority supervisoryAuthority,
            String judicialRemedy,
            String automatedDecisionMaking,
            List<String> securityMeasures,
            List<Activity> processingActivities,
            boolean allowTransfersOutsideEea) {

        public Register {
            personalDataCategories = orEmpty(personalDataCategories);
            dataSubjectCategories = orEmpty(dataSubjectCategories);
            recipients = orEmpty(recipients);
            rights = orEmpty(rights);
            securityMeasures = orEmpty(securityMeasures);
            processingActivities = orEmpty(processingActivities);
            // the privacy policy promises no transfer outside the EU/EEA: a recipient there stops the start
            // unless the operator decided otherwise, knowingly (then the DPM's dashboard shows the conflict)
            for (Recipient recipient : recipients) {
                if (!recipient.insideEuEea() && !allowTransfersOutsideEea) {
                    throw new IllegalArgumentException("the recipient '" + recipient.name() + "' is outside the"
                            + " EU/EEA, but the privacy policy promises no transfer outside the EU/EEA: set"
                            + " ledger.register.allow-transfers-outside-eea=true (and its transfer-mechanism) only"
                            + " once the policy says so");
                }
            }
        }

        /** Recipients outside the EU/EEA: each a conflict with the policy's promise (allowed knowingly). */
        public List<Recipient> transfersOutsideEea() {
            return recipients.stream().filter(r -> !r.insideEuEea()).toList();
        }

        /** Processors whose agreement (Art. 28(3)) has no recorded date. */
        public List<Recipient> processorsWithoutAgreementDate() {
            return recipients.stream().filter(r -> "processor".equalsIgnoreCase(r.role()) && r.agreementDate() == null)
                    .toList();
        }
    }

    public record Controller(String name, String address, String email, String organisationNumber) {
    }

    /** How to reach the Data Protection Manager (the register extract and the record of processing). */
    public record Contact(String name, String email, String phone, String address) {
    }

    /**
     * A recipient or processor. One outside the EU/EEA must declare its transfer mechanism (GDPR
     * Chapter V, e.g. an adequacy decision or standard contractual clauses), or the service refuses
     * to start. With {@code notifyUrl} it is told of every rectification, erasure and restriction of
     * a member whose data it received (Art. 19), signed with HMAC-SHA256 under {@code notifySecret}
     * (at least 32 characters). Neither is ever shown: not in an extract, the record or a log.
     */
    public record Recipient(String name, String role, List<String> purposes, String location, boolean insideEuEea,
                            String transferMechanism, @JsonIgnore URI notifyUrl, @JsonIgnore String notifySecret,
                            java.time.LocalDate agreementDate, @JsonIgnore boolean inactivityWarnings) {

        public Recipient {
            purposes = orEmpty(purposes);
            if (!insideEuEea && !StringUtils.hasText(transferMechanism)) {
                throw new IllegalArgumentException("the recipient '" + name + "' is outside the EU/EEA and declares"
                        + " no transfer mechanism (ledger.register.recipients[].transfer-mechanism)");
            }
            if (notifyUrl != null) {
                if (!"https".equals(notifyUrl.getScheme()) && !"http".equals(notifyUrl.getScheme())) {
                    throw new IllegalArgumentException("the notify-url of the recipient '" + name
                            + "' must be an http(s) URL");
                }
                if (notifySecret == null || notifySecret.length() < 32) {
                    throw new IllegalArgumentException("the recipient '" + name + "' has a notify-url but no"
                            + " notify-secret of at least 32 characters (ledger.register.recipients[].notify-secret)");
                }
            }
        }

        /** Whether the recipient is told of rectifications, erasures and restrictions (Art. 19). */
        public boolean notified() {
            return notifyUrl != null;
        }

        /** Never the secret. */
        @Override
        public String toString() {
            return "Recipient[name=" + name + ", role=" + role + ", purposes=" + purposes + ", location=" + location
                    + ", insideEuEea=" + insideEuEea + ", transferMechanism=" + transferMechanism + ", notifyUrl="
                    + notifyUrl + ", notifySecret=" + (notifySecret == null ? "none" : "(set)") + "]";
        }
    }

    /** Which retention rule an activity follows. */
    public enum RetentionRule {
        MEMBER,
        CONTACT_CASE,
        /** In the activity's own words ({@code retention-text}), e.g. the lifetimes of cookies. */
        STATED
    }

    /**
     * A processing activity of the record of processing activities (Art. 30(1)): its purposes (names
     * of configured purposes, or a {@code description} and {@code legalBasis} of its own), the
     * categories of data subjects and of personal data, and the retention rule it follows.
     */
    public record Activity(String name, String description, List<String> purposes, String legalBasis,
                           List<String> dataSubjectCategories, List<String> personalDataCategories,
                           RetentionRule retention, String retentionText, List<String> recipients,
                           List<Cookie> cookies) {

        public Activity {
            purposes = orEmpty(purposes);
            dataSubjectCategories = orEmpty(dataSubjectCategories);
            personalDataCategories = orEmpty(personalDataCategories);
            recipients = orEmpty(recipients);
            cookies = orEmpty(cookies);
            if (retention == RetentionRule.STATED && (retentionText == null || retentionText.isBlank())) {
                throw new IllegalArgumentException("the processing activity '" + name + "' states its retention:"
                        + " retention-text is required");
            }
        }
    }

    /** A cookie an activity sets: its name (or kind), what it holds and how long it lives. */
    public record Cookie(String name, String holds, String lifetime) {
    }

    public record Right(String right, String article, String how) {
    }

    public record Authority(String name, String website) {
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
