package ledger.api.infrastructure.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import ledger.api.configuration.DevelopmentMode;
import ledger.api.configuration.LedgerProperties;
import ledger.api.infrastructure.files.KeyFiles;
import ledger.core.log.NoteSigner;

/**
 * The Ed25519 key that signs the ledger's checkpoints, with the master key's start-up rules: from
 * {@code LEDGER_SIGNING_KEY} (base64 of the 32-byte seed) or the file {@code LEDGER_SIGNING_KEY_FILE}
 * (same content, owner-only); only the local default (no active profile) generates a missing file,
 * with a warning. Never from the database: whoever holds it can sign checkpoints of any history.
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final int SEED_BYTES = 32;

    private SigningKeys() {
    }

    static NoteSigner load(LedgerProperties.Log settings, Environment environment) {
        String keyName = settings.effectiveKeyName();
        if (StringUtils.hasText(settings.signingKey())) {
            return new NoteSigner(keyName, decode(settings.signingKey()));
        }
        Path file = settings.signingKeyFile();
        if (Files.exists(file)) {
            return new NoteSigner(keyName, decode(KeyFiles.read(file)));
        }
        if (!DevelopmentMode.of(environment).on()) {
            throw new IllegalStateException("No checkpoint signing key: set LEDGER_SIGNING_KEY (base64 of a 32-byte"
                    + " Ed25519 seed) or LEDGER_SIGNING_KEY_FILE; only the local default profile generates one");
        }
        byte[] seed = NoteSigner.generateSeed();
        KeyFiles.create(file, Base64.getEncoder().encodeToString(seed));
        NoteSigner signer = new NoteSigner(keyName, seed);
        log.warn("No checkpoint signing key configured: generated one for local use in {} (verifier key {}). Keep"
                + " it apart from the database; anyone holding it can sign checkpoints of a rewritten history.",
                file.toAbsolutePath(), signer.verifierKey());
        return signer;
    }

    /** Base64 of exactly 32 bytes; the message never quotes the value. */
    static byte[] decode(String base64) {
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the checkpoint signing key must be base64 (of a 32-byte Ed25519 seed)");
        }
        if (seed.length != SEED_BYTES) {
            throw new IllegalStateException("the checkpoint signing key must be base64 of 32 bytes (an Ed25519 seed)");
        }
        return seed;
    }
}
