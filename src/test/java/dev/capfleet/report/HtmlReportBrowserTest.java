package dev.capfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capfleet.assess.Finding;
import dev.capfleet.cli.Main;
import dev.capfleet.core.Verdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The HTML report of the demo fleet, and a hostile one, opened in a real headless Chromium. */
class HtmlReportBrowserTest {
  static final Path TARGET = Path.of("target", "html-report");
  static final String IMG = "<img src=x onerror=\"window.__pwned='img'\">";
  static final String SCRIPT = "</script><script>window.__pwned='script'</script>";
  static final String COMMAND = "sudo setcap 'cap_bpf,cap_perfmon=ep' '/opt/a b/\"e&amp;c\"'";

  static ChromeDriver driver;
  static Path demoPage;
  static ScanReport demo;

  @BeforeAll
  static void startBrowserAndWriteTheDemoReport() throws Exception {
    Path dir = TARGET.toAbsolutePath();
    Files.createDirectories(dir);
    driver = Browser.start(dir.resolve("profile-" + ProcessHandle.current().pid()));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            new String[] {
              "demo", "--out", dir.toString(), "--name", "demo", "--format", "json,html"
            },
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of());
    assertEquals(4, exit, "the demo has one unreachable host\n" + out + err);
    demoPage = dir.resolve("demo.html");
    demo = JsonReports.read(dir.resolve("demo.json"));
  }

  @AfterAll
  static void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void demoPageRunsItsScriptUnderTheCspAndShowsEveryHost() throws Exception {
    open(demoPage);
    assertEquals(demo.hosts().size(), rows().size());
    assertEquals(
        demo.hosts().size() + " of " + demo.hosts().size() + " hosts shown",
        driver.findElement(By.id("shown")).getText());
    // the inline style applied too: header cells are dark blue, as the stylesheet alone makes them
    assertEquals(
        "rgba(31, 56, 100, 1)",
        driver.findElement(By.cssSelector("#hosts th")).getCssValue("background-color"));
    assertEquals(
        Verdict.values().length, driver.findElements(By.cssSelector("#verdict-chart rect")).size());
    String unreachable =
        driver
            .findElement(By.cssSelector("#verdict-counts tr[data-verdict=UNREACHABLE] td.n"))
            .getText();
    assertEquals(demo.summary().verdicts().get(Verdict.UNREACHABLE).toString(), unreachable);
    // for the reviewer's eye: the two worst hosts opened, as a reader would
    for (int i = 0; i < demo.hosts().size(); i++) {
      String name = demo.hosts().get(i).name();
      if (name.equals("k8s-node-container") || name.equals("build-overpriv")) {
        driver.findElement(By.cssSelector("#host-" + i + " > summary")).click();
      }
    }
    Browser.screenshot(driver, TARGET.resolve("demo-report.png"));
  }

  @Test
  void printingOpensEveryHostDetailAndHidesTheControls() throws Exception {
    open(demoPage);
    assertEquals(0, driver.findElements(By.cssSelector("details.host[open]")).size());
    Map<String, Object> pdf =
        driver.executeCdpCommand("Page.printToPDF", Map.of("printBackground", true));
    byte[] bytes = java.util.Base64.getDecoder().decode((String) pdf.get("data"));
    assertEquals("%PDF", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
    Files.write(TARGET.resolve("demo-report.pdf"), bytes);
    assertEquals(
        demo.hosts().size(),
        driver.findElements(By.cssSelector("details.host[open]")).size(),
        "beforeprint opened every host");
  }

  @Test
  void hostsTableSortsByScoreAndVerdictBothWays() throws Exception {
    open(demoPage);
    header("Score").click();
    List<Integer> scores =
        column(2).stream().filter(s -> !s.equals("-")).map(Integer::valueOf).toList();
    List<Integer> sorted = new ArrayList<>(scores);
    sorted.sort(null);
    assertEquals(sorted, scores);
    assertEquals("ascending", header("Score").getAttribute("aria-sort"));
    header("Score").click();
    List<Integer> down =
        column(2).stream().filter(s -> !s.equals("-")).map(Integer::valueOf).toList();
    List<Integer> reversed = new ArrayList<>(sorted);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, down);
    header("Verdict").click();
    header("Verdict").click();
    assertEquals("UNREACHABLE", column(1).get(0), "descending verdict puts the worst first");
    header("Host").click();
    List<String> names = column(0);
    List<String> byName = new ArrayList<>(names);
    byName.sort(String.CASE_INSENSITIVE_ORDER);
    assertEquals(byName, names);
  }

  @Test
  void hostsTableFiltersByTextAndVerdict() throws Exception {
    open(demoPage);
    WebElement filter = driver.findElement(By.id("filter"));
    filter.sendKeys("nosuid");
    List<String> shown = visibleNames();
    List<String> expected =
        demo.hosts().stream()
            .filter(h -> rowText(h).contains("nosuid"))
            .map(HostReport::name)
            .toList();
    assertFalse(expected.isEmpty());
    assertEquals(expected, shown);
    filter.clear();
    filter.sendKeys(" ");
    driver.findElement(By.cssSelector("#verdict-filter option[value=NOT_READY]")).click();
    List<String> notReady =
        demo.hosts().stream()
            .filter(h -> h.verdict() == Verdict.NOT_READY)
            .map(HostReport::name)
            .toList();
    assertEquals(notReady, visibleNames());
    assertEquals(
        notReady.size() + " of " + demo.hosts().size() + " hosts shown",
        driver.findElement(By.id("shown")).getText());
  }

  @Test
  void copyButtonsHoldTheExactCommandsAndCopyThemToTheClipboard() throws Exception {
    open(demoPage);
    List<String> expected = new ArrayList<>();
    for (HostReport h : demo.hosts()) {
      h.remediation().stream().filter(l -> !HostViews.isComment(l)).forEach(expected::add);
    }
    List<String> held =
        driver
            .findElements(By.cssSelector("button.copy[data-kind=remediation]:not(.copy-all)"))
            .stream()
            .map(b -> b.getDomAttribute("data-copy"))
            .toList();
    assertFalse(expected.isEmpty());
    assertEquals(expected, held);
    // copy one for real, through the page's script, and read the clipboard back
    driver.setPermission("clipboard-read", "granted");
    driver.setPermission("clipboard-write", "granted");
    HostReport first =
        demo.hosts().stream()
            .filter(h -> h.remediation().stream().filter(l -> !HostViews.isComment(l)).count() > 1)
            .findFirst()
            .orElseThrow();
    int index = demo.hosts().indexOf(first);
    driver.findElement(By.cssSelector("#host-" + index + " > summary")).click();
    WebElement all = driver.findElement(By.cssSelector("#host-" + index + " button.copy-all"));
    all.click();
    waitFor(
        () -> "true".equals(all.getDomAttribute("data-copied")), "the copy button to say Copied");
    Object clip =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "var done = arguments[0]; navigator.clipboard.readText().then(done, function (e) { done('ERR ' + e); });");
    String commands =
        String.join(
            "\n", first.remediation().stream().filter(l -> !HostViews.isComment(l)).toList());
    assertEquals(commands, clip);
  }

  @Test
  void hostileHostValuesRenderAsTextAndRunNoScript() throws Exception {
    HostReport hostile =
        ReportFixtures.host(IMG)
            .groups("prod", SCRIPT)
            .kernel(SCRIPT, "6.1.55")
            .verdict(Verdict.NOT_READY)
            .score(10)
            .finding(
                new Finding(
                    "capability-granted",
                    dev.capfleet.core.Severity.BLOCKER,
                    dev.capfleet.assess.CheckStatus.FAIL,
                    "Required capability",
                    IMG + " detail",
                    "CAP_BPF",
                    Map.of("binary.caps.text", SCRIPT, "url", "https://evil.example/x"),
                    List.of(COMMAND),
                    "https://github.com/gojue/ecapture"))
            .remediation(COMMAND)
            .build();
    Path page = TARGET.toAbsolutePath().resolve("hostile.html");
    HtmlReportWriter.write(
        ReportFixtures.report(
            "2026-03-01T10:00:00Z", List.of(hostile, ReportFixtures.ready("web-01", "10.0.0.1"))),
        page);
    open(page);
    JavascriptExecutor js = (JavascriptExecutor) driver;
    assertNull(js.executeScript("return window.__pwned === undefined ? null : window.__pwned;"));
    assertEquals(0, driver.findElements(By.tagName("img")).size());
    assertEquals(1, driver.findElements(By.tagName("script")).size(), "only the page's own script");
    assertEquals(IMG, driver.findElement(By.cssSelector("#hosts a.host-link")).getText());
    String row = driver.findElement(By.cssSelector("#hosts tbody tr")).getText();
    assertTrue(row.contains(SCRIPT), row);
    driver.findElement(By.cssSelector("#host-0 > summary")).click();
    WebElement button =
        driver.findElement(By.cssSelector("#host-0 button.copy[data-kind=remediation]"));
    assertEquals(COMMAND, button.getDomAttribute("data-copy"));
    // links come from the model's reference only; a URL in host evidence stays text
    List<String> links =
        driver.findElements(By.cssSelector("#host-0 a")).stream()
            .map(a -> a.getDomAttribute("href"))
            .toList();
    assertEquals(List.of("https://github.com/gojue/ecapture"), links);
    assertEquals(
        "true", driver.findElement(By.tagName("html")).getDomAttribute("data-ready"), "script ran");
    Browser.screenshot(driver, TARGET.resolve("hostile-report.png"));
  }

  private static void open(Path page) {
    driver.get(page.toUri().toString());
    waitFor(
        () -> "true".equals(driver.findElement(By.tagName("html")).getDomAttribute("data-ready")),
        "the page's script to run");
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, String what) {
    long end = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#hosts tbody tr"));
  }

  private static WebElement header(String text) {
    return driver.findElements(By.cssSelector("#hosts thead th")).stream()
        .filter(th -> th.getText().startsWith(text))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> column(int i) {
    return rows().stream().map(r -> r.findElements(By.tagName("td")).get(i).getText()).toList();
  }

  private static List<String> visibleNames() {
    return rows().stream()
        .filter(WebElement::isDisplayed)
        .map(r -> r.findElement(By.tagName("a")).getText())
        .toList();
  }

  private static String rowText(HostReport h) {
    String kernel = h.kernel() == null ? "" : h.kernel().release();
    String reason = HostViews.reason(h);
    return (h.name()
            + " "
            + h.verdict()
            + " "
            + String.join(", ", h.groups())
            + " "
            + kernel
            + " "
            + (reason == null ? "" : reason))
        .toLowerCase();
  }
}
