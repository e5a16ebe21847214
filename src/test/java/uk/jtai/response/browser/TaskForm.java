package uk.jtai.response.browser;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * One task opened in Tasklist, its Camunda Form rendered by form-js. Fields are found by their label as
 * the user reads it (the {@code label[for]} of each input); {@code occurrence} picks the row of a dynamic
 * list or table (0 for the first).
 */
public class TaskForm {

  /** The browser's time zone: Chromium runs with the machine's, which form-js uses for date-times. */
  private static final ZoneId BROWSER_ZONE = ZoneId.systemDefault();
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final Browser browser;
  private final String taskName;
  private final String reference;
  private final Tasklist tasklist;

  TaskForm(Browser browser, String taskName, String reference, Tasklist tasklist) {
    this.browser = browser;
    this.taskName = taskName;
    this.reference = reference;
    this.tasklist = tasklist;
  }

  private WebDriver driver() {
    return browser.driver();
  }

  /** Claims the task (Tasklist enables Complete only for the assignee) and waits for the form. */
  public TaskForm claim() {
    List<WebElement> claim = driver().findElements(By.cssSelector("button.claim"));
    if (!claim.isEmpty() && claim.get(0).isDisplayed()) {
      claim.get(0).click();
      browser.waitFor("'" + taskName + "' claimed", d -> d.findElements(By.cssSelector("button.unclaim")).stream()
          .anyMatch(WebElement::isDisplayed));
    }
    browser.waitFor("the form of '" + taskName + "'", d -> !d.findElements(By.cssSelector(".fjs-form")).isEmpty());
    browser.snapshot("claimed-" + taskName);
    return this;
  }

  private static String normalise(String text) {
    return text.replace("*", "").replaceAll("\\s+", " ").strip();
  }

  /** The input the label names, in the {@code occurrence}-th place the label appears (rows of a list). */
  public WebElement field(String label, int occurrence) {
    return browser.waitFor("field '" + label + "' #" + occurrence + " on '" + taskName + "'", d -> {
      List<WebElement> labels = d.findElements(By.cssSelector(".fjs-form label[for]")).stream()
          .filter(l -> normalise(l.getText()).equals(label)).toList();
      if (labels.size() <= occurrence) {
        return null;
      }
      return d.findElement(By.id(labels.get(occurrence).getAttribute("for")));
    });
  }

  public WebElement field(String label) {
    return field(label, 0);
  }

  /** How many times a field appears: the rows of the list it belongs to. */
  public int count(String label) {
    return (int) driver().findElements(By.cssSelector(".fjs-form label[for]")).stream()
        .filter(l -> normalise(l.getText()).equals(label)).count();
  }

  public TaskForm type(String label, String text) {
    return type(label, 0, text);
  }

  public TaskForm type(String label, int occurrence, String text) {
    retype(field(label, occurrence), text);
    return this;
  }

  /** Replaces what the input holds with the keys typed. */
  private void retype(WebElement input, CharSequence... keys) {
    Tasklist.scrollTo(driver(), input);
    input.click();
    input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    input.sendKeys(keys);
  }

  public TaskForm check(String label) {
    return check(label, 0, true);
  }

  public TaskForm check(String label, int occurrence, boolean checked) {
    WebElement box = field(label, occurrence);
    Tasklist.scrollTo(driver(), box);
    if (box.isSelected() != checked) {
      box.click();
    }
    return this;
  }

  /**
   * Picks an option of a radio group or checklist: {@code group} is the group's label, {@code option} the
   * option's label.
   */
  public TaskForm choose(String group, String option) {
    return choose(group, 0, option);
  }

