package org.spatialcatalog.node.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.cluster.TestCluster;
import org.spatialcatalog.node.record.SampleRecords;

/**
 * The console in a real browser (Debian's headless Chromium through {@code /usr/bin/chromedriver})
 * against two node processes behind the shipped HAProxy configuration: a guest searches by text and
 * by a box drawn on the map and opens a record; an administrator harvests a folder and watches the
 * job, switches clustering off and on, rebuilds a node and creates an editor; the editor edits a
 * record under the lock while a third session watches the lock; a non-admin gets no admin pages.
 * Every page visited is saved as a screenshot under {@code target/console-screenshots}. Fails when
 * Chromium, its driver or HAProxy is missing ({@code .ci/run} installs them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserClusterIT {

  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  static final Duration WAIT = Duration.ofSeconds(60);
  static final Duration LOCK_LIFETIME = Duration.ofSeconds(15);
  static final String EDITOR = "edith";
  static final String EDITOR_PASSWORD = "edith-password-1";

  @TempDir static Path dir;
  static TestCluster cluster;
  static Process haproxy;
  static String lb;
  static String glaciers;
  static String editable;

  /** One administrator session shared by the tests (the last test logs it out). */
  static WebDriver sharedAdmin;

  final List<WebDriver> browsers = new ArrayList<>();
  String testName;
  int shots;

  @BeforeAll
  static void start() throws Exception {
    Path binary = haproxyBinary();
    for (String file : List.of("/usr/bin/chromium", "/usr/bin/chromedriver")) {
      if (!Files.isExecutable(Path.of(file))) {
        fail(
            file
                + " not found: install the Debian packages chromium and chromium-driver;"
                + " .ci/run does this");
      }
    }
    Path config = Path.of("..", "cluster-config", "haproxy", "haproxy.cfg").toAbsolutePath();
    assertThat(config).as("the shipped HAProxy configuration").exists();
    // Folder harvesters read only these roots, never the shared data directory.
    // A short edit-lock lifetime, so the editor page is seen keeping its lock past it.
    cluster =
        TestCluster.onH2(
            dir,
            2,
            "--catalog.harvest.folder-roots=" + dir.resolve("harvest-folders"),
            "--catalog.lock.idle-timeout=" + LOCK_LIFETIME.toSeconds() + "s");
    int port = freePort();
    lb = "http://127.0.0.1:" + port;
    ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-db", "-f", config.toString());
    pb.environment().put("CATALOG_LB_BIND", "127.0.0.1:" + port);
    for (int n = 1; n <= 3; n++) {
      // The shipped file names three servers; the third points at node 1 again.
      pb.environment().put("CATALOG_NODE" + n, "127.0.0.1:" + cluster.node(n <= 2 ? n : 1).port());
    }
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile());
    haproxy = pb.start();

    glaciers =
        create(
            "Andes glaciers inventory",
            List.of("Glaciers", "Cryosphere"),
            new Bbox(-75, -40, -68, -30));
    create("Rhine basin hydrography", List.of("Hydrography"), new Bbox(4, 50, 8, 52));
    create("Vienna tram stops", List.of("Transport"), new Bbox(16.2, 48.1, 16.6, 48.3));
    editable = create("Editable wetlands record", List.of("Wetlands"), new Bbox(3, 51, 4, 52));
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () ->
                cluster.client(1).json("/api/search?q=*").path("total").asLong() == 4
                    && cluster.client(2).json("/api/search?q=*").path("total").asLong() == 4
                    && get("/actuator/health", Map.of()).statusCode() == 200);
  }

  static String create(String title, List<String> keywords, Bbox bbox) throws Exception {
    String xml =
        SampleRecords.iso19139(
            UUID.randomUUID().toString(),
            title,
            "Abstract of " + title,
            keywords,
            bbox,
            Instant.parse("2026-01-01T00:00:00Z"));
    var created = cluster.client(1).post("/api/records", xml);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sharedAdmin != null) {
      sharedAdmin.quit();
    }
    if (haproxy != null) {
      haproxy.destroy();
      haproxy.waitFor();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void name(TestInfo info) {
    testName = info.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  void closeBrowsers() {
    browsers.forEach(WebDriver::quit);
  }

  @Test
  @Order(10)
  void guestSearchesByTextThenByABoxDrawnOnTheMapAndOpensARecord() throws Exception {
    HttpResponse<String> root = get("/", Map.of());
    assertThat(root.statusCode()).isEqualTo(200);
    assertThat(root.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(root.body()).contains("Search the catalog");

    WebDriver guest = browser("guest");
    guest.get(lb + "/");
    until(guest, d -> text(d, "summary").contains("of 4"));
    shot(guest, "search");
    // What the first visit transferred: the page and everything it loaded (a fresh profile, so
    // nothing came from a cache: every entry has bytes on the wire, headers included).
    List<?> entries =
        (List<?>)
            ((JavascriptExecutor) guest)
                .executeScript(
                    "return performance.getEntriesByType('navigation')"
                        + ".concat(performance.getEntriesByType('resource'))"
                        + ".map(e => [new URL(e.name).pathname, e.transferSize])");
    Map<String, Long> bytes = new java.util.LinkedHashMap<>();
    for (Object entry : entries) {
      List<?> pair = (List<?>) entry;
      bytes.merge((String) pair.get(0), ((Number) pair.get(1)).longValue(), Long::sum);
    }
    assertThat(bytes)
        .as("what the first page loaded")
        .containsKeys(
            "/",
            "/webjars/leaflet/1.9.4/dist/leaflet.js",
            "/webjars/leaflet/1.9.4/dist/leaflet.css",
            "/console/world.js",
            "/console/console.css",
            "/console/console.js",
            "/console/search.js",
            "/api/me",
            "/api/search");
    assertThat(bytes.values()).as("bytes on the wire per entry " + bytes).allMatch(b -> b > 0);
    long transferred = bytes.values().stream().mapToLong(Long::longValue).sum();
    assertThat(transferred).as("bytes of the first page " + bytes).isLessThan(300_000L);
    assertThat(guest.findElements(By.linkText("Cluster"))).isEmpty();
    List<?> land =
        (List<?>)
            ((JavascriptExecutor) guest)
                .executeScript(
                    "return (b => [b.getWest(), b.getEast()])(L.geoJSON(window.CATALOG_WORLD).getBounds())");
    assertThat(((Number) land.get(0)).doubleValue())
        .as("west of the land layer")
        .isBetween(-190.0, -170.0);
    assertThat(((Number) land.get(1)).doubleValue())
        .as("east of the land layer")
        .isBetween(170.0, 200.0);

    // Every hit's extent is drawn on the map (the land layer is not interactive, the extents are).
    assertThat(guest.findElements(By.cssSelector("#map path.leaflet-interactive"))).hasSize(4);

    // A keyword facet narrows the search, and unticking it widens it again.
    By glacierFacet =
        By.xpath(
            "//aside[@id='facets']//input[@data-field='keywords'"
                + " and translate(@value, 'GLACIERS', 'glaciers') = 'glaciers']");
    until(guest, d -> !d.findElements(glacierFacet).isEmpty());
    guest.findElement(glacierFacet).click();
    until(guest, d -> text(d, "summary").contains("of 1"));
    assertThat(guest.findElement(By.cssSelector(".hit-title")).getText()).contains("Andes");
    assertThat(guest.getCurrentUrl()).contains("keyword=");
    shot(guest, "search-facet");
    guest.findElement(glacierFacet).click();
    until(guest, d -> text(d, "summary").contains("of 4"));

    // Sorting by title, then two hits a page (a bookmarked address) and the next page.
    new Select(guest.findElement(By.id("sort"))).selectByValue("title");
    guest.findElement(By.id("go")).click();
    until(guest, d -> d.getCurrentUrl().contains("sort=title"));
    until(
        guest,
        d ->
            hitTitles(d)
                .equals(
                    List.of(
                        "Andes glaciers inventory",
                        "Editable wetlands record",
                        "Rhine basin hydrography",
                        "Vienna tram stops")));
    guest.get(lb + "/?sort=title&size=2");
    until(guest, d -> text(d, "summary").equals("Records 1–2 of 4"));
    assertThat(hitTitles(guest))
        .containsExactly("Andes glaciers inventory", "Editable wetlands record");
    assertThat(guest.findElement(By.id("prev")).isEnabled()).isFalse();
    assertThat(guest.findElements(By.cssSelector("#map path.leaflet-interactive"))).hasSize(2);
    guest.findElement(By.id("next")).click();
    until(guest, d -> text(d, "summary").equals("Records 3–4 of 4"));
    assertThat(hitTitles(guest)).containsExactly("Rhine basin hydrography", "Vienna tram stops");
    assertThat(guest.findElement(By.id("next")).isEnabled()).isFalse();
    shot(guest, "search-page-2");
    guest.get(lb + "/");
    until(guest, d -> text(d, "summary").contains("of 4"));

    guest.findElement(By.id("q")).sendKeys("glaciers");
    guest.findElement(By.id("go")).click();
    until(guest, d -> text(d, "summary").contains("of 1"));
    assertThat(guest.findElement(By.cssSelector(".hit-title")).getText()).contains("Andes");
    shot(guest, "search-text");

    guest.findElement(By.id("q")).clear();
    guest.findElement(By.id("go")).click();
    until(guest, d -> text(d, "summary").contains("of 4"));
    guest.findElement(By.id("draw")).click();
    drag(guest, "map", -85, -50, -60, -10);
    until(
        guest,
        d ->
            text(d, "summary").contains("of 1")
                && !d.findElement(By.id("w")).getDomProperty("value").isEmpty());
    assertThat(Double.parseDouble(guest.findElement(By.id("w")).getDomProperty("value")))
        .isBetween(-90.0, -80.0);
    assertThat(guest.getCurrentUrl()).contains("bbox=");
    shot(guest, "search-box");

    guest.findElement(By.cssSelector(".hit-title")).click();
    until(guest, d -> text(d, "title").contains("Andes glaciers inventory"));
    until(guest, d -> text(d, "xml").contains("gmd:MD_Metadata"));
    assertThat(text(guest, "keywords")).contains("Glaciers").contains("Cryosphere");
    assertThat(guest.findElements(By.cssSelector("#map path.leaflet-interactive")))
        .as("the record's extent on its map")
        .hasSize(1);
    assertThat(guest.getCurrentUrl()).endsWith("/record/" + glaciers);
    assertThat(guest.findElement(By.id("edit")).isDisplayed()).isFalse();
    assertThat(guest.findElement(By.id("upload")).isDisplayed()).isFalse();
    shot(guest, "record");

    // A phone-sized window: one column, nothing wider than the screen, for the search and for
    // the record page.
    guest.manage().window().setSize(new Dimension(390, 844));
    guest.get(lb + "/?q=glaciers");
    until(guest, d -> text(d, "summary").contains("of 1"));
    assertThat(horizontalOverflow(guest)).as("pixels wider than the phone's screen").isZero();
    shot(guest, "search-phone");
    guest.findElement(By.cssSelector(".hit-title")).click();
    until(guest, d -> text(d, "xml").contains("gmd:MD_Metadata"));
    assertThat(horizontalOverflow(guest)).as("pixels wider than the phone's screen").isZero();
    WebElement map = guest.findElement(By.id("map"));
    WebElement summary = guest.findElement(By.id("abstract"));
    assertThat(summary.getRect().getY())
        .as("one column: the summary below the map")
        .isGreaterThanOrEqualTo(map.getRect().getY() + map.getRect().getHeight());
    shot(guest, "record-phone");
  }

  /** How far the page is wider than the window (0 when it needs no horizontal scrolling). */
  static long horizontalOverflow(WebDriver d) {
    return ((Number)
            ((JavascriptExecutor) d)
                .executeScript(
                    "return Math.max(0, document.documentElement.scrollWidth"
                        + " - document.documentElement.clientWidth)"))
        .longValue();
  }

  @Test
  @Order(20)
  void adminCreatesAFolderHarvesterRunsItAndOpensItsFailures() throws Exception {
    Path folder =
        Files.createDirectories(dir.resolve("harvest-folders").resolve("console-harvest"));
    for (int i = 1; i <= 5; i++) {
      Files.writeString(
          folder.resolve("good-" + i + ".xml"),
          SampleRecords.iso19139(
              UUID.randomUUID().toString(),
              "Harvested lake " + i,
              "A lake",
              List.of("Lakes"),
              new Bbox(10, 45, 11, 46),
              Instant.parse("2026-02-01T00:00:00Z")));
    }
    Files.writeString(folder.resolve("broken.xml"), "<not-closed>");

    WebDriver admin = admin();
    admin.get(lb + "/admin/harvesters");
    until(admin, d -> d.findElement(By.id("harvester-rows")).getText().contains("No harvesters"));
    shot(admin, "harvesters-empty");
    admin.findElement(By.id("f-name")).sendKeys("Lakes folder");
    new Select(admin.findElement(By.id("f-type"))).selectByVisibleText("folder");
    admin.findElement(By.id("f-url")).sendKeys(folder.toAbsolutePath().toString());
    admin.findElement(By.id("f-priority")).sendKeys("12");
    admin.findElement(By.id("save-harvester")).click();
    until(admin, d -> !text(d, "err-priority").isEmpty());
    shot(admin, "harvester-validation");
    admin.findElement(By.id("f-priority")).clear();
    admin.findElement(By.id("f-priority")).sendKeys("5");
    // Yearly, so no scheduled run gets in the way of the manual one below.
    admin.findElement(By.id("f-schedule")).sendKeys("0 3 1 1 *");
    admin.findElement(By.id("save-harvester")).click();
    By row = By.cssSelector("tr[data-harvester='Lakes folder']");
    until(admin, d -> !d.findElements(row).isEmpty());
    // The next run the page shows is the server's: 1 January 03:00 UTC plus the harvester's jitter.
    Instant next =
        Instant.parse(cluster.client(1).json("/api/harvesters").get(0).path("nextRun").asString());
    ZonedDateTime utc = next.atZone(ZoneOffset.UTC);
    assertThat(utc.getMonthValue() * 100 + utc.getDayOfMonth()).isEqualTo(101);
    assertThat(utc.getHour()).isEqualTo(3);
    assertThat(utc.getMinute()).isLessThanOrEqualTo(5);
    assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(366)));
    assertThat(admin.findElement(row).findElement(By.cssSelector("td.next-run")).getText())
        .isEqualTo(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(next)
                + " UTC");
    shot(admin, "harvester-created");

    admin.findElement(row).findElement(By.cssSelector("button.run")).click();
    until(admin, d -> d.getCurrentUrl().contains("/admin/jobs?id="));
    until(admin, d -> text(d, "job-state").equals("SUCCEEDED"), Duration.ofMinutes(3));
    assertThat(text(admin, "count-processed")).isEqualTo("5");
    assertThat(text(admin, "count-failed")).isEqualTo("1");
    WebElement progress = admin.findElement(By.id("job-progress"));
    assertThat(progress.getDomProperty("value")).isEqualTo(progress.getDomProperty("max"));
    assertThat(text(admin, "job-node")).startsWith("node-");
    assertThat(text(admin, "events")).contains("RUNNING").contains("SUCCEEDED");
    shot(admin, "job-succeeded");

    admin.findElement(By.id("show-failures")).click();
    until(admin, d -> text(d, "failure-rows").contains("broken.xml"));
    shot(admin, "job-failures");

    // The list shows the last job; editing keeps the harvester, deleting it with its records
    // removes what it harvested.
    admin.get(lb + "/admin/harvesters");
    until(
        admin,
        d -> !d.findElements(row).isEmpty() && d.findElement(row).getText().contains("SUCCEEDED"));
    assertThat(admin.findElement(row).getText()).contains("5 processed, 1 failed");
    admin.findElement(row).findElement(By.cssSelector("button.edit")).click();
    until(admin, d -> text(d, "form-title").equals("Edit Lakes folder"));
    admin.findElement(By.id("f-schedule")).clear();
    admin.findElement(By.id("save-harvester")).click();
    until(admin, d -> text(d, "list-result").equals("Saved Lakes folder."));
    until(
        admin,
        d ->
            d.findElement(row)
                .findElement(By.cssSelector("td.next-run"))
                .getText()
                .equals("manual only"));
    assertThat(cluster.client(1).json("/api/search?q=lake").path("total").asLong()).isEqualTo(5);
    admin.findElement(row).findElement(By.cssSelector("button.delete")).click();
    until(admin, d -> d.findElement(By.id("confirm-records")).isDisplayed());
    admin.findElement(By.id("confirm-records")).click();
    until(admin, d -> text(d, "list-result").equals("Deleted.") && d.findElements(row).isEmpty());
    await()
        .atMost(WAIT)
        .until(() -> cluster.client(2).json("/api/search?q=lake").path("total").asLong() == 0);
    shot(admin, "harvester-deleted");

    // A source that accepts connections and never answers keeps a job RUNNING: it is cancelled
    // and resumed from its page.
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      admin.findElement(By.id("f-name")).sendKeys("Silent source");
      new Select(admin.findElement(By.id("f-type"))).selectByVisibleText("oaipmh");
      admin
          .findElement(By.id("f-url"))
          .sendKeys("http://127.0.0.1:" + silent.getLocalPort() + "/oai");
      admin.findElement(By.id("save-harvester")).click();
      By silentRow = By.cssSelector("tr[data-harvester='Silent source']");
      until(admin, d -> !d.findElements(silentRow).isEmpty());
      admin.findElement(silentRow).findElement(By.cssSelector("button.run")).click();
      until(admin, d -> text(d, "job-state").equals("RUNNING"), Duration.ofMinutes(2));
      shot(admin, "job-running");
      admin.findElement(By.id("cancel")).click();
      until(admin, d -> text(d, "job-state").equals("CANCELLED"), Duration.ofMinutes(2));
      assertThat(text(admin, "job-result")).isEqualTo("Cancel requested.");
      assertThat(admin.findElement(By.id("resume")).isEnabled()).isTrue();
      admin.findElement(By.id("resume")).click();
      until(
          admin,
          d ->
              text(d, "job-result").startsWith("Queued again")
                  && List.of("QUEUED", "RUNNING").contains(text(d, "job-state")));
      until(
          admin,
          d -> text(d, "events").contains("CANCELLED") && text(d, "events").contains("QUEUED"));
      shot(admin, "job-resumed");
      admin.findElement(By.id("cancel")).click();
      until(admin, d -> text(d, "job-state").equals("CANCELLED"), Duration.ofMinutes(2));
    }
  }

  @Test
  @Order(25)
  void runNowAsksBeforeRemovingWhatTheRemovalGuardHeldBack() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("harvest-folders").resolve("guarded"));
    for (int i = 1; i <= 3; i++) {
      Files.writeString(
          folder.resolve("pond-" + i + ".xml"),
          SampleRecords.iso19139(
              UUID.randomUUID().toString(),
              "Guarded pond " + i,
              "A pond",
              List.of("Ponds"),
              new Bbox(12, 47, 13, 48),
              Instant.parse("2026-03-01T00:00:00Z")));
    }
    // The first run through the API; the source then loses 2 of its 3 records, more than the
    // removal share (30 % by default), so the second run keeps them and says so.
    var created =
        cluster
            .client(1)
            .postJson(
                "/api/harvesters",
                "{\"name\":\"Guarded ponds\",\"type\":\"folder\",\"url\":\""
                    + folder.toAbsolutePath()
                    + "\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String harvester = created.json().path("id").asString();
    assertThat(runThroughTheApi(harvester).path("counts").path("processed").asLong()).isEqualTo(3);
    Files.delete(folder.resolve("pond-2.xml"));
    Files.delete(folder.resolve("pond-3.xml"));
    var held = runThroughTheApi(harvester);
    assertThat(held.path("outcome").asString()).isEqualTo("REMOVALS_HELD");
    assertThat(held.path("note").asString()).contains("2 of the harvester's 3 records");
    await().atMost(WAIT).until(() -> ponds(1) == 3 && ponds(2) == 3);

    WebDriver admin = admin();
    admin.get(lb + "/admin/harvesters");
    By row = By.cssSelector("tr[data-harvester='Guarded ponds']");
    until(
        admin,
        d ->
            !d.findElements(row).isEmpty()
                && d.findElement(row)
                    .getText()
                    .contains(
                        "2 of the harvester's 3 records (67%) are no longer at the source;"
                            + " removing them exceeds the limit of 30%, so they were kept."
                            + " \"Run now\" asks whether to remove them."));
    admin.findElement(row).findElement(By.cssSelector("button.run")).click();
    until(admin, d -> d.findElement(By.id("confirm")).isDisplayed());
    assertThat(text(admin, "confirm-text"))
        .contains("held back removals: 2 of the harvester's 3 records");
    assertThat(admin.switchTo().activeElement().getDomAttribute("id")).isEqualTo("confirm-remove");
    shot(admin, "harvester-run-confirm-removal");

    // Cancel: nothing runs, nothing is removed.
    admin.findElement(By.id("confirm-no")).click();
    until(
        admin,
        d ->
            !d.findElement(By.id("confirm")).isDisplayed()
                && text(d, "list-result").equals("Cancelled: nothing was done."));
    assertThat(jobsOf(harvester)).isEqualTo(2);

    // Run, keeping them: the guard holds them back again.
    admin.findElement(row).findElement(By.cssSelector("button.run")).click();
    until(admin, d -> d.findElement(By.id("confirm-keep")).isDisplayed());
    admin.findElement(By.id("confirm-keep")).click();
    until(admin, d -> d.getCurrentUrl().contains("/admin/jobs?id="));
    until(admin, d -> text(d, "job-state").equals("SUCCEEDED"), Duration.ofMinutes(3));
    assertThat(text(admin, "count-removed")).isEqualTo("0");
    assertThat(text(admin, "job-note")).contains("2 of the harvester's 3 records");
    assertThat(jobsOf(harvester)).isEqualTo(3);
    assertThat(ponds(1)).isEqualTo(3);

    // Run and remove them: confirmed, the two records go from both nodes.
    admin.get(lb + "/admin/harvesters");
    until(admin, d -> !d.findElements(row).isEmpty());
    admin.findElement(row).findElement(By.cssSelector("button.run")).click();
    until(admin, d -> d.findElement(By.id("confirm-remove")).isDisplayed());
    admin.findElement(By.id("confirm-remove")).click();
    until(admin, d -> d.getCurrentUrl().contains("/admin/jobs?id="));
    until(admin, d -> text(d, "job-state").equals("SUCCEEDED"), Duration.ofMinutes(3));
    assertThat(text(admin, "count-removed")).isEqualTo("2");
    assertThat(text(admin, "job-note")).isEmpty();
    shot(admin, "job-removed-after-confirmation");
    await().atMost(WAIT).until(() -> ponds(1) == 1 && ponds(2) == 1);

    // Deleting the harvester but keeping its records: the record it still has stays searchable.
    admin.get(lb + "/admin/harvesters");
    until(admin, d -> !d.findElements(row).isEmpty());
    admin.findElement(row).findElement(By.cssSelector("button.delete")).click();
    until(admin, d -> d.findElement(By.id("confirm-yes")).isDisplayed());
    assertThat(text(admin, "confirm-yes")).isEqualTo("Delete, keep its records");
    admin.findElement(By.id("confirm-yes")).click();
    until(admin, d -> text(d, "list-result").equals("Deleted.") && d.findElements(row).isEmpty());
    assertThat(cluster.client(1).get("/api/harvesters/" + harvester).status()).isEqualTo(404);
    assertThat(ponds(1)).isEqualTo(1);
    assertThat(ponds(2)).isEqualTo(1);
  }

  /** Runs a harvester through the API and answers its job once it has finished. */
  static tools.jackson.databind.JsonNode runThroughTheApi(String harvester) throws Exception {
    var run = cluster.client(1).postJson("/api/harvesters/" + harvester + "/run", "");
    assertThat(run.status()).as(run.body()).isEqualTo(202);
    String job = run.json().path("jobId").asString();
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                cluster
                    .client(1)
                    .json("/api/harvest-jobs/" + job)
                    .path("state")
                    .asString()
                    .equals("SUCCEEDED"));
    return cluster.client(1).json("/api/harvest-jobs/" + job);
  }

  static long jobsOf(String harvester) throws Exception {
    return cluster
        .client(1)
        .json("/api/harvest-jobs?harvesterId=" + harvester + "&limit=50")
        .size();
  }

  static long ponds(int node) throws Exception {
    return cluster.client(node).json("/api/search?q=guarded").path("total").asLong();
  }

  @Test
  @Order(30)
  void adminSwitchesClusteringOffAndOnAndTheClusterPageFollows() throws Exception {
    WebDriver admin = admin();
    admin.get(lb + "/admin/cluster");
    until(
        admin,
        d ->
            reachableNodes(d) == 2
                && text(d, "clustering").equals("on")
                && readyNodes(d) == 2
                && revisionsApplied(d) == 2);
    assertThat(text(admin, "site")).isNotBlank();
    shot(admin, "cluster-on");

    switchClustering(admin, "off");
    admin.get(lb + "/admin/cluster");
    until(
        admin,
        d ->
            text(d, "clustering").equals("off")
                && reachableNodes(d) == 1
                && d.findElement(By.id("node-rows")).getText().contains("off"));
    // The other node can only be asked through the broker: with clustering off the page says so.
    String self = text(admin, "this-node");
    String other = otherNode(admin, self);
    click(admin, "tr[data-node='" + other + "'] button.rebuild");
    until(admin, d -> text(d, "action-result").contains("clustering is off"));
    assertThat(text(admin, "action-result")).startsWith("Rebuild " + other + ":");
    shot(admin, "cluster-off");

    // The cluster page stays open in its tab while clustering is switched on in another tab: it
    // follows without being reloaded.
    String clusterTab = admin.getWindowHandle();
    ((JavascriptExecutor) admin).executeScript("window.openedOnce = true");
    admin.switchTo().newWindow(WindowType.TAB);
    switchClustering(admin, "on");
    until(admin, d -> text(d, "clustering-result").contains("Changed on every node at"));
    shot(admin, "settings-clustering-applied");
    admin.close();
    admin.switchTo().window(clusterTab);
    until(
        admin,
        d ->
            text(d, "clustering").equals("on")
                && reachableNodes(d) == 2
                && !d.findElement(By.id("node-rows")).getText().contains("off")
                && readyNodes(d) == 2
                && revisionsApplied(d) == 2,
        Duration.ofMinutes(2));
    assertThat(((JavascriptExecutor) admin).executeScript("return window.openedOnce === true"))
        .as("the page was not reloaded")
        .isEqualTo(true);
    shot(admin, "cluster-on-again");
  }

  private void switchClustering(WebDriver admin, String to) throws Exception {
    admin.get(lb + "/admin/settings");
    String from = to.equals("off") ? "on" : "off";
    until(admin, d -> text(d, "clustering-state").equals(from));
    until(admin, d -> !d.findElements(By.cssSelector("#setting-fields .setting")).isEmpty());
    shot(admin, "settings-clustering-" + from);
    admin.findElement(By.id("toggle-clustering")).click();
    until(admin, d -> d.findElement(By.id("confirm-clustering")).isDisplayed());
    shot(admin, "settings-confirm-" + to);
    admin.findElement(By.id("confirm-yes")).click();
    until(admin, d -> text(d, "clustering-result").contains("switched " + to));
    until(admin, d -> text(d, "clustering-state").equals(to), Duration.ofMinutes(2));
  }

  @Test
  @Order(40)
  void adminRebuildsAndVerifiesANodeOtherThanTheOneServingTheSession() throws Exception {
    WebDriver admin = admin();
    admin.get(lb + "/admin/cluster");
    until(admin, d -> reachableNodes(d) == 2 && !text(d, "this-node").isEmpty());
    String self = text(admin, "this-node");
    String other = otherNode(admin, self);
    long records = cluster.client(1).json("/api/search?q=*").path("total").asLong();

    click(admin, "tr[data-node='" + other + "'] button.rebuild");
    until(admin, d -> text(d, "action-result").contains("done"), Duration.ofMinutes(2));
    assertThat(text(admin, "action-result"))
        .startsWith("Rebuild " + other + ": done. " + records + " records indexed in ");
    // The other node did the work, asked through the broker; the serving node did not rebuild.
    assertThat(Files.readString(logOf(other)))
        .contains("rebuild of this node's index asked by admin");
    assertThat(Files.readString(logOf(self))).doesNotContain("index asked by admin");
    shot(admin, "cluster-rebuilt");

    click(admin, "tr[data-node='" + other + "'] button.verify");
    until(admin, d -> text(d, "action-result").startsWith("Verify " + other + ": done."));
    assertThat(text(admin, "action-result"))
        .contains(records + " records in the database, " + records + " indexed")
        .contains("the index matches the database");
    click(admin, "tr[data-node='" + self + "'] button.repair");
    until(admin, d -> text(d, "action-result").startsWith("Verify and repair " + self + ": done."));
    assertThat(text(admin, "action-result"))
        .endsWith("the index matches the database. Nothing to repair.");
    shot(admin, "cluster-verified");
    admin.findElement(By.id("optimize")).click();
    until(
        admin,
        d -> text(d, "action-result").equals("Optimize every node: requested on every node."));

    // The API behind the buttons: unknown node or action 404, as problem+json.
    var unknownNode = cluster.client(1).postJson("/api/admin/cluster/nodes/node-99/rebuild", "");
    assertThat(unknownNode.status()).isEqualTo(404);
    assertThat(unknownNode.body()).contains("no node node-99 is known");
    var unknownAction =
        cluster.client(1).postJson("/api/admin/cluster/nodes/" + other + "/melt", "");
    assertThat(unknownAction.status()).isEqualTo(404);
    assertThat(unknownAction.body()).contains("use rebuild, verify or repair");
  }

  @Test
  @Order(50)
  void editorEditsUnderTheLockWhileAThirdSessionSeesItHeldAndReleased() throws Exception {
    WebDriver admin = admin();
    admin.get(lb + "/admin/users");
    admin.findElement(By.id("g-name")).sendKeys("wetland-editors");
    admin.findElement(By.id("create-group")).click();
    until(
        admin,
        d ->
            text(d, "group-rows").contains("wetland-editors")
                && !d.findElements(By.cssSelector("#u-groups input")).isEmpty());
    String group = admin.findElement(By.cssSelector("#u-groups input")).getDomProperty("value");
    admin.findElement(By.id("u-name")).sendKeys(EDITOR);
    admin.findElement(By.id("u-password")).sendKeys(EDITOR_PASSWORD);
    new Select(admin.findElement(By.id("u-profile"))).selectByVisibleText("Editor");
    admin.findElement(By.cssSelector("#u-groups input")).click();
    admin.findElement(By.id("create-user")).click();
    until(admin, d -> text(d, "user-rows").contains(EDITOR));
    shot(admin, "users");

    // The administrator lets the group edit the record, on the record page.
    admin.get(lb + "/record/" + editable);
    until(admin, d -> d.findElement(By.id("privileges-section")).isDisplayed());
    admin.findElement(By.id("add-group")).sendKeys(group);
    admin.findElement(By.id("add-group-button")).click();
    admin
        .findElement(By.cssSelector("input[data-group='" + group + "'][data-op='editing']"))
        .click();
    admin.findElement(By.cssSelector("#privileges button[type=submit]")).click();
    until(admin, d -> text(d, "privileges-message").contains("Saved"));
    until(admin, d -> text(d, "lock-status").contains("Not locked"));
    shot(admin, "record-admin");

    WebDriver editor = loggedIn("editor", EDITOR, EDITOR_PASSWORD);
    editor.get(lb + "/record/" + editable);
    until(editor, d -> d.findElement(By.id("edit")).isDisplayed());
    editor.findElement(By.id("edit")).click();
    until(
        editor,
        d ->
            d.findElement(By.id("editor")).isDisplayed()
                && text(d, "lock-status").contains("You hold the lock"));
    shot(editor, "record-editing");

    // A third session (another administrator login) sees who holds the lock, on the record
    // page and on the locks page.
    WebDriver watcher = loggedIn("watcher", "admin", TestCluster.PASSWORD);
    watcher.get(lb + "/record/" + editable);
    until(watcher, d -> text(d, "lock-status").contains("Locked by " + EDITOR));
    assertThat(watcher.findElement(By.id("force-unlock")).isDisplayed()).isTrue();
    shot(watcher, "record-locked-by-editor");
    watcher.get(lb + "/admin/locks");
    until(watcher, d -> text(d, "lock-rows").contains(EDITOR));
    shot(watcher, "locks");

    // The editor keeps the page open for longer than the lock lives (LOCK_LIFETIME, configured
    // for this cluster): the page renews it, so seen through the API the same lock (taken at the
    // same time) is still the editor's and now expires later than it first did.
    var first = lockOf(editable);
    assertThat(first.path("holder").asString()).isEqualTo(EDITOR);
    Instant acquired = Instant.parse(first.path("acquired").asString());
    Instant firstExpiry = Instant.parse(first.path("expires").asString());
    assertThat(Duration.between(Instant.now(), firstExpiry))
        .as("time left before the lock lapses unless renewed")
        .isLessThanOrEqualTo(LOCK_LIFETIME);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> Instant.now().isAfter(firstExpiry.plusSeconds(2)));
    var later = lockOf(editable);
    assertThat(later.path("holder").asString())
        .as("the lock after its first expiry")
        .isEqualTo(EDITOR);
    assertThat(later.path("acquired").asString()).isEqualTo(first.path("acquired").asString());
    assertThat(Instant.parse(later.path("expires").asString())).isAfter(firstExpiry);
    assertThat(Duration.between(acquired, Instant.now()))
        .as("how long the editor has held the lock")
        .isGreaterThan(LOCK_LIFETIME);
    assertThat(text(editor, "save-error")).isEmpty();
    assertThat(text(editor, "lock-status")).startsWith("You hold the lock.");
    // A second session still finds it taken.
    var taken = cluster.client(2).postJson("/api/records/" + editable + "/lock", "");
    assertThat(taken.status()).as(taken.body()).isEqualTo(409);
    assertThat(taken.body()).contains(EDITOR);

    WebElement xml = editor.findElement(By.id("xml-editor"));
    String changed =
        xml.getDomProperty("value")
            .replace("Editable wetlands record", "Wetlands record edited in the browser");
    ((JavascriptExecutor) editor).executeScript("arguments[0].value = arguments[1]", xml, changed);
    editor.findElement(By.id("save")).click();
    until(
        editor,
        d ->
            text(d, "lock-status").endsWith("you still hold the lock.")
                && text(d, "title").equals("Wetlands record edited in the browser"));
    assertThat(lockOf(editable).path("holder").asString()).isEqualTo(EDITOR);
    editor.findElement(By.id("save-close")).click();
    until(editor, d -> text(d, "lock-status").contains("released the lock"));
    until(editor, d -> text(d, "title").equals("Wetlands record edited in the browser"));
    shot(editor, "record-saved");

    watcher.get(lb + "/record/" + editable);
    until(
        watcher,
        d ->
            text(d, "lock-status").contains("Not locked")
                && text(d, "title").equals("Wetlands record edited in the browser"));
    shot(watcher, "record-released");
  }

  @Test
  @Order(60)
  void adminEditsDisablesAndSetsAPasswordDeletesGroupsAndTheUserChangesTheirOwnPassword()
      throws Exception {
    // A group that owns a record (made so through the API) cannot be deleted.
    var owners = cluster.client(1).postJson("/api/groups", "{\"name\":\"survey-owners\"}");
    assertThat(owners.status()).as(owners.body()).isEqualTo(201);
    long ownerGroup = owners.json().path("id").asLong();
    String owned = create("Survey owned by a group", List.of("Survey"), new Bbox(1, 1, 2, 2));
    var ownership =
        cluster
            .client(1)
            .putJson(
                "/api/records/" + owned + "/privileges",
                "{\"group\":" + ownerGroup + ",\"operations\":{}}");
    assertThat(ownership.status()).as(ownership.body()).isEqualTo(200);

    WebDriver admin = admin();
    admin.get(lb + "/admin/users");
    until(admin, d -> text(d, "group-rows").contains("survey-owners"));
    admin.findElement(By.id("g-name")).sendKeys("reviewers");
    admin.findElement(By.id("create-group")).click();
    until(admin, d -> text(d, "group-result").contains("Created group reviewers"));
    admin.findElement(By.id("u-name")).sendKeys("rita");
    admin.findElement(By.id("u-password")).sendKeys("rita-first-password");
    admin.findElement(By.id("create-user")).click();
    By rita = By.cssSelector("tr[data-user='rita']");
    until(admin, d -> !d.findElements(rita).isEmpty());
    assertThat(admin.findElement(rita).findElement(By.cssSelector(".profile")).getText())
        .isEqualTo("RegisteredUser");

    // Edit: another profile, a group and a password set by the administrator.
    admin.findElement(rita).findElement(By.cssSelector("button.edit-user")).click();
    until(admin, d -> d.findElement(By.id("edit-user")).isDisplayed());
    assertThat(text(admin, "edit-title")).isEqualTo("Edit rita");
    new Select(admin.findElement(By.id("e-profile"))).selectByVisibleText("Editor");
    admin
        .findElement(By.xpath("//div[@id='e-groups']/label[contains(., 'reviewers')]/input"))
        .click();
    admin.findElement(By.id("e-password")).sendKeys("short");
    admin.findElement(By.id("save-user")).click();
    until(admin, d -> text(d, "e-error").contains("password must be 8 to 72 characters"));
    shot(admin, "user-edit-validation");
    admin.findElement(By.id("e-password")).clear();
    admin.findElement(By.id("e-password")).sendKeys("set-by-the-admin");
    admin.findElement(By.id("save-user")).click();
    until(admin, d -> text(d, "user-result").equals("Saved rita with a new password."));
    until(
        admin,
        d ->
            d.findElement(rita).findElement(By.cssSelector(".profile")).getText().equals("Editor")
                && d.findElement(rita)
                    .findElement(By.cssSelector(".groups"))
                    .getText()
                    .equals("reviewers")
                && d.findElement(By.cssSelector("tr[data-group='reviewers']"))
                    .getText()
                    .contains("rita"));

    // Disabled: rita cannot log in; enabled again: she logs in with the administrator's password.
    admin.findElement(rita).findElement(By.cssSelector("button.toggle-user")).click();
    until(
        admin,
        d ->
            d.findElement(rita).findElement(By.cssSelector(".state")).getText().equals("disabled")
                && text(d, "user-result").startsWith("Disabled rita"));
    shot(admin, "users-edited");
    WebDriver user = browser("rita");
    tryLogin(user, "rita", "set-by-the-admin");
    until(user, d -> text(d, "login-error").contains("bad username or password"));
    assertThat(user.findElements(By.id("who"))).isEmpty();
    admin.findElement(rita).findElement(By.cssSelector("button.toggle-user")).click();
    until(
        admin,
        d -> d.findElement(rita).findElement(By.cssSelector(".state")).getText().equals("enabled"));
    tryLogin(user, "rita", "set-by-the-admin");
    until(user, d -> text(d, "who").contains("rita"));

    // Her own account page: a wrong current password and a mistyped repeat are refused.
    user.findElement(By.id("account-link")).click();
    until(user, d -> text(d, "account-name").equals("rita"));
    assertThat(text(user, "account-profile")).isEqualTo("Editor");
    user.findElement(By.id("current-password")).sendKeys("not-my-password");
    user.findElement(By.id("new-password")).sendKeys("rita-own-password");
    user.findElement(By.id("repeat-password")).sendKeys("rita-own-password");
    user.findElement(By.id("change-password")).click();
    until(user, d -> text(d, "err-currentPassword").contains("not your current password"));
    user.findElement(By.id("current-password")).clear();
    user.findElement(By.id("current-password")).sendKeys("set-by-the-admin");
    user.findElement(By.id("repeat-password")).clear();
    user.findElement(By.id("repeat-password")).sendKeys("rita-own-passwort");
    user.findElement(By.id("change-password")).click();
    until(user, d -> text(d, "err-repeat").contains("differ"));
    user.findElement(By.id("repeat-password")).clear();
    user.findElement(By.id("repeat-password")).sendKeys("rita-own-password");
    shot(user, "account");
    user.findElement(By.id("change-password")).click();
    until(user, d -> text(d, "password-result").startsWith("Password changed."));
    shot(user, "account-password-changed");
    user.findElement(By.id("login-again")).click();
    until(user, d -> !d.findElements(By.id("login-link")).isEmpty());
    tryLogin(user, "rita", "set-by-the-admin");
    until(user, d -> text(d, "login-error").contains("bad username or password"));
    tryLogin(user, "rita", "rita-own-password");
    until(
        user,
        d -> d.getCurrentUrl().endsWith("/account") && text(d, "account-name").equals("rita"));

    // Groups: the owning group stays (with the server's reason), the other goes with its members.
    admin.findElement(By.cssSelector("tr[data-group='survey-owners'] button.delete-group")).click();
    admin.switchTo().alert().accept();
    until(admin, d -> text(d, "group-result").contains("still owns 1 record(s)"));
    assertThat(text(admin, "group-rows")).contains("survey-owners");
    shot(admin, "group-delete-refused");
    admin.findElement(By.cssSelector("tr[data-group='reviewers'] button.delete-group")).click();
    admin.switchTo().alert().accept();
    until(
        admin,
        d ->
            text(d, "group-result").equals("Deleted group reviewers.")
                && d.findElements(By.cssSelector("tr[data-group='reviewers']")).isEmpty()
                && d.findElement(rita).findElement(By.cssSelector(".groups")).getText().isEmpty());
  }

  @Test
  @Order(70)
  void aNonAdminSeesNoAdminPagesAndGetsA403PageTypingTheirAddress() throws Exception {
    WebDriver editor = loggedIn("editor", EDITOR, EDITOR_PASSWORD);
    assertThat(editor.findElements(By.linkText("Cluster"))).isEmpty();
    assertThat(text(editor, "who")).contains(EDITOR);
    assertThat(editor.findElement(By.id("account-link")).getText()).isEqualTo("My account");
    editor.get(lb + "/admin/cluster");
    until(editor, d -> !d.findElements(By.id("forbidden")).isEmpty());
    assertThat(text(editor, "forbidden")).contains("403");
    shot(editor, "admin-page-refused");

    // The same request outside the browser, with the browser's cookies: a real 403, no challenge.
    String cookies =
        editor.manage().getCookies().stream()
            .map(c -> c.getName() + "=" + c.getValue())
            .collect(Collectors.joining("; "));
    for (String page :
        List.of(
            "/admin/cluster",
            "/admin/settings",
            "/admin/harvesters",
            "/admin/jobs",
            "/admin/users",
            "/admin/locks",
            "/console/admin/cluster.js")) {
      HttpResponse<String> refused = get(page, Map.of("Cookie", cookies));
      assertThat(refused.statusCode()).as(page).isEqualTo(403);
      assertThat(refused.headers().firstValue("WWW-Authenticate")).as(page).isEmpty();
    }

    // Acting on a node is for administrators only, whoever asks and however.
    HttpResponse<String> action =
        send(
            "POST",
            "/api/admin/cluster/nodes/node-1/rebuild",
            Map.of(
                "Authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString((EDITOR + ":" + EDITOR_PASSWORD).getBytes())));
    assertThat(action.statusCode()).isEqualTo(403);

    // A page's own API call gets its 401 without a Basic challenge; other clients keep theirs.
    HttpResponse<String> fromPage =
        get("/api/admin/cluster", Map.of("X-Requested-With", "XMLHttpRequest"));
    assertThat(fromPage.statusCode()).isEqualTo(401);
    assertThat(fromPage.headers().firstValue("WWW-Authenticate")).isEmpty();
    assertThat(get("/api/admin/cluster", Map.of()).headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));

    WebDriver guest = browser("guest");
    guest.get(lb + "/admin/settings");
    until(guest, d -> d.getCurrentUrl().contains("/login?next="));
    shot(guest, "admin-page-asks-login");
    guest.get(lb + "/account");
    until(guest, d -> d.getCurrentUrl().contains("/login?next=%2Faccount"));
  }

  @Test
  @Order(75)
  void aUserLogsInAndSearchesWithTheKeyboardOnlySeeingWhereTheFocusIs() throws Exception {
    WebDriver user = browser("keyboard");
    user.get(lb + "/login");
    until(user, d -> !d.findElements(By.id("login-link")).isEmpty());
    tabTo(user, "#username");
    type(user, EDITOR);
    tabTo(user, "#password");
    type(user, EDITOR_PASSWORD + Keys.ENTER);
    until(user, d -> text(d, "who").contains(EDITOR) && d.getCurrentUrl().equals(lb + "/"));

    tabTo(user, "#q");
    type(user, "glaciers" + Keys.ENTER);
    until(user, d -> text(d, "summary").contains("of 1"));
    shot(user, "keyboard-search");
    tabTo(user, "a.hit-title");
    shot(user, "keyboard-focus-on-a-hit");
    type(user, Keys.ENTER.toString());
    until(
        user,
        d ->
            d.getCurrentUrl().endsWith("/record/" + glaciers)
                && text(d, "xml").contains("gmd:MD_Metadata"));
    // The record page starts with the skip link: Enter on it moves the focus into the content.
    tabTo(user, "a.skip");
    shot(user, "keyboard-skip-link");
    type(user, Keys.ENTER.toString());
    until(user, d -> d.getCurrentUrl().endsWith("#main"));
  }

  /**
   * Presses Tab until the element matching {@code css} has the focus, checking at every stop that
   * the focus is visible (a ring of 3:1 or better around the element, its text at 4.5:1).
   */
  void tabTo(WebDriver d, String css) {
    List<String> stops = new ArrayList<>();
    for (int presses = 0; presses < 60; presses++) {
      new Actions(d).sendKeys(Keys.TAB).perform();
      List<String> focus = PageChecks.focus(d);
      stops.add(focus.get(0));
      assertThat(focus.get(1)).as("focus on " + focus.get(0) + " after " + stops).isEmpty();
      if ((Boolean)
          ((JavascriptExecutor) d)
              .executeScript("return document.activeElement.matches(arguments[0])", css)) {
        return;
      }
    }
    fail("Tab never reached " + css + ": " + stops);
  }

  /** Keys typed into whatever has the focus, as a keyboard does. */
  static void type(WebDriver d, CharSequence keys) {
    new Actions(d).sendKeys(keys).perform();
  }

  @Test
  @Order(80)
  void adminSetsVersioningUploadsAFileReadsADiffForceUnlocksAndLogsOut() throws Exception {
    WebDriver admin = admin();
    admin.get(lb + "/admin/settings");
    until(admin, d -> !d.findElements(By.id("setting-metadata-versioning")).isEmpty());
    admin.findElement(By.id("setting-cluster-jmsUrl")).sendKeys("not-a-broker");
    new Select(admin.findElement(By.id("setting-metadata-versioning"))).selectByValue("true");
    admin.findElement(By.id("save-settings")).click();
    until(admin, d -> text(d, "setting-cluster-jmsUrl-error").contains("not a broker URL"));
    shot(admin, "settings-validation");
    admin.findElement(By.id("setting-cluster-jmsUrl")).clear();
    new Select(admin.findElement(By.id("setting-metadata-versioning"))).selectByValue("true");
    admin.findElement(By.id("save-settings")).click();
    until(admin, d -> text(d, "settings-result").contains("metadata.versioning"));
    // Confirmed only once both nodes report the new revision.
    until(admin, d -> text(d, "settings-result").contains("Changed on every node at"));
    assertThat(text(admin, "settings-result")).contains(nodeId(1)).contains(nodeId(2));
    assertThat(cluster.client(2).json("/api/admin/settings").path("metadata.versioning").asString())
        .isEqualTo("true");
    shot(admin, "settings-saved");
    assertThat(admin.findElement(By.id("index-config")).getDomProperty("value")).isNotBlank();
    Path skos =
        Files.writeString(
            dir.resolve("test-thesaurus.rdf"),
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                + " xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\""
                + " xmlns:dct=\"http://purl.org/dc/terms/\">"
                + "<skos:ConceptScheme rdf:about=\"http://ex/s\"><dct:title>Test waters</dct:title>"
                + "</skos:ConceptScheme>"
                + "<skos:Concept rdf:about=\"http://ex/1\"><skos:prefLabel xml:lang=\"en\">lake"
                + "</skos:prefLabel></skos:Concept>"
                + "<skos:Concept rdf:about=\"http://ex/2\"><skos:prefLabel xml:lang=\"en\">river"
                + "</skos:prefLabel></skos:Concept></rdf:RDF>");
    admin.findElement(By.id("th-id")).sendKeys("test-waters");
    admin.findElement(By.id("th-file")).sendKeys(skos.toString());
    admin.findElement(By.cssSelector("#thesaurus-import button[type=submit]")).click();
    until(
        admin,
        d ->
            text(d, "thesaurus-result").equals("Imported test-waters: 2 concepts.")
                && text(d, "thesauri").contains("Test waters"));
    shot(admin, "settings-thesaurus");
    admin.findElement(By.cssSelector("button.delete-thesaurus")).click();
    admin.switchTo().alert().accept();
    until(
        admin,
        d ->
            text(d, "thesaurus-result").equals("Deleted test-waters.")
                && text(d, "thesauri").contains("No thesauri."));

    admin.get(lb + "/record/" + glaciers);
    until(
        admin,
        d ->
            d.findElement(By.id("upload")).isDisplayed()
                && text(d, "xml").contains("gmd:MD_Metadata"));
    Path file = Files.writeString(dir.resolve("glacier-notes.txt"), "Measured in 2025.\n");
    admin.findElement(By.id("file")).sendKeys(file.toString());
    admin.findElement(By.cssSelector("#upload button[type=submit]")).click();
    until(admin, d -> text(d, "attachments").contains("glacier-notes.txt"));
    String href = admin.findElement(By.linkText("glacier-notes.txt")).getDomAttribute("href");
    assertThat(get(href, Map.of()).body()).isEqualTo("Measured in 2025.\n");
    admin.findElement(By.cssSelector("button.delete-file")).click();
    admin.switchTo().alert().accept();
    until(admin, d -> text(d, "attachments").contains("No files."));
    assertThat(get(href, Map.of()).statusCode()).isEqualTo(404);

    admin.findElement(By.id("edit")).click();
    until(admin, d -> d.findElement(By.id("editor")).isDisplayed());
    WebElement xml = admin.findElement(By.id("xml-editor"));
    ((JavascriptExecutor) admin)
        .executeScript(
            "arguments[0].value = arguments[1]",
            xml,
            xml.getDomProperty("value").replace("Andes glaciers inventory", "Andes glaciers 2026"));
    admin.findElement(By.id("save-close")).click();
    until(
        admin,
        d ->
            text(d, "title").equals("Andes glaciers 2026")
                && !d.findElements(By.cssSelector("button.diff")).isEmpty());
    admin.findElement(By.cssSelector("button.diff")).click();
    until(
        admin,
        d -> text(d, "diff").contains("-") && text(d, "diff").contains("Andes glaciers 2026"));
    assertThat(text(admin, "diff")).contains("Andes glaciers inventory");
    shot(admin, "record-history-diff");
    admin.findElement(By.id("edit")).click();
    until(admin, d -> d.findElement(By.id("editor")).isDisplayed());
    WebElement again = admin.findElement(By.id("xml-editor"));
    ((JavascriptExecutor) admin)
        .executeScript(
            "arguments[0].value = arguments[1]",
            again,
            again.getDomProperty("value").replace("Andes glaciers 2026", "A change to drop"));
    admin.findElement(By.id("close")).click();
    until(
        admin,
        d ->
            text(d, "lock-status").equals("Closed without saving; the lock is released.")
                && !d.findElement(By.id("editor")).isDisplayed());
    admin.navigate().refresh();
    until(
        admin,
        d ->
            text(d, "title").equals("Andes glaciers 2026")
                && text(d, "lock-status").contains("Not locked"));

    WebDriver editor = loggedIn("editor", EDITOR, EDITOR_PASSWORD);
    editor.get(lb + "/record/" + editable);
    until(editor, d -> d.findElement(By.id("edit")).isDisplayed());
    editor.findElement(By.id("edit")).click();
    until(editor, d -> d.findElement(By.id("editor")).isDisplayed());
    admin.get(lb + "/admin/locks");
    until(admin, d -> text(d, "lock-rows").contains(EDITOR));
    admin.findElement(By.cssSelector("button.unlock")).click();
    admin.switchTo().alert().accept();
    until(admin, d -> text(d, "lock-rows").contains("No record is locked"));
    shot(admin, "locks-force-unlocked");
    editor.findElement(By.id("save")).click();
    // Refused by the server (the page's renewal does not take the lock back after the force).
    until(editor, d -> text(d, "save-error").contains("needs its edit lock"));
    assertThat(lockOf(editable).isMissingNode()).as("nobody holds the lock").isTrue();
    shot(editor, "record-save-after-force-unlock");

    admin.findElement(By.id("logout")).click();
    until(admin, d -> !d.findElements(By.id("login-link")).isEmpty());
    assertThat(admin.findElements(By.linkText("Cluster"))).isEmpty();
    shot(admin, "logged-out");
  }

  // --- browser helpers ---

  /** The administrator's session shared by the tests, logged in once. */
  WebDriver admin() throws Exception {
    if (sharedAdmin == null) {
      sharedAdmin = logIn(newBrowser("admin"), "admin", TestCluster.PASSWORD);
    }
    return sharedAdmin;
  }

  WebDriver browser(String who) throws Exception {
    WebDriver driver = newBrowser(who);
    browsers.add(driver);
    return driver;
  }

  WebDriver newBrowser(String who) throws Exception {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .withLogFile(
                dir.resolve("chromedriver-" + who + "-" + browsers.size() + ".log").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    Path profile = Files.createTempDirectory(dir, "chrome-" + who);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--window-size=1280,1000",
        "--user-data-dir=" + profile);
    return new ChromeDriver(service, options);
  }

  WebDriver loggedIn(String who, String user, String password) throws Exception {
    return logIn(browser(who), user, password);
  }

  /** Fills the login form; the caller checks what the page says. */
  void tryLogin(WebDriver d, String user, String password) {
    if (d.findElements(By.id("login-submit")).isEmpty()) {
      d.get(lb + "/login");
    }
    until(d, x -> !x.findElements(By.id("login-submit")).isEmpty());
    d.findElement(By.id("username")).clear();
    d.findElement(By.id("username")).sendKeys(user);
    d.findElement(By.id("password")).clear();
    d.findElement(By.id("password")).sendKeys(password);
    ((JavascriptExecutor) d).executeScript("document.getElementById('login-error').textContent=''");
    d.findElement(By.id("login-submit")).click();
  }

  WebDriver logIn(WebDriver d, String user, String password) throws Exception {
    d.get(lb + "/login");
    until(d, x -> !x.findElements(By.id("login-link")).isEmpty());
    d.findElement(By.id("username")).sendKeys(user);
    d.findElement(By.id("password")).sendKeys(password);
    shot(d, "login");
    d.findElement(By.id("login-submit")).click();
    until(d, x -> !x.findElements(By.id("who")).isEmpty());
    assertThat(d.manage().getCookieNamed("JSESSIONID")).isNotNull();
    Cookie sticky = d.manage().getCookieNamed("CATALOG_NODE");
    assertThat(sticky).as("the load balancer's sticky cookie").isNotNull();
    return d;
  }

  /** Drags a box on a map from (west, south) to (east, north), in degrees. */
  static void drag(WebDriver d, String mapId, double w, double s, double e, double n) {
    WebElement map = d.findElement(By.id(mapId));
    String point =
        "return (p => [p.x, p.y])(document.getElementById(arguments[0]).leafletMap"
            + ".latLngToContainerPoint([arguments[1], arguments[2]]))";
    JavascriptExecutor js = (JavascriptExecutor) d;
    List<?> from = (List<?>) js.executeScript(point, mapId, n, w);
    List<?> to = (List<?>) js.executeScript(point, mapId, s, e);
    int halfWidth = map.getRect().getWidth() / 2;
    int halfHeight = map.getRect().getHeight() / 2;
    int x1 = ((Number) from.get(0)).intValue() - halfWidth;
    int y1 = ((Number) from.get(1)).intValue() - halfHeight;
    int x2 = ((Number) to.get(0)).intValue() - halfWidth;
    int y2 = ((Number) to.get(1)).intValue() - halfHeight;
    new Actions(d)
        .moveToElement(map, x1, y1)
        .clickAndHold()
        .moveToElement(map, (x1 + x2) / 2, (y1 + y2) / 2)
        .moveToElement(map, x2, y2)
        .release()
        .perform();
  }

  static String text(WebDriver d, String id) {
    List<WebElement> found = d.findElements(By.id(id));
    return found.isEmpty() ? "" : found.get(0).getText().trim();
  }

  static List<String> hitTitles(WebDriver d) {
    return d.findElements(By.cssSelector(".hit-title")).stream().map(WebElement::getText).toList();
  }

  static long reachableNodes(WebDriver d) {
    return d.findElements(By.cssSelector("#node-rows td.reachable.ok")).size();
  }

  /** Clicks a button of the cluster page, whose rows are redrawn every 3 s. */
  void click(WebDriver d, String css) {
    until(
        d,
        x -> {
          x.findElement(By.cssSelector(css)).click();
          return true;
        });
  }

  static long readyNodes(WebDriver d) {
    return d.findElements(By.cssSelector("#node-rows td.ready.ok")).stream()
        .filter(e -> e.getText().equals("yes"))
        .count();
  }

  /** Nodes whose applied settings revision is the stored one. */
  static long revisionsApplied(WebDriver d) {
    String stored = text(d, "stored-revision");
    return d.findElements(By.cssSelector("#node-rows td.revision")).stream()
        .filter(e -> !stored.isEmpty() && e.getText().equals(stored))
        .count();
  }

  /** The id of the node in the cluster table that is not {@code self}. */
  static String otherNode(WebDriver d, String self) {
    return d.findElements(By.cssSelector("#node-rows tr[data-node]")).stream()
        .map(e -> e.getDomAttribute("data-node"))
        .filter(id -> !id.equals(self))
        .findFirst()
        .orElseThrow();
  }

  /** The record's lock as an administrator sees it through the API (missing when unlocked). */
  static tools.jackson.databind.JsonNode lockOf(String recordId) throws Exception {
    for (var lock : cluster.client(1).json("/api/admin/locks")) {
      if (lock.path("recordId").asString().equals(recordId)) {
        return lock;
      }
    }
    return tools.jackson.databind.node.MissingNode.getInstance();
  }

  static String nodeId(int n) throws Exception {
    return cluster.client(n).json("/api/node").path("nodeId").asString();
  }

  /** The log file of the node process with this node id. */
  static Path logOf(String nodeId) throws Exception {
    for (int n = 1; n <= cluster.size(); n++) {
      if (nodeId(n).equals(nodeId)) {
        return cluster.node(n).logFile();
      }
    }
    return fail("no node " + nodeId);
  }

  void until(WebDriver d, java.util.function.Function<WebDriver, Boolean> condition) {
    until(d, condition, WAIT);
  }

  void until(
      WebDriver d, java.util.function.Function<WebDriver, Boolean> condition, Duration timeout) {
    try {
      new WebDriverWait(d, timeout)
          .pollingEvery(Duration.ofMillis(250))
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(condition::apply);
    } catch (org.openqa.selenium.TimeoutException e) {
      save(d, "FAILED");
      throw e;
    }
  }

  /**
   * Saves what the browser shows as target/console-screenshots/TEST-NN-NAME.png, and checks the
   * page shown (every page a test visits is shot): every form control has a label and every text is
   * at 4.5:1 or better against its background.
   */
  void shot(WebDriver d, String name) {
    save(d, name);
    assertThat(PageChecks.unlabelledControls(d))
        .as("form controls without a label on " + d.getCurrentUrl())
        .isEmpty();
    assertThat(PageChecks.lowContrastTexts(d))
        .as("texts below 4.5:1 on " + d.getCurrentUrl())
        .isEmpty();
  }

  private void save(WebDriver d, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File png = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
      Files.copy(
          png.toPath(),
          SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", testName, ++shots, name)),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (Exception e) {
      throw new IllegalStateException("screenshot " + name + " failed", e);
    }
  }

  static HttpResponse<String> get(String path, Map<String, String> headers) {
    return send("GET", path, headers);
  }

  static HttpResponse<String> send(String method, String path, Map<String, String> headers) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(lb + path))
              .timeout(Duration.ofSeconds(30))
              .method(method, HttpRequest.BodyPublishers.noBody());
      headers.forEach(request::header);
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }

  static Path haproxyBinary() {
    for (String candidate :
        List.of(
            "/usr/sbin/haproxy",
            "/usr/bin/haproxy",
            "/usr/local/sbin/haproxy",
            "/usr/local/bin/haproxy")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return fail(
        "haproxy not found: install the Debian package (apt-get install haproxy);"
            + " .ci/run does this");
  }

  static int freePort() throws java.io.IOException {
    return TestCluster.freePort();
  }
}
