package uk.jtai.response.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Who may open what: Tasklist for every role, Admin for administrators only, each agency its own tasks only. */
class AccessBrowserIT extends BrowserTestSupport {

  @Test
  void theBusinessUnitLogsInToTasklistAndSeesItsFilters() {
    Tasklist tasklist = tasklist().logIn("bu");
    assertThat(tasklist.filters()).contains("Business Unit tasks");
    assertThat(browser.driver().findElement(By.tagName("body")).getText()).contains("Start process");
  }

  @Test
  void aNonAdministratorCannotOpenAdmin() {
    // Logging in to Admin is refused...
    tasklist().logInTo("admin", "police.lead", PASSWORD);
    assertThat(tasklist().loginFailure()).contains("missing access rights to application");
    browser.snapshot("admin-login-refused-police.lead");

    // ...and so is opening it with a Tasklist session.
    tasklist().logIn("police.lead");
    browser.get(baseUrl() + "/camunda/app/admin/default/#/users");
    browser.waitFor("Admin refused", ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "403"));
    browser.snapshot("admin-refused-police.lead");
    assertThat(browser.driver().findElement(By.tagName("body")).getText()).doesNotContain("Users").contains("Forbidden");

    // An administrator gets in.
    tasklist().logInTo("admin", "admin", PASSWORD);
    browser.waitFor("Admin's users page", ExpectedConditions.visibilityOfElementLocated(By.linkText("Users")));
    browser.snapshot("admin-open-admin");
  }

  @Test
  void aPoliceUserDoesNotSeeHealthTasks() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    Task notify = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey("Task_NotifyPartners")
        .singleResult();
    tasks.complete(notify.getId(), Map.of("contactsCurrent", true));
    List<String> healthTasks = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup("health")
        .list().stream().map(Task::getId).toList();
    List<String> policeTasks = tasks.createTaskQuery().processInstanceBusinessKey(reference).taskCandidateGroup("police")
        .list().stream().map(Task::getId).toList();
    assertThat(healthTasks).isNotEmpty();
    assertThat(policeTasks).isNotEmpty();

    Tasklist police = tasklist().logIn("police.lead");
    List<String> seenByPolice = tasksInEveryFilter(police);
    assertThat(seenByPolice).containsAll(policeTasks).doesNotContainAnyElementsOf(healthTasks);
    assertThat(police.taskList()).allMatch(line -> !line.contains("(Health)"));

    // Opening a health task by its address shows nothing of it.
    browser.get(baseUrl() + "/camunda/app/tasklist/default/#/?task=" + healthTasks.get(0));
    browser.waitFor("the task view", ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filter h4.name a")));
    browser.snapshot("police-opens-health-task");
    assertThat(browser.driver().findElements(By.cssSelector("button.claim, .fjs-form"))).isEmpty();

    Tasklist health = tasklist().logIn("health.lead");
    List<String> seenByHealth = tasksInEveryFilter(health);
    assertThat(seenByHealth).containsAll(healthTasks).doesNotContainAnyElementsOf(policeTasks);
  }

  /** The ids of the tasks the user finds under each of their filters. */
  private List<String> tasksInEveryFilter(Tasklist tasklist) {
    List<String> ids = new ArrayList<>();
    for (String filter : tasklist.filters()) {
      tasklist.filter(filter);
      browser.waitFor("tasks of '" + filter + "' loaded", d -> d.findElements(By.cssSelector("[cam-tasks] .loader"))
          .stream().noneMatch(org.openqa.selenium.WebElement::isDisplayed));
      browser.snapshot("filter-" + filter);
      // Tasklist redraws its list every 10 s: links read while it is replaced are read again (waitFor ignores stale).
      ids.addAll(browser.waitFor("the links of '" + filter + "' read", d -> d.findElements(By.cssSelector("li.task h4.task a"))
          .stream().map(a -> a.getAttribute("href").replaceAll(".*task=", "")).toList()));
    }
    return ids;
  }
}
