package ledger.api.http.extract;

import ledger.api.LedgerProperties;
import java.util.List;

import org.springframework.web.util.HtmlUtils;

import ledger.projections.extract.RegisterExtractData;
import ledger.projections.history.ConsentEntry;

/** The register extract as a readable, self-contained HTML page; every value is escaped. */
final class RegisterExtractHtml {

    private RegisterExtractHtml() {
    }

    static String render(RegisterExtract x) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Register extract</title>")
                .append("<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}")
                .append("table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em;")
                .append("text-align:left;vertical-align:top}</style></head><body>");
        h.append("<h1>Register extract</h1><p>Issued ").append(e(x.issuedAt())).append(" by ")
                .append(e(x.controller() == null ? null : x.controller().name())).append(" (schema ")
                .append(e(x.schema())).append(").</p>");
        if (x.controller() != null) {
            h.append("<h2>Controller</h2><p>").append(e(x.controller().name())).append("<br>")
                    .append(e(x.controller().address())).append("<br>").append(e(x.controller().email()))
                    .append("<br>Org. nr ").append(e(x.controller().organisationNumber())).append("</p>");
        }
        RegisterExtract.Member m = x.member();
        h.append("<h2>Your personal data</h2><table>");
        row(h, "Member id", m.memberId());
        row(h, "Username", m.username());
        row(h, "Given name", m.givenName());
        row(h, "Family name", m.familyName());
        row(h, "Company", m.company());
        row(h, "Email", m.email());
        row(h, "Status", m.status());
        row(h, "Registered", m.registeredAt());
        row(h, "Last activity", m.lastActivityAt());
        h.append("</table><p>Categories: ").append(e(String.join(", ", x.personalDataCategories()))).append("</p>");
        h.append("<p>Source: ").append(e(x.source())).append("</p>");

        h.append("<h2>Purposes and legal basis</h2><table><tr><th>Purpose</th><th>Description</th>")
                .append("<th>Legal basis</th><th>Your consent</th></tr>");
        for (RegisterExtract.PurposeEntry p : x.purposes()) {
            h.append("<tr><td>").append(e(p.purpose())).append("</td><td>").append(e(p.description()))
                    .append("</td><td>").append(e(p.legalBasis())).append("</td><td>");
            if (p.consent() == null) {
                h.append("never given");
            } else {
                h.append(p.consent().granted() ? "given" : "withdrawn").append(" (policy ")
                        .append(e(p.consent().policyVersion())).append(", since ").append(e(p.consent().since()))
                        .append(")");
            }
            h.append("</td></tr>");
        }
        h.append("</table>");

        h.append("<h2>Recipients and processors</h2><table><tr><th>Name</th><th>Role</th><th>Purposes</th>")
                .append("<th>Location</th></tr>");
        for (LedgerProperties.Recipient r : x.recipients()) {
            h.append("<tr><td>").append(e(r.name())).append("</td><td>").append(e(r.role())).append("</td><td>")
                    .append(e(r.purposes() == null ? "" : String.join(", ", r.purposes()))).append("</td><td>")
                    .append(e(r.location())).append(r.insideEuEea() ? " (inside the EU/EEA)"
                            : " (outside the EU/EEA; safeguard: " + e(r.transferMechanism()) + ")")
                    .append("</td></tr>");
        }
        h.append("</table><p>").append(e(x.storage())).append("</p>");

        h.append("<h2>Retention</h2><p>").append(e(x.retention().memberData())).append("</p><p>")
                .append(e(x.retention().erasure())).append("</p><p>")
                .append(e(x.retention().contactFormData())).append("</p>");

