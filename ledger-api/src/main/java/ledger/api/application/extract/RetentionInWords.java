package ledger.api.application.extract;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import ledger.api.configuration.LedgerProperties;

/**
 * The retention rules in plain words ("3 months", not "P3M"), as the register extract tells the
 * member and the record of processing activities states them; from the configured periods.
 */
@Component
public class RetentionInWords {

    private final LedgerProperties.Retention retention;

    public RetentionInWords(LedgerProperties properties) {
        this.retention = properties.retention();
    }

    /** For the member (second person). */
    public String memberDataToMember() {
        return "Kept while you use the partner portal and for " + inWords(retention.afterMembershipEnd())
                + " after you stop using it, then erased automatically" + inactivity(" your membership") + ".";
    }

    /** For the record of processing activities. */
    public String memberData() {
        return "While the member uses the partner portal and for " + inWords(retention.afterMembershipEnd())
                + " after the membership ends, then erased automatically (a legal hold, recorded with its ground,"
                + " defers the erasure)" + inactivity(" a membership") + ".";
    }

    public String contactFormData() {
        String afterClosure = retention.contactCaseAfterClosure() == null ? ""
                : " and " + inWords(retention.contactCaseAfterClosure()) + " after the case is closed, whichever"
                + " comes first";
        return "As long as needed to handle the case, at most " + inWords(retention.contactCaseMaximum())
                + " after it was opened" + afterClosure + ", then erased automatically.";
    }

    private String inactivity(String whose) {
        return retention.inactivity() == null ? ""
                : ";" + whose + " without activity for " + inWords(retention.inactivity()) + " ends";
    }

    /** "3 months", "1 year and 6 months", "2 years, 1 month and 3 days", "0 days". */
    public static String inWords(Period period) {
        List<String> parts = new ArrayList<>();
        add(parts, period.getYears(), "year");
        add(parts, period.getMonths(), "month");
        add(parts, period.getDays(), "day");
        if (parts.isEmpty()) {
            return "0 days";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static void add(List<String> parts, int amount, String unit) {
        if (amount != 0) {
            parts.add(amount + " " + unit + (Math.abs(amount) == 1 ? "" : "s"));
        }
    }
}