  public TaskForm choose(String group, int occurrence, String option) {
    WebElement input = browser.waitFor("option '" + option + "' of '" + group + "'", d -> {
      List<WebElement> fields = d.findElements(By.cssSelector(".fjs-form-field-radio, .fjs-form-field-checklist")).stream()
          .filter(f -> f.findElements(By.cssSelector("label:not([for])")).stream()
              .anyMatch(l -> normalise(l.getText()).equals(group))).toList();
      if (fields.size() <= occurrence) {
        return null;
      }
      return fields.get(occurrence).findElements(By.cssSelector("label[for]")).stream()
          .filter(l -> normalise(l.getText()).equals(option)).findFirst()
          .map(l -> d.findElement(By.id(l.getAttribute("for")))).orElse(null);
    });
    Tasklist.scrollTo(driver(), input);
    if (!input.isSelected()) {
      input.click();
    }
    return this;
  }

  /** Picks an option of a select field by the option's label. */
  public TaskForm select(String label, String option) {
    return select(label, 0, option);
  }

  public TaskForm select(String label, int occurrence, String option) {
    WebElement select = field(label, occurrence);
    Tasklist.scrollTo(driver(), select);
    select.click();
    if ("input".equals(select.getTagName())) {
      select.sendKeys(option);
    }
    WebElement item = browser.waitFor("option '" + option + "' of '" + label + "'", d -> d.findElements(
        By.cssSelector(".fjs-dropdownlist-item")).stream().filter(i -> normalise(i.getText()).equals(option)).findFirst().orElse(null));
    item.click();
    return this;
  }

  /** Types a date into a date field (form-js shows mm/dd/yyyy). */
  public TaskForm date(String label, LocalDate date) {
    return date(label, 0, date);
  }

  public TaskForm date(String label, int occurrence, LocalDate date) {
    retype(field(label, occurrence), DATE.format(date), Keys.ENTER);
    return this;
  }

  /** Types a date and time into a datetime field, as the browser's local time of {@code when}. */
  public TaskForm dateTime(String dateLabel, String timeLabel, java.time.Instant when) {
    ZonedDateTime local = when.atZone(BROWSER_ZONE);
    date(dateLabel, local.toLocalDate());
    retype(field(timeLabel), TIME.format(local), Keys.TAB);
    return this;
  }

  /** Presses Complete, after closing what Tasklist showed before (an earlier refusal). */
  private void pressComplete() {
    driver().findElements(By.cssSelector(".alert-danger button.close")).stream().filter(WebElement::isDisplayed)
        .forEach(WebElement::click);
    browser.waitFor("earlier errors closed", d -> error() == null);
    completeButton().click();
  }

  private WebElement completeButton() {
    return driver().findElements(By.cssSelector("button.btn-primary")).stream()
        .filter(b -> b.isDisplayed() && b.getText().strip().equals("Complete")).findFirst()
        .orElseThrow(() -> new AssertionError("no Complete button on '" + taskName + "'"));
  }

  /** Presses Complete and waits until the task has left the list; fails with what Tasklist showed otherwise. */
  public void complete() {
    browser.snapshot("filled-" + taskName);
    pressComplete();
    browser.waitFor("'" + taskName + "' completed and gone from the list", Duration.ofSeconds(30), d -> {
      String error = error();
      if (error != null) {
        browser.snapshot("refused-" + taskName);
        throw new AssertionError("'" + taskName + "' was not completed: " + error);
      }
      return !tasklist.isListed(taskName, reference);
    });
    browser.snapshot("completed-" + taskName);
  }

  /** Presses Complete expecting a refusal; returns the message Tasklist shows. */
  public String completeExpectingError() {
    browser.snapshot("filled-" + taskName);
    pressComplete();
    String error = browser.waitFor("an error shown on '" + taskName + "'", d -> error());
    browser.snapshot("error-" + taskName);
    return error;
  }

  /** The error Tasklist shows (a notification or form-js's field errors), or null when none. */
  public String error() {
    List<String> shown = driver().findElements(By.cssSelector(".notifications .alert-danger, .alert-danger .message, "
        + ".fjs-form-field-error")).stream().filter(WebElement::isDisplayed).map(e -> e.getText().strip())
        .filter(t -> !t.isEmpty()).toList();
    return shown.isEmpty() ? null : String.join(" / ", shown);
  }
}
