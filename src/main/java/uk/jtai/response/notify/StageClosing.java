package uk.jtai.response.notify;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.TaskNaming;

/**
 * A stage closing at its own milestone, as bean {@code stageClosing}, run just before the model's terminate end
 * withdraws what is still open: each user task of the stage still open after its own deadline is recorded on the
 * inspection as missed ({@link MissedDeadlines}, the same line the task's escalation wrote, so a miss is listed
 * once), naming the milestone and the agency. Nothing is e-mailed here: each miss was escalated once at its
 * deadline (the model's timer and {@code escalate}, or the reminders). Tasks the model names in the input parameter
 * {@code notMissed} (optional steps, e.g. the daily planning themes, or steps whose miss the model recorded in its
 * own words, e.g. the case audits' returns by child) are withdrawn without a line here.
 */
@Component("stageClosing")
public class StageClosing implements JavaDelegate {

  private final TaskService tasks;
  private final MissedDeadlines missedDeadlines;
  private final Schedule schedule;
  private final Partnership partnership;

  public StageClosing(@Lazy TaskService tasks, MissedDeadlines missedDeadlines, Schedule schedule, Partnership partnership) {
    this.tasks = tasks;
    this.missedDeadlines = missedDeadlines;
    this.schedule = schedule;
    this.partnership = partnership;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String reference = Standing.REFERENCE.get(execution);
    Object notMissedParameter = execution.getVariableLocal("notMissed");
    List<String> notMissed = notMissedParameter == null ? List.of()
        : Arrays.stream(notMissedParameter.toString().split(",")).map(String::strip).toList();
    Instant now = EngineTime.now();
    List<Task> open = Context.getCommandContext().runWithoutAuthorization(() ->
        tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list());
    for (Task task : open) {
      if (notMissed.contains(task.getTaskDefinitionKey()) || task.getDueDate() == null
          || task.getDueDate().toInstant().isAfter(now)) {
        continue; // optional, or not yet due: withdrawn, not missed
      }
      UserTask model = (UserTask) execution.getBpmnModelInstance().getModelElementById(task.getTaskDefinitionKey());
      String milestone = Schedule.milestoneIn(model.getCamundaDueDate()).orElse(null);
      Object agency = Context.getCommandContext().runWithoutAuthorization(
          () -> tasks.getVariable(task.getId(), Standing.AGENCY.name()));
      String agencyName = agency == null ? null : partnership.agencyName(agency.toString());
      missedDeadlines.record(reference, milestone == null
          ? (agencyName == null ? TaskNaming.step(task.getName()) : TaskNaming.step(task.getName()) + ": " + agencyName)
          : MissedDeadlines.describe(milestone, schedule.milestoneTitle(reference, milestone), agencyName));
    }
  }
}
