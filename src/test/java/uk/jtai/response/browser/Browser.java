package uk.jtai.response.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium for a test class: Debian's {@code chromium} and {@code chromium-driver}, never a
 * browser downloaded by Selenium Manager (nothing can be downloaded here). Screenshots and page sources go
 * to {@code target/browser-screenshots/<TestClass>/}. A test may open {@link #another()} Chromium (its own
 * cookies, so its own signed-in user) whose screenshots join the same folder and numbering.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of(System.getProperty("jtai.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER = Path.of(System.getProperty("jtai.chromedriver", "/usr/bin/chromedriver"));
  public static final String INSTALL = "apt-get update && apt-get install -y chromium chromium-driver";
  public static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  private static final Duration POLL = Duration.ofMillis(50);

  private final ChromeDriver driver;
  private final Path folder;
  private final AtomicInteger step;

  private Browser(ChromeDriver driver, Path folder, AtomicInteger step) {
    this.driver = driver;
    this.folder = folder;
    this.step = step;
  }

  /** Fails with the command that installs Chromium when either binary is missing. */
  public static void requireChromium() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("Chromium is missing: run  " + INSTALL);
    }
  }

  public static Browser open(String testName) {
    ChromeDriver driver = chromium();
    Path folder = SCREENSHOTS.resolve(testName);
    try {
      // Only this run's screenshots: the last run's are removed.
      if (Files.isDirectory(folder)) {
        try (var old = Files.list(folder)) {
          for (Path file : old.toList()) {
            Files.delete(file);
          }
        }
      }
      Files.createDirectories(folder);
    } catch (IOException e) {
      driver.quit();
      throw new UncheckedIOException(e);
    }
    return new Browser(driver, folder, new AtomicInteger());
  }

  /** Another Chromium of the same test: its own cookies; its screenshots numbered in one sequence with this one's. */
  public Browser another() {
    return new Browser(chromium(), folder, step);
  }

  private static ChromeDriver chromium() {
    requireChromium();
    // Selenium Manager would try to download a browser or driver; the system ones are given explicitly.
    System.setProperty("SE_AVOID_BROWSER_DOWNLOAD", "true");
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1200",
        "--lang=en-GB", "--disable-gpu", "--disable-extensions");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return driver;
  }

  public WebDriver driver() {
    return driver;
  }

  public void get(String url) {
    driver.get(url);
  }

  /**
   * Follows the link of the open task's form whose address contains {@code hrefPart} in a new tab, as a person
   * would from Tasklist (the same sign-in), waits until the page shows {@code shows}, saves a screenshot named
   * {@code step}, closes the tab and returns to the task. Returns the page's source.
   */
  public String followFormLink(String hrefPart, String shows, String step) {
    String task = driver.getWindowHandle();
    String link = waitFor("the form's link to " + hrefPart, d -> d.findElements(
        By.cssSelector(".fjs-form a[href*='" + hrefPart + "']")).stream().findFirst()
        .map(a -> a.getAttribute("href")).orElse(null));
    driver.switchTo().newWindow(WindowType.TAB);
    try {
      get(link);
      waitFor(step, d -> d.getPageSource().contains(shows));
      snapshot(step);
      return driver.getPageSource();
    } finally {
      driver.close();
      driver.switchTo().window(task);
    }
  }

  public <T> T waitFor(String what, Duration timeout, Function<WebDriver, T> condition) {
    try {
      // Tasklist re-renders as data arrives: an element found a moment ago may be replaced or covered.
      // Looked at every 50 ms rather than Selenium's 500: most conditions hold within a moment, and a
      // half-second poll on each of a test's thousands of waits was most of its time.
      return new WebDriverWait(driver, timeout, POLL).withMessage(what)
          .ignoring(StaleElementReferenceException.class).ignoring(ElementClickInterceptedException.class).until(condition);
    } catch (RuntimeException e) {
      snapshot("timeout-" + what);
      throw e;
    }
  }

  public <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return waitFor(what, Duration.ofSeconds(20), condition);
  }

  /** Saves a numbered screenshot (and the page source beside it) named after the step. */
  public Path snapshot(String name) {
    String file = String.format("%02d-%s", step.incrementAndGet(), name.replaceAll("[^A-Za-z0-9._-]+", "-"));
    if (file.length() > 100) {
      file = file.substring(0, 100);
    }
    Path png = folder.resolve(file + ".png");
    try {
      Files.write(png, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(folder.resolve(file + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      // A screenshot must never hide the failure it documents.
      System.err.println("Screenshot " + png + " not saved: " + e);
    }
    return png;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
