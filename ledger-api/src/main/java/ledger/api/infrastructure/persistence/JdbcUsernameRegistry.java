package ledger.api.infrastructure.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ledger.core.erasure.DeadRowTables;
import ledger.core.member.MemberId;
import ledger.core.member.UsernameRegistry;
import ledger.core.member.Usernames;

/**
 * Usernames in a table with a unique key. JdbcTemplate joins the command's transaction, so the
 * claim commits with the registration; {@code ON CONFLICT DO NOTHING} waits for a concurrent
 * claim of the same name on another node and then reports it taken.
 */
@Component
class JdbcUsernameRegistry implements UsernameRegistry, DeadRowTables {

    private final JdbcTemplate jdbc;

    JdbcUsernameRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Claim claim(String username, MemberId memberId) {
        // Two keys, each unique: the digest of the first normalisation (NFKC, lower case), which every
        // claim has, and the digest of the look-alike key (Usernames.key), which claims made since V23
        // have. A name is taken when either matches; ON CONFLICT without a target covers both.
        int inserted = jdbc.update("INSERT INTO username_claim (username_digest, username_key, member_id)"
                        + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                digest(username), Usernames.keyDigest(username), memberId.value());
        if (inserted == 1) {
            return Claim.CLAIMED;
        }
        Integer mine = jdbc.queryForObject("SELECT count(*) FROM username_claim WHERE member_id = ?", Integer.class,
                memberId.value());
        return mine != null && mine > 0 ? Claim.MEMBER_EXISTS : Claim.USERNAME_TAKEN;
    }

    @Override
    public void release(MemberId memberId) {
        jdbc.update("DELETE FROM username_claim WHERE member_id = ?", memberId.value());
    }

    @Override
    public java.util.Optional<MemberId> holderOf(String username) {
        return jdbc.query("SELECT member_id FROM username_claim WHERE username_digest = ?",
                (rs, i) -> MemberId.of(rs.getObject(1, java.util.UUID.class)), digest(username)).stream().findFirst();
    }

    /** The first normalisation (before V23): NFKC and lower case; kept so that older claims still match. */
    static byte[] digest(String username) {
        String normalised = Normalizer.normalize(username.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        try {
            return MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** A released claim leaves the digest of the username in a dead row version. */
    @Override
    public Set<String> tablesWithDeadRows() {
        return Set.of("username_claim");
    }
}
