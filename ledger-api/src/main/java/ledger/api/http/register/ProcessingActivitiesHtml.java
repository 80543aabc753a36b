package ledger.api.http.register;

import java.util.List;

import org.springframework.web.util.HtmlUtils;

import ledger.api.configuration.RecordOfProcessing;

/** The record of processing activities as a readable, self-contained HTML page; every value is escaped. */
final class ProcessingActivitiesHtml {

    private ProcessingActivitiesHtml() {
    }

    static String render(ProcessingActivities x) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Record of processing activities</title>")
                .append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}")
                .append("table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em;")
                .append("text-align:left;vertical-align:top}</style></head><body>");
        h.append("<h1>Record of processing activities (GDPR Art. 30)</h1><p>As of ").append(e(x.generatedAt()))
                .append(" (schema ").append(e(x.schema())).append(").</p>");
        if (x.controller() != null) {
            h.append("<h2>Controller</h2><p>").append(e(x.controller().name())).append("<br>")
                    .append(e(x.controller().address())).append("<br>").append(e(x.controller().email()))
                    .append("<br>Org. nr ").append(e(x.controller().organisationNumber())).append("</p>");
        }
        if (x.dataProtectionManager() != null) {
            RecordOfProcessing.Contact dpm = x.dataProtectionManager();
            h.append("<h2>Data Protection Manager</h2><p>").append(e(dpm.name())).append("<br>")
                    .append(e(dpm.email()));
            if (dpm.phone() != null) {
                h.append("<br>").append(e(dpm.phone()));
            }
            h.append("<br>").append(e(dpm.address())).append("</p>");
        }
        for (ProcessingActivities.Activity a : x.activities()) {
            h.append("<h2>").append(e(a.name())).append("</h2><table>");
            StringBuilder purposes = new StringBuilder();
            for (ProcessingActivities.Purpose p : a.purposes()) {
                purposes.append(p.purpose() == null ? "" : e(p.purpose()) + ": ").append(e(p.description()))
                        .append(" <em>").append(e(p.legalBasis())).append("</em><br>");
            }
            h.append("<tr><th>Purposes and legal basis</th><td>").append(purposes).append("</td></tr>");
            row(h, "Categories of data subjects", a.dataSubjectCategories());
            row(h, "Categories of personal data", a.personalDataCategories());
            row(h, "Recipients", a.recipients());
            row(h, "Transfers outside the EU/EEA", a.transfers().isEmpty() ? List.of("none")
                    : a.transfers().stream().map(t -> t.recipient() + " (" + t.location() + "): " + t.mechanism())
                    .toList());
            row(h, "Time limits for erasure", List.of(a.retention()));
            if (!a.cookies().isEmpty()) {
                row(h, "Cookies", a.cookies().stream().map(c -> c.name() + ": " + c.holds() + ", " + c.lifetime())
                        .toList());
            }
            h.append("</table>");
        }
        h.append("<h2>Recipients and processors</h2><table><tr><th>Name</th><th>Role</th><th>Purposes</th>")
                .append("<th>Location</th><th>Transfer mechanism</th><th>Processor agreement</th></tr>");
        for (RecordOfProcessing.Recipient r : x.recipients()) {
            h.append("<tr><td>").append(e(r.name())).append("</td><td>").append(e(r.role())).append("</td><td>")
                    .append(e(String.join(", ", r.purposes()))).append("</td><td>").append(e(r.location()))
                    .append(r.insideEuEea() ? " (inside the EU/EEA)" : "").append("</td><td>")
                    .append(e(r.transferMechanism())).append("</td><td>")
                    .append(r.agreementDate() != null ? e(r.agreementDate())
                            : "processor".equalsIgnoreCase(r.role()) ? "date not recorded" : "").append("</td></tr>");
        }
        h.append("</table><p>").append(e(x.storage())).append("</p>");
        h.append("<h2>Security measures (Art. 32)</h2><ul>");
        for (String measure : x.securityMeasures()) {
            h.append("<li>").append(e(measure)).append("</li>");
        }
        return h.append("</ul></body></html>").toString();
    }

    private static void row(StringBuilder h, String label, List<String> values) {
        h.append("<tr><th>").append(e(label)).append("</th><td>").append(e(String.join("; ", values)))
                .append("</td></tr>");
    }

    private static String e(Object value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value.toString(), "UTF-8");
    }
}
