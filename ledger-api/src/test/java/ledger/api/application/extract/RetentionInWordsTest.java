package ledger.api.application.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;

import org.junit.jupiter.api.Test;

import ledger.api.application.ApplicationFixtures;
import ledger.api.configuration.LedgerProperties;

class RetentionInWordsTest {

    private static RetentionInWords words(Period inactivity, Period afterClosure) {
        return new RetentionInWords(ApplicationFixtures.properties(null, new LedgerProperties.Retention(
                Period.ofMonths(3), Period.ofMonths(6), inactivity, afterClosure, Period.ofMonths(3)), null, null, null));
    }

    @Test
    void the_member_is_told_the_retention_after_use_and_the_inactivity_that_ends_a_membership() {
        assertThat(words(Period.ofYears(2), null).memberDataToMember()).isEqualTo("Kept while you use the partner"
                + " portal and for 3 months after you stop using it, then erased automatically; your membership"
                + " without activity for 2 years ends.");
    }

    @Test
    void without_an_inactivity_rule_the_member_is_told_nothing_about_inactivity() {
        assertThat(words(null, null).memberDataToMember()).isEqualTo("Kept while you use the partner portal and for"
                + " 3 months after you stop using it, then erased automatically.");
    }

    @Test
    void the_record_of_processing_states_the_member_rule_with_legal_holds_and_inactivity() {
        assertThat(words(Period.ofYears(1), null).memberData()).isEqualTo("While the member uses the partner portal"
                + " and for 3 months after the membership ends, then erased automatically (a legal hold, recorded with"
                + " its ground, defers the erasure); a membership without activity for 1 year ends.");
        assertThat(words(null, null).memberData()).isEqualTo("While the member uses the partner portal and for"
                + " 3 months after the membership ends, then erased automatically (a legal hold, recorded with its"
                + " ground, defers the erasure).");
    }

    @Test
    void contact_form_data_is_kept_at_most_the_maximum_or_the_period_after_closure_whichever_comes_first() {
        assertThat(words(null, Period.ofMonths(1)).contactFormData()).isEqualTo("As long as needed to handle the case,"
                + " at most 6 months after it was opened and 1 month after the case is closed, whichever comes first,"
                + " then erased automatically.");
    }

    @Test
    void without_a_period_after_closure_contact_form_data_is_kept_at_most_the_maximum() {
        assertThat(words(null, null).contactFormData()).isEqualTo("As long as needed to handle the case, at most"
                + " 6 months after it was opened, then erased automatically.");
    }

    @Test
    void periods_are_written_in_words_with_singulars_plurals_commas_and_a_final_and() {
        assertThat(RetentionInWords.inWords(Period.ZERO)).isEqualTo("0 days");
        assertThat(RetentionInWords.inWords(Period.ofDays(1))).isEqualTo("1 day");
        assertThat(RetentionInWords.inWords(Period.ofMonths(3))).isEqualTo("3 months");
        assertThat(RetentionInWords.inWords(Period.of(1, 6, 0))).isEqualTo("1 year and 6 months");
        assertThat(RetentionInWords.inWords(Period.of(2, 1, 3))).isEqualTo("2 years, 1 month and 3 days");
        assertThat(RetentionInWords.inWords(Period.of(0, 0, -1))).isEqualTo("-1 day");
        assertThat(RetentionInWords.inWords(Period.of(0, -2, 0))).isEqualTo("-2 months");
    }
}
