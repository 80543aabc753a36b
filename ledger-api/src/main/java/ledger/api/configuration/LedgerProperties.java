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

import ledger.api.application.operations.DeadLetters;

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
        MemberCache memberCache,
        String nodeId,
        Fleet fleet,
        EventSource eventSource,
        EventStore eventStore,
        Security security,
        RecordOfProcessing register,
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
        Requests requests,
        ReadModels readModels) {

    public LedgerProperties {
        purposes = purposes == null ? Map.of() : Map.copyOf(purposes);
        notices = orEmpty(notices);
        previousMasterKeys = previousMasterKeys == null ? List.of()
                : previousMasterKeys.stream().filter(StringUtils::hasText).toList();
        if (register != null) {
            for (RecordOfProcessing.Activity activity : register.processingActivities()) {
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
                         Map<String, Purpose> purposes, String retention, List<RecordOfProcessing.Recipient> recipients) {

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

    /**
     * Members kept in memory between commands on a node: at most {@code maximumSize}, each at most {@code ttl}
     * after its last change; a size of 0 keeps none (every command loads its member).
     */
    public record MemberCache(Duration ttl, long maximumSize) {
    }

    /**
     * {@code inline}: the member view and its history are written in the command's own transaction from
     * the events at hand (the tracking processor still takes every event, for replays and whatever the
     * command could not write); false leaves them to the tracking processor alone.
     */
    public record ReadModels(boolean inline) {
    }

    /** The embedded event store's wait before it reads events that another transaction may still fill in. */
    public record EventStore(Duration fetchDelay) {
    }

    /** Idempotency records are deleted {@code retention} after they were made, checked every {@code cleanupInterval}. */
    public record Idempotency(Duration retention, Duration cleanupInterval) {
    }

    /**
     * The VACUUM after an erasure waits at most {@code vacuumWait} for older transactions to end; one starts at most
     * every {@code vacuumInterval} (the erasures meanwhile share it).
     */
    public record Erasure(Duration vacuumWait, Duration vacuumInterval) {
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
    /**
     * The scheduled verification runs every {@code interval}, going on from the node's last intact one;
     * every leaf is recomputed from its row at least once per {@code fullInterval} on that node.
     */
    public record Verification(Duration interval, Duration unsequencedGrace, int fetchSize, Duration fullInterval) {
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

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
