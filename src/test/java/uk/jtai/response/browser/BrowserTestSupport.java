package uk.jtai.response.browser;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * Browser tests: the whole service on a random port as the process tests run it (profile {@code test}: an
 * in-memory database, the job executor off, the engine clock the test's to move; Tasklist and the server
 * read it in the same JVM), plus the demo users of every role (profile {@code demo}, password
 * {@code jtai-demo}); one headless Chromium per test class. Tests may advance an inspection through the
 * engine API between the steps they take in the browser.
 */
@ActiveProfiles("demo")
public abstract class BrowserTestSupport extends ProcessTestSupport {

  public static final String PASSWORD = "jtai-demo";

  protected static Browser browser;

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (browser != null) {
        browser.snapshot("FAILED-" + context.getDisplayName());
      }
    }
  };

  @LocalServerPort protected int port;

  /** Runs before the Spring context starts: without Chromium the class fails at once, saying how to install it. */
  @BeforeAll
  static void openBrowser(TestInfo test) {
    Browser.requireChromium();
    browser = Browser.open(test.getTestClass().orElseThrow().getSimpleName());
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    ClockUtil.reset();
  }

  protected String baseUrl() {
    return "http://localhost:" + port;
  }

  protected Tasklist tasklist() {
    return new Tasklist(browser, baseUrl());
  }
}
