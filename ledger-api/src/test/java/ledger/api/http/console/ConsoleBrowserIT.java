package ledger.api.http.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;

import ledger.api.support.Api;
import ledger.api.support.IntegrationTest;
import ledger.api.support.StubIssuer;

/**
 * The console in a real browser (Debian's chromium and chromium-driver, headless): the DPM's walk
 * from sign-in to an erasure receipt past a legal hold, and the auditor's search and CSV download.
 * Every page is saved as a screenshot under target/console-screenshots and checked with axe-core:
 * no serious or critical accessibility violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT extends IntegrationTest {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final Path DOWNLOADS = Path.of("target", "console-downloads").toAbsolutePath();

    private ChromeDriverService service;
    private WebDriver driver;
    private WebDriverWait wait;
    private int shot;

    @BeforeAll
    void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "the browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,800",
                "--user-data-dir=" + Files.createTempDirectory("console-chromium-").toAbsolutePath());
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", DOWNLOADS.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Saves the page as target/console-screenshots/NN-name.png and checks it with axe-core. */
    private void page(String name) throws IOException {
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shot, name)),
                StandardCopyOption.REPLACE_EXISTING);
        Results results = new AxeBuilder().analyze(driver);
        List<String> serious = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getNodes().size() + " nodes, e.g. "
                        + (rule.getNodes().isEmpty() ? "" : rule.getNodes().get(0).getTarget()))
                .toList();
        assertThat(serious).as("serious or critical accessibility violations on " + name).isEmpty();
    }

    /** A browser without a session, on the sign-in page where /console sends it. */
    private void signedOut() {
        driver.get(url("/console/sign-in"));
        driver.manage().deleteAllCookies();
        driver.get(url("/console"));
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
    }

    private void signIn(String token) {
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.id("sign-in")).click();
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    @Test
    void the_dpm_finds_a_member_is_refused_by_a_hold_releases_it_erases_and_sees_the_receipt() throws IOException {
        String username = Api.uniqueUsername();
        UUID id = api().register(username);
        // an open request, so the dashboard shows one
        api().as(Api.DPM).post("/api/v1/requests", "{\"memberId\":\"" + id + "\",\"type\":\"ERASURE\",\"receivedAt\":\""
                + java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}");

        // a standing hold elsewhere, so the dashboard lists one
        UUID held = api().register(Api.uniqueUsername());
        assertThat(api().as(Api.DPM).post("/api/v1/members/" + held + "/legal-holds",
                "{\"ground\":\"LEGAL_OBLIGATION\",\"reason\":\"Bookkeeping act\"}").status()).isEqualTo(201);

        signedOut();
        page("sign-in");
        signIn(Api.DPM);
        wait.until(ExpectedConditions.urlContains("/console/dashboard"));
        assertThat(text("signed-in-as")).isEqualTo("static:DPM#1");
        assertThat(text("signed-in-role")).isEqualTo("DPM");
        assertThat(Integer.parseInt(text("count-open"))).isPositive();
        page("dashboard");
        Files.copy(SCREENSHOTS.resolve(String.format("%02d-dashboard.png", shot)), SCREENSHOTS.resolve("dashboard.png"),
                StandardCopyOption.REPLACE_EXISTING);

        // the same page on a phone-sized screen
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.navigate().refresh();
        page("dashboard-390px");
        driver.manage().window().setSize(new Dimension(1280, 800));

        // find the member by the e-mail address the request came from (any case); the page asks for the purpose
        driver.findElement(By.id("q")).sendKeys(("MAIL" + username + "@Example.org").toUpperCase(java.util.Locale.ROOT));
        driver.findElement(By.id("q")).submit();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("purpose-form")));
        page("purpose");
        new Select(driver.findElement(By.id("purpose"))).selectByValue("erasure-request");
        driver.findElement(By.id("purpose-continue")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("member-id")));
        assertThat(text("member-id")).isEqualTo(id.toString());
        assertThat(text("accesses")).contains("erasure-request").contains("console:member").contains("member-lookup");
        page("member");

        // the member's own copy, as the member reads it (recorded as a read for the same purpose)
        String memberPage = driver.getCurrentUrl();
        driver.findElement(By.id("extract-html")).click();
        wait.until(ExpectedConditions.titleIs("Register extract"));
        assertThat(driver.findElement(By.tagName("body")).getText())
                .contains("three months after your membership ends")
                .containsPattern("\\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{2}:\\d{2} UTC");
        page("register-extract");
        driver.get(memberPage);

        // a legal hold
        new Select(driver.findElement(By.id("hold-ground"))).selectByValue("LEGAL_CLAIMS");
        driver.findElement(By.id("hold-reason")).sendKeys("Pending dispute over an invoice");
        driver.findElement(By.id("place-hold")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("holds")));
        assertThat(driver.findElement(By.cssSelector(".flash.ok")).getText()).contains("legal hold was placed");
        page("member-held");

        // the erasure is refused while the hold stands
        driver.findElement(By.id("erasure-confirmation")).sendKeys(id.toString());
        driver.findElement(By.id("erase")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash.error")));
        assertThat(driver.findElement(By.cssSelector(".flash.error")).getText()).contains("erasure was refused");
        assertThat(text("member-status")).isEqualTo("ACTIVE");
        page("erasure-refused");

        // release the hold: the erasure it deferred runs by itself, as the refusal said (the retention
        // automation sends it; a manual erasure after the release raced with it)
        driver.findElement(By.cssSelector("#holds .release-hold")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("no-holds")));
        assertThat(driver.findElement(By.cssSelector(".flash.ok")).getText()).contains("released");
        wait.until(d -> {
            d.get(url("/console/erasures"));
            return text("erasures").contains(id.toString());
        });

        // another member, erased by the DPM through the form: the receipt
        UUID other = api().register(Api.uniqueUsername());
        driver.get(memberPage.replace(id.toString(), other.toString()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("erasure-confirmation")));
        driver.findElement(By.id("erasure-confirmation")).sendKeys(other.toString());
        driver.findElement(By.id("erase")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("erasure-done")));
        assertThat(text("receipt")).contains(other.toString()).contains("MEMBER_REQUEST");
        page("erasure-receipt");

        driver.get(url("/console/erasures"));
        assertThat(text("erasures")).contains(id.toString()).contains(other.toString());
        page("erasure-receipts");

        driver.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/console/sign-in?signed-out"));
        driver.get(url("/console/dashboard"));
        wait.until(ExpectedConditions.urlContains("/console/sign-in"));
    }

    @Test
    void the_auditor_filters_the_consent_history_and_downloads_it_as_csv() throws IOException {
        UUID id = api().register(Api.uniqueUsername());
        assertThat(api().post("/api/v1/members/" + id + "/consents",
                "{\"purpose\":\"newsletter\",\"policyVersion\":\"2019-01-05\"}").status()).isEqualTo(201);
        assertThat(api().post("/api/v1/members/" + id + "/consents/withdrawals",
                "{\"purposes\":[\"newsletter\"]}").status()).isEqualTo(200);

        signedOut();
        signIn(Api.AUDITOR);
        wait.until(ExpectedConditions.urlContains("/console/consents"));
        assertThat(text("signed-in-role")).isEqualTo("AUDITOR");
        new Select(driver.findElement(By.id("purpose"))).selectByValue("newsletter");
        driver.findElement(By.id("member")).sendKeys(id.toString());
        driver.findElement(By.id("filter")).click();
        wait.until(d -> d.findElements(By.cssSelector("#consent-rows .consent-row")).size() == 2);
        List<String> types = driver.findElements(By.cssSelector("#consent-rows .consent-row td:nth-child(3)")).stream()
                .map(WebElement::getText).toList();
        assertThat(types).containsExactly("GIVEN", "WITHDRAWN");
        page("consent-history");

        try (var old = Files.list(DOWNLOADS)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        driver.findElement(By.id("csv")).click();
        Path csv = DOWNLOADS.resolve("consents.csv");
        wait.until(d -> Files.exists(csv) && csv.toFile().length() > 0);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("member_id,seq,type,purpose");
        assertThat(lines.subList(1, lines.size())).hasSize(2)
                .allSatisfy(line -> assertThat(line).startsWith(id + ",").contains(",newsletter,"));
        assertThat(lines.get(1)).contains(",GIVEN,");
        assertThat(lines.get(2)).contains(",WITHDRAWN,");

        // the inclusion proof of the withdrawal's stored event, from its row
        driver.get(url("/console/consents?member=" + id + "&type=WITHDRAWN"));
        driver.findElement(By.cssSelector("#consent-rows .consent-row a")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("proof-form")));
        wait.until(d -> !d.findElements(By.id("proof")).isEmpty()
                || d.findElement(By.tagName("body")).getText().contains("no signed checkpoint covers it yet"));
        if (driver.findElements(By.id("proof")).isEmpty()) {
            // checkpoints are signed every 2 s in tests: ask again once one covers the event
            wait.until(d -> {
                d.navigate().refresh();
                return !d.findElements(By.id("proof")).isEmpty();
            });
        }
        page("ledger");
    }

    /**
     * OpenID Connect in a real browser, across two sites: the console at localhost, the stub issuer
     * at 127.0.0.1. Chromium withholds the SameSite=Strict session cookie within the issuer's
     * redirect chain; the sign-in still lands on the dashboard, by way of the same-site signed-in page.
     */
    @Test
    void the_dpm_signs_in_with_the_organisations_account_through_an_issuer_on_another_site() throws IOException {
        String console = "http://localhost:" + port;
        StubIssuer issuer = StubIssuer.get();
        issuer.signInAs(StubIssuer.Person.of("browser-" + UUID.randomUUID(), "dana.browser", List.of("DPM")));
        try {
            driver.get(console + "/console/sign-in");
            driver.manage().deleteAllCookies();
            driver.get(console + "/console");
            wait.until(ExpectedConditions.urlContains("/console/sign-in"));
            page("sign-in-with-oidc");
            driver.findElement(By.id("oidc-sign-in")).click();
            // the issuer's own sign-in page: its form, on the other site, starts the way back
            wait.until(ExpectedConditions.urlContains(issuer.issuer() + "/authorize?"));
            driver.findElement(By.id("approve")).click();
            wait.until(ExpectedConditions.urlToBe(console + "/console/dashboard"));
            assertThat(text("signed-in-as")).isEqualTo("dana.browser");
            assertThat(text("signed-in-role")).isEqualTo("DPM");
            org.openqa.selenium.Cookie session = driver.manage().getCookieNamed("LEDGER_CONSOLE");
            assertThat(session.getSameSite()).isEqualTo("Strict");
            assertThat(session.isHttpOnly()).isTrue();
            page("dashboard-after-oidc");

            // the two are other sites to this browser: a link from the issuer's page arrives without the session
            driver.get(issuer.link(console + "/console/dashboard"));
            driver.findElement(By.id("to")).click();
            wait.until(ExpectedConditions.urlContains("/console/sign-in"));
        } finally {
            issuer.signInAs(StubIssuer.Person.of("stub-subject", null, List.of("DPM")));
        }
    }
}
