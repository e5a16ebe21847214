package uk.jtai.response.browser;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
  /** form-js passes typed text on after 300 ms; a little longer is waited before Save or Complete. */
  private static final Duration FORM_JS_DEBOUNCE = Duration.ofMillis(600);

  private final Browser browser;
  private final String taskName;
  private final String taskId;
  private final Tasklist tasklist;
  /** A start form in Tasklist's Start process dialogue (no task id) rather than a task's form. */
  private final boolean startForm;

  TaskForm(Browser browser, String taskName, String taskId, Tasklist tasklist) {
    this.browser = browser;
    this.taskName = taskName;
    this.taskId = taskId;
    this.tasklist = tasklist;
    this.startForm = taskId == null;
  }

  private WebDriver driver() {
    return browser.driver();
  }

  /** Claims the task (Tasklist enables Complete only for the assignee) and waits for the form. */
  public TaskForm claim() {
    browser.waitFor("'" + taskName + "' claimed", d -> {
      if (d.findElements(By.cssSelector("button.unclaim")).stream().anyMatch(WebElement::isDisplayed)
          && d.findElements(By.cssSelector(".disabled-form")).isEmpty()) {
        return true;
      }
      d.findElements(By.cssSelector("button.claim")).stream().filter(WebElement::isDisplayed).findFirst()
          .ifPresent(WebElement::click);
      return false;
    });
    browser.waitFor("the form of '" + taskName + "'", d -> !d.findElements(By.cssSelector(".fjs-form")).isEmpty());
    return this;
  }

  private static String normalise(String text) {
    return text.replace("*", "").replaceAll("\\s+", " ").strip();
  }

  /** An option as shown matches the words given: all of it, or {@code ...} standing for any start or end. */
  private static boolean matches(String shown, String option) {
    String text = normalise(shown);
    if (option.startsWith("...")) {
      return text.endsWith(option.substring(3)) || (option.endsWith("...") && text.contains(option.substring(3, option.length() - 3)));
    }
    return option.endsWith("...") ? text.startsWith(option.substring(0, option.length() - 3)) : text.equals(option);
  }

  /** Finds the labels in one script call: a long list has hundreds, too many to read one by one. */
  private static final String LABELLED = "var want = arguments[0];"
      + "return Array.from(document.querySelectorAll('.fjs-form label[for]')).filter(function (l) {"
      + "  return l.textContent.replace(/\\*/g, '').replace(/\\s+/g, ' ').trim() === want; })"
      + ".map(function (l) { return document.getElementById(l.htmlFor); }).filter(function (e) { return e; });";

  @SuppressWarnings("unchecked")
  private List<WebElement> labelled(String label) {
    return (List<WebElement>) ((JavascriptExecutor) driver()).executeScript(LABELLED, label);
  }

  /** The input the label names, in the {@code occurrence}-th place the label appears (rows of a list). */
  public WebElement field(String label, int occurrence) {
    return browser.waitFor("field '" + label + "' #" + occurrence + " on '" + taskName + "'", d -> {
      List<WebElement> inputs = labelled(label);
      return inputs.size() > occurrence ? inputs.get(occurrence) : null;
    });
  }

  public WebElement field(String label) {
    return field(label, 0);
  }

  /** How many times a field appears: the rows of the list it belongs to (every row shown first). */
  public int count(String label) {
    expandLists();
    return labelled(label).size();
  }

  /** form-js shows the first rows of a long dynamic list only, under "Expand all (n)": shows them all. */
  public TaskForm expandLists() {
    browser.waitFor("every row of the lists shown", d -> {
      List<WebElement> expand = d.findElements(By.xpath("//*[contains(@class,'fjs-form')]//*[self::button or self::a]"
          + "[starts-with(normalize-space(.),'Expand all')]")).stream().filter(WebElement::isDisplayed).toList();
      expand.forEach(button -> {
        Tasklist.scrollTo(d, button);
        button.click();
      });
      return expand.isEmpty();
    });
    return this;
  }

  public TaskForm type(String label, String text) {
    return type(label, 0, text);
  }

  /**
   * Types the text. form-js takes typed text after a pause, and on a busy machine a re-render for the
   * field typed in before may put back that field's old value: what was typed is checked, and typed
   * again where it was lost, before Save or Complete ({@link #keepTyped()}).
   */
  public TaskForm type(String label, int occurrence, String text) {
    retype(field(label, occurrence), text);
    typed.removeIf(t -> t.label().equals(label) && t.occurrence() == occurrence);
    typed.add(new Typed(label, occurrence, text));
    return this;
  }

  private record Typed(String label, int occurrence, String text) {}

  private final List<Typed> typed = new ArrayList<>();

  /** Waits until every field typed in holds what was typed, typing again into any that lost it. */
  private void keepTyped() {
    browser.waitFor("what was typed kept on '" + taskName + "'", d -> {
      List<Typed> lost = typed.stream().filter(t -> !t.text().equals(field(t.label(), t.occurrence()).getAttribute("value"))).toList();
      lost.forEach(t -> retype(field(t.label(), t.occurrence()), t.text()));
      if (!lost.isEmpty()) {
        settle();
      }
      return lost.isEmpty();
    });
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Replaces what the input holds with the keys typed. */
  private void retype(WebElement input, CharSequence... keys) {
    typedSinceSettled = true;
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
    WebElement input = browser.waitFor("option '" + option + "' of '" + group + "'", d -> optionInput(group, occurrence, option));
    Tasklist.scrollTo(driver(), input);
    if (!input.isSelected()) {
      input.click();
    }
    return this;
  }

  /**
   * Finds the option's input in one script call (as {@link #LABELLED} does for fields): reading each option's
   * label through WebDriver was one round trip per option, per look, in a list of twenty children.
   */
  private static final String OPTION = "var group = arguments[0], occurrence = arguments[1], option = arguments[2];"
      + "function norm(t) { return t.replace(/\\*/g, '').replace(/\\s+/g, ' ').trim(); }"
      + "function matches(shown) { var t = norm(shown);"
      + "  if (option.indexOf('...') === 0) { var rest = option.substring(3);"
      + "    return t.endsWith(rest) || (rest.endsWith('...') && t.indexOf(rest.substring(0, rest.length - 3)) >= 0); }"
      + "  return option.endsWith('...') ? t.indexOf(option.substring(0, option.length - 3)) === 0 : t === option; }"
      + "var fields = Array.from(document.querySelectorAll('.fjs-form-field-radio, .fjs-form-field-checklist')).filter(function (f) {"
      + "  return Array.from(f.querySelectorAll('label:not([for])')).some(function (l) { return norm(l.innerText) === group; }); });"
      + "if (fields.length <= occurrence) { return null; }"
      + "var label = Array.from(fields[occurrence].querySelectorAll('label[for]')).find(function (l) { return matches(l.innerText); });"
      + "return label ? document.getElementById(label.htmlFor) : null;";

  private WebElement optionInput(String group, int occurrence, String option) {
    return (WebElement) ((JavascriptExecutor) driver()).executeScript(OPTION, group, occurrence, option);
  }

  /** Picks an option of a select field by the option's label. */
  public TaskForm select(String label, String option) {
    return select(label, 0, option);
  }

  public TaskForm select(String label, int occurrence, String option) {
    WebElement input = field(label, occurrence);
    // form-js hides the input behind a display of the chosen option, which opens the list when clicked.
    WebElement select = driver().findElements(By.id(input.getAttribute("id") + "-display")).stream().findFirst().orElse(input);
    Tasklist.scrollTo(driver(), select);
    select.click();
    WebElement item = browser.waitFor("option '" + option + "' of '" + label + "'", d -> d.findElements(
        By.cssSelector(".fjs-dropdownlist-item")).stream().filter(i -> matches(i.getText(), option)).findFirst().orElse(null));
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

  /**
   * Presses Save. After a row of a dynamic list is edited, Tasklist 7.24 keeps Complete disabled: form-js
   * leaves an empty error entry for the row's field, which Tasklist counts as an error, until the whole
   * form is validated again, as Save does. A user does the same: Save, then Complete.
   */
  public TaskForm save() {
    settle();
    keepTyped();
    WebElement save = driver().findElements(By.cssSelector("button.btn-default")).stream()
        .filter(b -> b.isDisplayed() && b.getText().strip().equals("Save")).findFirst()
        .orElseThrow(() -> new AssertionError("no Save button on '" + taskName + "'"));
    Tasklist.scrollTo(driver(), save);
    ((JavascriptExecutor) driver()).executeScript("arguments[0].click();", save);
    browser.waitFor("Complete enabled after Save on '" + taskName + "'", d -> completeButton().isEnabled());
    return this;
  }

  /** Whether text was typed since the last {@link #settle()}: ticks, options and selects need no pause. */
  private boolean typedSinceSettled;

  /** Leaves the field being typed in and lets form-js take what was typed (it debounces text input). */
  private void settle() {
    ((JavascriptExecutor) driver()).executeScript("if (document.activeElement) { document.activeElement.blur(); }");
    if (typedSinceSettled) {
      pause(FORM_JS_DEBOUNCE);
      typedSinceSettled = false;
    }
  }

  /** Presses Complete, after closing what Tasklist showed before (an earlier refusal). */
  private void pressComplete() {
    settle();
    keepTyped();
    driver().findElements(By.cssSelector(".alert-danger button.close")).stream().filter(WebElement::isDisplayed)
        .forEach(WebElement::click);
    browser.waitFor("earlier errors closed", d -> error() == null);
    try {
      browser.waitFor("Complete enabled on '" + taskName + "'", Duration.ofSeconds(5), d -> completeButton().isEnabled());
    } catch (org.openqa.selenium.TimeoutException disabled) {
      throw new AssertionError("Complete stays disabled on '" + taskName + "': the form is not valid in the browser", disabled);
    }
    WebElement complete = completeButton();
    Tasklist.scrollTo(driver(), complete);
    ((JavascriptExecutor) driver()).executeScript("arguments[0].click();", complete);
  }

  private WebElement completeButton() {
    String button = startForm ? "Start" : "Complete";
    return driver().findElements(By.cssSelector("button.btn-primary")).stream()
        .filter(b -> b.isDisplayed() && b.getText().strip().equals(button)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + button + " button on '" + taskName + "'"));
  }

  /** Presses Complete and waits until the task has left the list; fails with what Tasklist showed otherwise. */
  public void complete() {
    browser.snapshot("filled-" + taskName);
    pressComplete();
    browser.waitFor("'" + taskName + "' completed and gone from the list", Duration.ofSeconds(30), d -> {
      String error = error();
      // Tasklist shows a refusal's heading ("An error happened ... :") a moment before its message.
      if (error != null && !error.endsWith(":")) {
        browser.snapshot("refused-" + taskName);
        throw new AssertionError("'" + taskName + "' was not completed: " + error);
      }
      // Tasklist closes the form once the task is completed (and drops it from the list).
      return startForm ? d.findElements(By.cssSelector(".modal-dialog")).isEmpty()
          : d.findElements(By.cssSelector(".fjs-form")).isEmpty() && !tasklist.isListed(taskId);
    });
    browser.snapshot("completed-" + taskName);
  }

  /** Presses Complete expecting a refusal; returns the message Tasklist shows. */
  public String completeExpectingError() {
    browser.snapshot("filled-" + taskName);
    pressComplete();
    String error = browser.waitFor("an error shown on '" + taskName + "'", d -> {
      String shown = error();
      return shown == null || shown.endsWith(":") ? null : shown;
    });
    browser.snapshot("error-" + taskName);
    return error;
  }

  /** The error Tasklist shows (a notification or form-js's field errors), or null when none. */
  public String error() {
    List<String> shown = driver().findElements(By.cssSelector(".notifications .alert-danger, .alert-danger .message, "
        + ".fjs-form-field-error")).stream().filter(WebElement::isDisplayed)
        // An alert is shown before its message (its close button's × first): only a message counts.
        .map(e -> e.getText().replace("\u00d7", "").strip()).filter(t -> !t.isEmpty()).toList();
    return shown.isEmpty() ? null : String.join(" / ", shown);
  }
}
