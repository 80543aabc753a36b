package ledger.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestFilterTest {

    @Test
    void each_list_is_asked_for_by_its_own_parameter() {
        assertThat(RequestFilter.OPEN.parameter()).isEqualTo("open");
        assertThat(RequestFilter.DUE_SOON.parameter()).isEqualTo("due-soon");
        assertThat(RequestFilter.OVERDUE.parameter()).isEqualTo("overdue");
        assertThat(RequestFilter.COMPLETED.parameter()).isEqualTo("completed");
        assertThat(RequestFilter.REFUSED.parameter()).isEqualTo("refused");
    }

    @Test
    void a_parameter_reads_as_the_list_it_names() {
        for (RequestFilter filter : RequestFilter.values()) {
            assertThat(RequestFilter.ofParameter(filter.parameter())).contains(filter);
        }
        assertThat(RequestFilter.ofParameter("due-soon")).contains(RequestFilter.DUE_SOON);
    }

    @Test
    void an_unknown_or_missing_parameter_names_no_list() {
        assertThat(RequestFilter.ofParameter("DUE_SOON")).isEmpty();
        assertThat(RequestFilter.ofParameter("soon")).isEmpty();
        assertThat(RequestFilter.ofParameter("")).isEmpty();
        assertThat(RequestFilter.ofParameter(null)).isEmpty();
    }
}
