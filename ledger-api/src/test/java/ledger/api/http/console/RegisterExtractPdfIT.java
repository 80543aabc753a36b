package ledger.api.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

import ledger.api.support.Api;
import ledger.api.support.ConsoleSession;
import ledger.api.support.IntegrationTest;

/**
 * The register extract's PDF keeps every glyph inside the page's margins, also for a member whose
 * values are as long as the API takes and have no place to break (ids, addresses, documents).
 */
class RegisterExtractPdfIT extends IntegrationTest {

    /** The extract's {@code @page} margin left and right: 16 mm in points. */
    static final float SIDE_MARGIN = 16 / 25.4f * 72;
    /** Rounding in the renderer and in PDFBox's glyph widths. */
    static final float TOLERANCE = 1.5f;

    /** Where a glyph was drawn: its page, left edge, width and the character. */
    record Glyph(int page, float x, float width, String text) {
    }

    /** Every glyph's position on every page. */
    static final class Glyphs extends PDFTextStripper {

        final List<Glyph> glyphs = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        @Override
        protected void writeString(String string, List<TextPosition> positions) throws IOException {
            for (TextPosition position : positions) {
                glyphs.add(new Glyph(getCurrentPageNo(), position.getXDirAdj(), position.getWidthDirAdj(),
                        position.getUnicode()));
            }
            text.append(string).append('\n');
            super.writeString(string, positions);
        }
    }

    private static String longest(String prefix, int length, char fill) {
        return prefix + String.valueOf(fill).repeat(length - prefix.length());
    }

    @Test
    void long_values_without_a_break_stay_inside_the_right_margin() throws IOException {
        String username = longest("pdf" + UUID.randomUUID().toString().replace("-", "").substring(0, 10), 64, 'w');
        String company = longest("CompanyWithAVeryLongNameAndNoSpaces", 200, 'M');
        String email = longest("mail", 64, 'm') + "@" + longest("domain", 120, 'd') + ".example.org";
        String body = """
                {"username":"%s","givenName":"%s","familyName":"%s","company":"%s","email":"%s",
                 "consents":[{"purpose":"portal-membership","policyVersion":"2019-01-05"}]}
                """.formatted(username, longest("Given", 100, 'G'), longest("Family", 100, 'F'), company, email);
        Api.Response registered = api().post("/api/v1/members", body);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        UUID id = UUID.fromString(registered.json().get("memberId").asText());
        assertThat(api().post("/api/v1/members/" + id + "/downloads", "{\"documentId\":\""
                + longest("document-", 200, '0') + "\",\"title\":\"" + longest("Title", 300, 'T') + "\"}").status())
                .isBetween(200, 204);
        // the old company becomes an earlier value in its own table
        assertThat(api().patch("/api/v1/members/" + id + "/profile", "{\"company\":\""
                + longest("RenamedCompany", 200, 'R') + "\"}").status()).isBetween(200, 204);

        HttpResponse<byte[]> pdf = ConsoleSession.as(port, Api.DPM)
                .get("/console/members/" + id + "/extract?format=pdf&purpose=access-request");
        assertThat(pdf.statusCode()).isEqualTo(200);

        // kept for a look: the PDF and its pages as images
        Path out = Files.createDirectories(Path.of("target", "register-extract-pdf"));
        Files.write(out.resolve("long-values.pdf"), pdf.body());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            PDFRenderer renderer = new PDFRenderer(document);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                ImageIO.write(renderer.renderImageWithDPI(page, 72), "png",
                        out.resolve("long-values-" + (page + 1) + ".png").toFile());
            }
            Glyphs glyphs = new Glyphs();
            glyphs.getText(document);
            List<String> outside = new ArrayList<>();
            for (Glyph glyph : glyphs.glyphs) {
                PDRectangle page = document.getPage(glyph.page() - 1).getMediaBox();
                float right = page.getWidth() - SIDE_MARGIN + TOLERANCE;
                if (glyph.x() + glyph.width() > right || glyph.x() < SIDE_MARGIN - TOLERANCE) {
                    outside.add(glyph.text() + " on page " + glyph.page() + " at x=" + glyph.x() + ".."
                            + (glyph.x() + glyph.width()) + " (text area " + SIDE_MARGIN + ".." + right + ")");
                }
            }
            assertThat(outside.size()).as("glyphs outside the side margins, e.g. " + outside.stream().limit(5).toList())
                    .isZero();
            // glyphs past the page's edge are not extracted at all: every long value must be there
            assertThat(glyphs.text.toString().replace("\n", "")).as("the long values, none cut off")
                    .contains(company.substring(0, 30)).contains("RenamedCompany").contains("0".repeat(30))
                    .contains("TitleTTTT");
        }
    }
}
