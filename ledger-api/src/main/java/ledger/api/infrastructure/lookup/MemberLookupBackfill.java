package ledger.api.infrastructure.lookup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ledger.core.member.MemberId;
import ledger.core.member.MemberRegistered;

/**
 * Members registered before the blind index existed (V49) get their rows at start, from the member
 * view's current username and e-mail (their earlier addresses are not recovered). Idempotent: members
 * with a row are skipped, erased members have no username left in the view.
 */
@Component
class MemberLookupBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(MemberLookupBackfill.class);

    private final JdbcTemplate jdbc;
    private final JdbcMemberLookupIndex index;

    MemberLookupBackfill(JdbcTemplate jdbc, JdbcMemberLookupIndex index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    @Override
    public void run(ApplicationArguments args) {
        int[] added = {0};
        jdbc.query("SELECT v.member_id, v.username, v.email FROM member_view v WHERE v.username IS NOT NULL"
                + " AND NOT EXISTS (SELECT 1 FROM member_lookup l WHERE l.member_id = v.member_id)", rs -> {
                    index.on(new MemberRegistered(MemberId.of(rs.getObject(1, java.util.UUID.class)), rs.getString(2),
                            null, null, null, rs.getString(3), null, null));
                    added[0]++;
                });
        if (added[0] > 0) {
            log.info("The member lookup index was filled for {} members registered before it existed", added[0]);
        }
    }
}