        h.append("<h2>Earlier values we still hold</h2>");
        if (x.pastValues().isEmpty()) {
            h.append("<p>None: your profile has not been changed.</p>");
        } else {
            h.append("<p>Your events keep these earlier values until your data is erased.</p><table><tr>")
                    .append("<th>Field</th><th>Value</th><th>From</th><th>Until</th></tr>");
            for (RegisterExtractData.PastValue v : x.pastValues()) {
                h.append("<tr><td>").append(e(v.field())).append("</td><td>").append(e(v.value())).append("</td><td>")
                        .append(e(v.from())).append("</td><td>").append(e(v.until())).append("</td></tr>");
            }
            h.append("</table>");
        }
        if (x.processingRestricted()) {
            h.append("<h2>Restriction of processing</h2><p>Processing of your data is restricted")
                    .append(x.restriction() == null ? " by a legal hold" : " (" + e(x.restriction().ground())
                            + ", since " + e(x.restriction().since()) + ")")
                    .append(": it is kept, and not otherwise processed.</p>");
        }
        if (!x.objections().isEmpty()) {
            h.append("<h2>Your objections</h2><ul>");
            for (var objection : x.objections()) {
                h.append("<li>").append(e(objection.purpose())).append(" (").append(e(objection.at()))
                        .append(")</li>");
            }
            h.append("</ul>");
        }
        h.append("<h2>Automated decision-making</h2><p>").append(e(x.automatedDecisionMaking())).append("</p>");

        h.append("<h2>Downloads</h2>");
        List<RegisterExtractData.Download> downloads = x.downloads();
        if (downloads.isEmpty()) {
            h.append("<p>None.</p>");
        } else {
            h.append("<table><tr><th>When</th><th>Document</th><th>Title</th></tr>");
            for (RegisterExtractData.Download d : downloads) {
                h.append("<tr><td>").append(e(d.at())).append("</td><td>").append(e(d.documentId()))
                        .append("</td><td>").append(e(d.title())).append("</td></tr>");
            }
            h.append("</table>");
        }

        h.append("<h2>Consent history</h2><table><tr><th>#</th><th>When</th><th>What</th><th>Purpose</th>")
                .append("<th>Policy version</th><th>Channel</th><th>Recorded by</th></tr>");
        for (ConsentEntry c : x.consentHistory()) {
            h.append("<tr><td>").append(c.seq()).append("</td><td>").append(e(c.at())).append("</td><td>")
                    .append(e(c.type())).append("</td><td>").append(e(c.purpose())).append("</td><td>")
                    .append(e(c.policyVersion())).append("</td><td>").append(e(c.channel())).append("</td><td>")
                    .append(e(c.actor().role())).append("</td></tr>");
        }
        h.append("</table>");

        h.append("<h2>Who has seen your data</h2><table><tr><th>When</th><th>Who</th><th>Purpose</th>")
                .append("<th>What</th></tr>");
        for (var access : x.accesses()) {
            h.append("<tr><td>").append(e(access.at())).append("</td><td>").append(e(access.accessorRole()))
                    .append(" (").append(e(access.accessorPrincipal())).append(")</td><td>")
                    .append(e(access.purpose())).append("</td><td>").append(e(access.resource())).append("</td></tr>");
        }
        h.append("</table>");

        h.append("<h2>Your rights</h2><ul>");
        for (LedgerProperties.Right r : x.rights()) {
            h.append("<li><strong>").append(e(r.right())).append("</strong> (").append(e(r.article()))
                    .append("): ").append(e(r.how())).append("</li>");
        }
        h.append("</ul>");
        if (x.dataProtectionManager() != null) {
            LedgerProperties.Contact dpm = x.dataProtectionManager();
            h.append("<h2>Data Protection Manager</h2><p>").append(e(dpm.name())).append("<br>")
                    .append(e(dpm.email()));
            if (dpm.phone() != null) {
                h.append("<br>").append(e(dpm.phone()));
            }
            h.append("<br>").append(e(dpm.address())).append("</p>");
        }
        if (x.supervisoryAuthority() != null) {
            h.append("<h2>Supervisory authority</h2><p>").append(e(x.supervisoryAuthority().name()))
                    .append(", ").append(e(x.supervisoryAuthority().website())).append("</p>");
        }
        return h.append("</body></html>").toString();
    }

    private static void row(StringBuilder h, String label, Object value) {
        h.append("<tr><th>").append(e(label)).append("</th><td>").append(e(value)).append("</td></tr>");
    }

    private static String e(Object value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value.toString(), "UTF-8");
    }
}
