package uk.jtai.response.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import uk.jtai.response.support.ChildData;

/**
 * Browser tests that fill the Camunda Forms of {@code forms/} in Tasklist as the demo user whose job each is,
 * one task of each form in the browser (other agencies' copies of a task go through the engine API). Each
 * test completes its share of the forms ({@link BrowserForms}) and fails for one of them it did not complete.
 */
abstract class FormsBrowserTestSupport extends BrowserTestSupport {

  /** The inspectors' first selection; the first six are selected for audit. */
  static final List<String> CHILDREN = ChildData.references(900, 20);
  static final int AUDITED = 6;

  /** The forms this test completed in the browser. */
  private final Set<String> completedInBrowser = new TreeSet<>();

  /** The business key of the inspection the test runs (its own). */
  abstract String reference();

  /** The engine clock, rounded down to the quarter hour (form-js times go in quarter hours), {@code quarters} earlier. */
  static Instant quarterHourAgo(long quarters) {
    Instant now = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MINUTES);
    return now.minus(now.atZone(ZoneOffset.UTC).getMinute() % 15, ChronoUnit.MINUTES).minus(15 * quarters, ChronoUnit.MINUTES);
  }

  /** Tasklist as the user, who stays signed in in a Chromium of their own from one step to the next. */
  Tasklist as(String user) {
    return signedIn(user);
  }

  private List<String> groupsOf(String user) {
    return engine.getIdentityService().createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }

  /**
   * As {@code user}: opens in Tasklist the open task of the test's inspection with this key assigned to the user or
   * else the first one offered to the user's groups, claims it, fills its form and completes it.
   */
  void inBrowser(String user, String taskKey, Consumer<TaskForm> fill) {
    inBrowser(reference(), user, taskKey, fill);
  }

  /** As {@link #inBrowser(String, String, Consumer)}, for a task of the process with this business key. */
  void inBrowser(String businessKey, String user, String taskKey, Consumer<TaskForm> fill) {
    Task task = Stream.concat(
            tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).taskAssignee(user).list().stream(),
            tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
                .taskCandidateGroupIn(groupsOf(user)).orderByTaskName().asc().list().stream())
        .findFirst().orElseThrow(() -> new AssertionError(user + " has no open " + taskKey));
    boolean offeredToAGroup = tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroupIn(groupsOf(user)).count() > 0;
    Tasklist tasklist = as(user);
    TaskForm form = (offeredToAGroup ? tasklist.open(task.getName(), task.getId())
        : tasklist.openByLink(task.getName(), task.getId())).claim();
    fill.accept(form);
    form.complete();
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as(taskKey + " completed").isZero();
    completedInBrowser.add(formOf(task));
  }

  /** As {@code user}: Start process in Tasklist, the process's start form filled and started. */
  void startInBrowser(String user, String processName, String formId, Consumer<TaskForm> fill) {
    TaskForm form = as(user).start(processName);
    fill.accept(form);
    form.complete();
    completedInBrowser.add(formId);
  }

  private String formOf(Task task) {
    UserTask userTask = repository.getBpmnModelInstance(task.getProcessDefinitionId()).getModelElementById(task.getTaskDefinitionKey());
    return userTask.getCamundaFormRef();
  }

  /** What the inspection script submits at this step (for this agency's copy): the values typed in the form. */
  <R extends Record> R script(String step, String agency, Class<R> type) {
    return scriptValues(reference(), step, agency, CHILDREN, AUDITED, type);
  }

  <R extends Record> R script(String step, Class<R> type) {
    return script(step, null, type);
  }

  /** Fails for a form of the test's share that it did not complete in the browser. */
  void completedEveryFormOf(String share, Set<String> forms) {
    Set<String> missing = new TreeSet<>(forms);
    missing.removeAll(completedInBrowser);
    assertThat(missing).as("forms of " + share + " not completed in the browser").isEmpty();
  }
}
