package uk.jtai.response.movedeadline;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import uk.jtai.response.calendar.CalendarDataMissingException;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.Milestone;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.security.Roles;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.SubmissionRejectedException;

/**
 * Moves one milestone of a running inspection when the inspectors move a date: the stored schedule,
 * the milestones that move with it (e.g. the day 9 warning follows the audit report deadline) by the same
 * amount of working time, so they keep their working-time distance from it and stay on working days; the due
 * date of every open task tied to them and their timers, all in one transaction with the change
 * recorded (who, when, why). Reminders follow the tasks' due dates. Which task and timer is tied to
 * which milestone is read from the models ({@code schedule.due(execution, 'NAME')}).
 */
@Service
public class ScheduleMover {

  static final Pattern MILESTONE = Pattern.compile("schedule\\.due\\(execution,\\s*'([A-Z0-9_]+)'\\)");

  private final ScheduleRepository repository;
  private final WorkingCalendar calendar;
  private final ThemeRegistry themes;
  private final ProcessEngine engine;
  private final Map<String, Map<String, String>> milestonesByDefinition = new ConcurrentHashMap<>();

  public ScheduleMover(ScheduleRepository repository, WorkingCalendar calendar, ThemeRegistry themes,
                       @Lazy ProcessEngine engine) {
    this.repository = repository;
    this.calendar = calendar;
    this.themes = themes;
    this.engine = engine;
  }

  /**
   * Moves {@code name} to {@code due} for {@code reason}, as {@code user}.
   *
   * @return the milestones that moved, with their new instants
   * @throws SubmissionRejectedException for bad input (nothing changes)
   * @throws java.util.NoSuchElementException for an unknown inspection
   */
  public Map<String, Instant> move(String reference, String name, Object due, String reason, String user) {
    InspectionSchedule schedule = repository.find(reference).orElseThrow(
        () -> new java.util.NoSuchElementException("No inspection with reference " + reference));
    Map<String, Object> values = new HashMap<>();
    values.put("due", due);
    values.put("reason", reason);
    Submission submission = new Submission(values::get);
    Milestone milestone = schedule.milestone(name).orElse(null);
    if (milestone == null) {
      submission.reject("name", "unknown milestone '" + name + "'; this inspection's milestones are "
          + String.join(", ", schedule.milestones().stream().map(Milestone::name).toList()));
    }
    String why = submission.text("reason", 1000);
    Instant newDue = submission.dateTime("due", calendar.zone());
    if (newDue != null && !newDue.isAfter(EngineTime.now())) {
      submission.reject("due", "is in the past");
    }
    if (newDue != null && why != null && milestone != null) {
      // A deadline on a day nobody works is a mistake, whatever the inspectors said: refused, naming the day.
      try {
        calendar.notAWorkingDay(newDue.atZone(calendar.zone()).toLocalDate()).ifPresent(day -> submission.reject("due", day));
      } catch (CalendarDataMissingException e) {
        submission.reject("due", e.getMessage());
      }
    }
    submission.verdict();

    Map<String, Instant> moved = new LinkedHashMap<>();
    moved.put(name, newDue);
    try {
      Duration workingTimeMoved = calendar.workingTimeBetween(milestone.due(), newDue);
      Theme theme = themes.theme(schedule.theme());
      for (Theme.MilestoneDefinition dependant : theme.milestones()) {
        if (name.equals(dependant.movesWith()) && !workingTimeMoved.isZero()) {
          schedule.milestone(dependant.name())
              .ifPresent(m -> moved.put(m.name(), calendar.plusWorkingTime(m.due(), workingTimeMoved)));
        }
      }
    } catch (CalendarDataMissingException e) {
      submission.reject("due", "a milestone that moves with " + name + " would run past the bank holiday data: " + e.getMessage());
      submission.verdict();
    }
    Instant now = EngineTime.now();
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(() -> {
          moved.forEach((movedName, movedDue) -> {
            Milestone old = schedule.milestone(movedName).orElseThrow();
            repository.putMilestone(reference, new Milestone(movedName, calendar.dayNumber(
                schedule.notifiedAt().atZone(calendar.zone()).toLocalDate(), movedDue.atZone(calendar.zone()).toLocalDate()),
                movedDue, old.title()));
            repository.recordChange(reference, movedName, old.due(), movedDue,
                movedName.equals(name) ? why : "moves with " + name + ": " + why, user, now);
          });
          retime(reference, moved);
          return null;
        }));
    return moved;
  }

  public List<ScheduleRepository.Change> changes(String reference) {
    return repository.changes(reference);
  }

  /** Open tasks and timer jobs tied to the moved milestones get the new instants. */
  private void retime(String reference, Map<String, Instant> moved) {
    for (Task task : engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference).list()) {
      String milestone = milestonesOf(task.getProcessDefinitionId()).get(task.getTaskDefinitionKey());
      if (milestone != null && moved.containsKey(milestone)) {
        task.setDueDate(Date.from(moved.get(milestone)));
        engine.getTaskService().saveTask(task);
      }
    }
    ManagementService management = engine.getManagementService();
    List<ProcessInstance> instances = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(reference).list();
    for (ProcessInstance instance : instances) {
      for (Job job : management.createJobQuery().processInstanceId(instance.getId()).timers().list()) {
        JobDefinition definition = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
        String milestone = definition == null ? null
            : milestonesOf(instance.getProcessDefinitionId()).get(definition.getActivityId());
        if (milestone != null && moved.containsKey(milestone)) {
          management.setJobDuedate(job.getId(), Date.from(moved.get(milestone)));
        }
      }
    }
  }

  /**
   * For one process definition: activity id (user task, or timer event) to the milestone it refers to;
   * also what a test of the timers checks each fired timer against.
   */
  public Map<String, String> milestonesOf(String processDefinitionId) {
    return milestonesByDefinition.computeIfAbsent(processDefinitionId, id -> {
      BpmnModelInstance model = engine.getRepositoryService().getBpmnModelInstance(id);
      Map<String, String> map = new HashMap<>();
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        milestone(task.getCamundaDueDate()).ifPresent(m -> map.put(task.getId(), m));
      }
      for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
        if (timer.getTimeDate() != null) {
          String event = ((org.camunda.bpm.model.bpmn.instance.BaseElement) timer.getParentElement()).getId();
          milestone(timer.getTimeDate().getTextContent()).ifPresent(m -> map.put(event, m));
        }
      }
      return map;
    });
  }

  private static java.util.Optional<String> milestone(String expression) {
    if (expression == null) {
      return java.util.Optional.empty();
    }
    Matcher matcher = MILESTONE.matcher(expression);
    return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
  }

  /** The Business Unit or LAIM moves a deadline when the inspectors move a date. */
  @Bean
  static ProcessStarters moveDeadlineStarters() {
    return new ProcessStarters("move-deadline", List.of(Roles.BUSINESS_UNIT, Roles.LAIM));
  }
}
