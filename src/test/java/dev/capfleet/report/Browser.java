package dev.capfleet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver) driven through Selenium; a
 * missing browser skips the test, and fails it in CI. Nothing is downloaded: the driver and browser
 * paths are given, so Selenium Manager never runs.
 */
final class Browser {
  /**
   * Held so that the level sticks: Selenium's "no CDP implementation matching 156" warning is noise
   * here.
   */
  private static final java.util.logging.Logger SELENIUM =
      java.util.logging.Logger.getLogger("org.openqa.selenium");

  private Browser() {}

  static ChromeDriver start(Path profile) throws IOException {
    SELENIUM.setLevel(java.util.logging.Level.SEVERE);
    Path chromium = Processes.require("chromium");
    Path chromedriver = Processes.require("chromedriver");
    Files.createDirectories(profile);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toString());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1366,900",
        "--lang=en-US");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver
        .manage()
        .timeouts()
        .pageLoadTimeout(Duration.ofSeconds(30))
        .scriptTimeout(Duration.ofSeconds(10));
    return driver;
  }

  /** The whole page as a PNG, beyond the viewport (DevTools' Page.captureScreenshot). */
  static void screenshot(ChromeDriver driver, Path file) throws IOException {
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    Files.createDirectories(file.getParent());
    Files.write(file, java.util.Base64.getDecoder().decode((String) shot.get("data")));
  }
}
