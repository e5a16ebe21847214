package uk.jtai.response.browser;

import java.util.List;
import java.util.Optional;
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
    WebElement username = browser.waitFor("the login form", ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[ng-model=username]")));
    username.sendKeys(user);
    driver().findElement(By.cssSelector("input[ng-model=password]")).sendKeys(password);
    driver().findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** Logs in to Tasklist and waits for the user's filters. */
  public Tasklist logIn(String user) {
    logInTo("tasklist", user, BrowserTestSupport.PASSWORD);
    browser.waitFor("Tasklist's filters for " + user, ExpectedConditions.visibilityOfElementLocated(
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
    return driver().findElements(By.cssSelector("li.task")).stream().map(li -> li.getText().replace('\n', '|'))
        .filter(text -> !text.isBlank()).toList();
  }

  private Optional<WebElement> listed(String taskName, String reference) {
    return driver().findElements(By.cssSelector("li.task")).stream()
        .filter(li -> {
          String text = li.getText();
          return text.contains(reference) && li.findElements(By.cssSelector("h4.task a")).stream()
              .anyMatch(a -> a.getText().strip().equals(taskName));
        }).findFirst();
  }

  /** Waits until the task is listed under the current filter (Tasklist refreshes the list itself). */
  public Tasklist waitForTask(String taskName, String reference) {
    browser.waitFor("task '" + taskName + "' listed", d -> {
      if (listed(taskName, reference).isPresent()) {
        return true;
      }
      // The list refreshes on its own only now and then: re-select the current filter.
      d.findElements(By.cssSelector(".task-filter.active h4.name a")).stream().findFirst().ifPresent(WebElement::click);
      return false;
    });
    return this;
  }

  public boolean isListed(String taskName, String reference) {
    return listed(taskName, reference).isPresent();
  }

  /** Opens the task from the list and waits for its form. */
  public TaskForm open(String taskName, String reference) {
    waitForTask(taskName, reference);
    listed(taskName, reference).orElseThrow().findElement(By.cssSelector("h4.task a")).click();
    browser.waitFor("task '" + taskName + "' opened", d -> d.findElements(By.cssSelector(".task-details h2, [cam-tasklist-task] h2"))
        .stream().anyMatch(h -> h.getText().strip().equals(taskName)) || d.getPageSource().contains("btn btn-primary"));
    return new TaskForm(browser, taskName, reference, this);
  }

  static void scrollTo(WebDriver driver, WebElement element) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
  }
}
