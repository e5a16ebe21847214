package uk.jtai.response.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What the models ask about deadlines, as bean {@code schedule}: a task's due date and a timer read
 * {@code ${schedule.due(execution, 'AUDIT_REPORT_DUE')}}. The inspection is the process's business key
 * (called processes receive it from {@code jtai-inspection}).
 */
@Component("schedule")
public class Schedule {

  private final ScheduleRepository repository;
  private final WorkingCalendar calendar;

  public Schedule(ScheduleRepository repository, WorkingCalendar calendar) {
    this.repository = repository;
    this.calendar = calendar;
  }

  /** The instant {@code milestone} falls due for the inspection {@code scope} belongs to. */
  public Date due(Object scope, String milestone) {
    return Date.from(dueInstant(referenceOf(scope), milestone));
  }

  /** Working time after now (engine clock), for deadlines relative to a step, e.g. "within two working hours". */
  public Date workingTimeFromNow(String amount) {
    return Date.from(calendar.addWorkingTime(EngineTime.now(), Duration.parse(amount)));
  }

  public Instant dueInstant(String reference, String milestone) {
    return repository.due(reference, milestone).orElseThrow(() -> new IllegalStateException(
        "Inspection " + reference + " has no milestone '" + milestone + "': add it to the theme file the inspection runs on"));
  }

  public String milestoneTitle(String reference, String milestone) {
    return repository.find(reference).flatMap(s -> s.milestone(milestone)).map(Milestone::title).orElse(milestone);
  }

  static String referenceOf(Object scope) {
    String reference;
    if (scope instanceof DelegateExecution execution) {
      reference = execution.getProcessBusinessKey();
    } else if (scope instanceof DelegateTask task) {
      reference = task.getExecution() != null ? task.getExecution().getProcessBusinessKey() : null;
    } else {
      throw new IllegalArgumentException("schedule.due needs the execution or task, not " + scope);
    }
    if (reference == null) {
      throw new IllegalStateException("This process runs without an inspection reference (business key); "
          + "called processes must receive it with <camunda:in businessKey=\"#{execution.processBusinessKey}\"/>");
    }
    return reference;
  }
}
