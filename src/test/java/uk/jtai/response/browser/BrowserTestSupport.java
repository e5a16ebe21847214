package uk.jtai.response.browser;

import java.util.LinkedHashMap;
import java.util.Map;
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
 * {@code jtai-demo}); one headless Chromium per test class, and one per user a test keeps signed in. Tests
 * may advance an inspection through the engine API between the steps they take in the browser.
 */
@ActiveProfiles("demo")
public abstract class BrowserTestSupport extends ProcessTestSupport {

  public static final String PASSWORD = "jtai-demo";

  protected static Browser browser;
  /** The Chromium kept signed in as each user ({@link #signedIn}), the class's own first; closed with it. */
  private static final Map<String, Browser> sessions = new LinkedHashMap<>();

  @RegisterExtension
  static final TestWatcher SCREENSHOT_ON_FAILURE = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (browser != null) {
        browser.snapshot("FAILED-" + context.getDisplayName());
      }
      sessions.forEach((user, session) -> {
        if (session != browser) {
          session.snapshot("FAILED-" + context.getDisplayName() + "-" + user);
        }
      });
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
    sessions.values().stream().filter(session -> session != browser).forEach(Browser::close);
    sessions.clear();
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

  /**
   * Tasklist as {@code user}, signed in once for the whole class in a Chromium of the user's own (the class's
   * browser for the first user), as each person keeps Tasklist open: switching people is not a new login.
   */
  /** Closes the user's own Chromium when the test needs that person no more (not the class's first browser). */
  protected void closeSession(String user) {
    Browser session = sessions.get(user);
    if (session != null && session != browser) {
      sessions.remove(user).close();
    }
  }

  /** The user's own Chromium, signed in to Tasklist ({@link #signedIn}): for pages the tasks link to. */
  protected Browser browserOf(String user) {
    signedIn(user);
    return sessions.get(user);
  }

  protected Tasklist signedIn(String user) {
    Browser session = sessions.get(user);
    if (session != null) {
      return new Tasklist(session, baseUrl());
    }
    session = sessions.containsValue(browser) ? browser.another() : browser;
    try {
      new Tasklist(session, baseUrl()).logIn(user);
    } catch (RuntimeException | Error e) {
      if (session != browser) {
        session.close();
      }
      throw e;
    }
    sessions.put(user, session);
    return new Tasklist(session, baseUrl());
  }
}
