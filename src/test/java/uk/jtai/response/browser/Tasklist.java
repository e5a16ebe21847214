package uk.jtai.response.browser;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Camunda 7 Tasklist (and the login page it shares with Cockpit and Admin) as a user sees it: log in, pick
 * a filter, open a task, claim it, fill its Camunda Form by the fields' labels, complete it.
 */
public class Tasklist {

  private final Browser browser;
  private final String baseUrl;

  public Tasklist(Browser browser, String baseUrl) {
    this.browser = browser;
    this.baseUrl = baseUrl;
  }

  private WebDriver driver() {
    return browser.driver();
  }

  /** Logs out whoever was logged in (the session cookie goes) and logs in to {@code app} as {@code user}. */
  public void logInTo(String app, String user, String password) {
    // On the service's origin but outside the webapps (an app page may answer 403 to the last user).
    driver().get(baseUrl + "/actuator/health");
    driver().manage().deleteAllCookies();
    driver().get(baseUrl + "/camunda/app/" + app + "/default/#/login");
    try {
      fillLogin(user, password);
    } catch (org.openqa.selenium.TimeoutException stuck) {
      // Seen once on a saturated machine: the webapp's start stayed on its spinner for a minute (a request of its
      // start-up never answered). A person reloads the page; so does the test, once.
      browser.snapshot("reloaded-login-" + app);
      driver().navigate().refresh();
      fillLogin(user, password);
    }
    driver().findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** Fills the login form once it is shown, typing again until both fields hold the values. */
  private void fillLogin(String user, String password) {
    // The first load of a webapp on a busy machine may take a while (its scripts are large).
    browser.waitFor("the login form filled in", Duration.ofSeconds(60), d -> {
      // The page may still be settling (autofocus, re-rendering): type again until both fields hold the values.
      WebElement username = d.findElement(By.cssSelector("input[ng-model=username]"));
      WebElement secret = d.findElement(By.cssSelector("input[ng-model=password]"));
      if (!user.equals(username.getAttribute("value"))) {
        username.clear();
        username.sendKeys(user);
      }
      if (!password.equals(secret.getAttribute("value"))) {
        secret.clear();
        secret.sendKeys(password);
      }
      return user.equals(username.getAttribute("value")) && password.equals(secret.getAttribute("value"));
    });
  }

  /** Logs in to Tasklist and waits for the user's filters. */
  public Tasklist logIn(String user) {
    logInTo("tasklist", user, BrowserTestSupport.PASSWORD);
    browser.waitFor("Tasklist's filters for " + user, Duration.ofSeconds(60), ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".task-filter h4.name a")));
    browser.snapshot("logged-in-" + user);
    return this;
  }

  /** The message of the login page's failure alert, once shown. */
  public String loginFailure() {
    return browser.waitFor("a login failure", ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(".alert-danger"))).getText();
  }

  public List<String> filters() {
    return driver().findElements(By.cssSelector(".task-filter h4.name a")).stream()
        .map(a -> a.getText().replaceAll("\\s*\\(?\\d+\\)?\\s*$", "").strip()).toList();
  }

  /** Picks the filter whose name starts with {@code name} in the left list. */
  public Tasklist filter(String name) {
    WebElement link = browser.waitFor("filter '" + name + "'", d -> d.findElements(By.cssSelector(".task-filter h4.name a"))
        .stream().filter(a -> a.getText().strip().startsWith(name)).findFirst().orElse(null));
    link.click();
    browser.waitFor("filter '" + name + "' focused", d -> d.findElements(By.cssSelector(".task-filter.active h4.name a"))
        .stream().anyMatch(a -> a.getText().strip().startsWith(name)));
    return this;
  }

  /** The tasks listed under the current filter, as "name | process | ... | reference" lines. */
  public List<String> taskList() {
    // Tasklist redraws its list every 10 s: an entry read while it is replaced is read again (waitFor ignores stale).
    return browser.waitFor("the task list read", d -> d.findElements(By.cssSelector("li.task")).stream()
        .map(li -> li.getText().replace('\n', '|')).filter(text -> !text.isBlank()).toList());
  }

  /** The task's entry in the list, found by its id (the entries link to {@code #/?task=<id>}). */
  private Optional<WebElement> listed(String taskId) {
    return driver().findElements(By.cssSelector("li.task h4.task a[href$='task=" + taskId + "']")).stream().findFirst();
  }

  /**
   * Waits until the task is listed under one of the user's filters (each filter is picked in turn, which
   * also refreshes its list) and leaves that filter selected. A user kept signed in may look at a page
   * from several steps ago: after a round of the filters without the task, the page is loaded again.
   */
  public Tasklist waitForTask(String taskName, String taskId) {
    boolean[] roundDone = {false};
    browser.waitFor("task '" + taskName + "' listed under a filter", Duration.ofSeconds(30), d -> {
      if (roundDone[0]) {
        d.navigate().refresh();
        browser.waitFor("Tasklist's filters again", Duration.ofSeconds(60), ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector(".task-filter h4.name a")));
      }
      roundDone[0] = true;
      for (String filter : filters()) {
        filter(filter);
        browser.waitFor("tasks of '" + filter + "' loaded", x -> x.findElements(By.cssSelector("[cam-tasks] .loader"))
            .stream().noneMatch(WebElement::isDisplayed));
        if (listed(taskId).isPresent()) {
          return true;
        }
      }
      return false;
    });
    return this;
  }

  public boolean isListed(String taskId) {
    return listed(taskId).isPresent();
  }

  /** Opens the task (named as the list shows it) from the list and waits for its form. */
  public TaskForm open(String taskName, String taskId) {
    waitForTask(taskName, taskId);
    // The list may be redrawn between finding the entry and clicking it: find it again and click.
    browser.waitFor("task '" + taskName + "' picked from the list", d -> listed(taskId).map(entry -> {
      entry.click();
      return true;
    }).orElse(null));
    browser.waitFor("task '" + taskName + "' opened", d -> d.findElements(By.cssSelector(".task-details h2, [cam-tasklist-task] h2"))
        .stream().anyMatch(h -> h.getText().strip().equals(taskName)) || d.getPageSource().contains("btn btn-primary"));
    return new TaskForm(browser, taskName, taskId, this);
  }

  /**
   * Opens the task by its address, as the link in its e-mail does: a task assigned to one person (the
   * Audit Chair, the Audit Author) is in none of their groups' filters.
   */
  public TaskForm openByLink(String taskName, String taskId) {
    driver().get(baseUrl + "/camunda/app/tasklist/default/#/?task=" + taskId);
    browser.waitFor("task '" + taskName + "' opened by its link", d -> d.findElements(By.cssSelector("button.claim, button.unclaim"))
        .stream().anyMatch(WebElement::isDisplayed));
    return new TaskForm(browser, taskName, taskId, this);
  }

  /** Opens Start process, picks the process by its name and waits for its start form. */
  public TaskForm start(String processName) {
    openStartDialogue(processName, "the start form of '" + processName + "'",
        d -> !d.findElements(By.cssSelector(".modal .fjs-form")).isEmpty());
    browser.snapshot("start-" + processName);
    return new TaskForm(browser, processName, null, this);
  }

  /**
   * Starts a process that has no start form of its own (one started by a timer or when the Business Unit
   * asks): Start process, the process by its name, then Tasklist's own form, which asks for nothing, and
   * Start; waits until the dialogue has closed.
   */
  public void startWithoutForm(String processName) {
    WebElement start = openStartDialogue(processName, "Tasklist's own start form of '" + processName + "'", d -> d.findElements(
        By.cssSelector(".modal-dialog button.btn-primary")).stream()
        .filter(b -> b.isDisplayed() && b.isEnabled() && b.getText().strip().equals("Start")).findFirst().orElse(null));
    browser.snapshot("start-" + processName);
    start.click();
    browser.waitFor("'" + processName + "' started", Duration.ofSeconds(30), d -> {
      List<String> errors = d.findElements(By.cssSelector(".modal-dialog .alert-danger, .notifications .alert-danger")).stream()
          .filter(WebElement::isDisplayed).map(e -> e.getText().strip()).filter(t -> !t.isEmpty()).toList();
      if (!errors.isEmpty()) {
        browser.snapshot("refused-start-" + processName);
        throw new AssertionError("'" + processName + "' was not started: " + String.join(" / ", errors));
      }
      return d.findElements(By.cssSelector(".modal-dialog")).isEmpty();
    });
    browser.snapshot("started-" + processName);
  }

  /**
   * Opens Start process and picks the process until {@code opened} holds: a click that lands while the
   * dialogue is still fading in or its list is being redrawn is lost, so the process is picked again
   * (at most every 3 s, so that a form still loading is not asked for twice over).
   */
  private <T> T openStartDialogue(String processName, String what, Function<WebDriver, T> opened) {
    driver().findElements(By.partialLinkText("Start process")).stream().filter(WebElement::isDisplayed).findFirst()
        .orElseThrow().click();
    long[] lastClick = {0};
    return browser.waitFor(what, Duration.ofSeconds(30), d -> {
      T shown = opened.apply(d);
      if (shown != null && !Boolean.FALSE.equals(shown)) {
        return shown;
      }
      if (System.currentTimeMillis() - lastClick[0] > 3000) {
        d.findElements(By.xpath("//div[contains(@class,'modal')]//a[normalize-space(.)='" + processName + "']")).stream()
            .filter(WebElement::isDisplayed).findFirst().ifPresent(process -> {
              process.click();
              lastClick[0] = System.currentTimeMillis();
            });
      }
      return null;
    });
  }

  static void scrollTo(WebDriver driver, WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }
}
