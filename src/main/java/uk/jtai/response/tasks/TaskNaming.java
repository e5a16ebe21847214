package uk.jtai.response.tasks;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Rehearsals;
import uk.jtai.response.process.Standing;
import uk.jtai.response.process.Var;

/**
 * Names tasks so a list in Tasklist reads on its own: a task done by every agency carries the agency's
 * name ("... (Police)"), a task done per audited child its position ("... for child 3"), and every
 * task's description names its inspection (or, for a process that is not an inspection, says what it
 * is: {@link #DESCRIPTION}). Every task of a rehearsal says so first: "[REHEARSAL] ...". A task of an
 * inspection ends with the inspection's reference and the working day it is due ("... - JTAI-2027-05-YORK,
 * due day 2"), so that a partner with several inspections or rehearsals open at once tells them apart in the
 * list; when its deadline moves, the day follows.
 */
@Component
@Order(0)
public class TaskNaming implements TaskCreated, TaskUpdated {

  /** What a process that is not an inspection is about, shown as its tasks' description. */
  public static final Var<String> DESCRIPTION = Var.of("taskDescription", String.class);

  /** Between a step's name and its inspection's reference and due day. */
  static final String INSPECTION_SEPARATOR = " \u2013 ";

  private final Partnership partnership;
  private final WorkingCalendar calendar;

  public TaskNaming(Partnership partnership, WorkingCalendar calendar) {
    this.partnership = partnership;
    this.calendar = calendar;
  }

  @Override
  public void notify(DelegateTask task) {
    if (TaskListener.EVENTNAME_UPDATE.equals(task.getEventName())) {
      String named = withInspection(task, stepName(task));
      if (!named.equals(task.getName())) {
        task.setName(named); // the deadline moved: the due day follows (unchanged names are not set again)
      }
      return;
    }
    Standing.CHILD_NUMBER.find(task)
        .ifPresent(child -> task.setName(task.getName() + " for child " + child));
    Standing.AGENCY.find(task)
        .flatMap(partnership::find)
        .ifPresent(agency -> task.setName(task.getName() + " (" + agency.shortName() + ")"));
    Optional<String> reference = Standing.REFERENCE.find(task);
    boolean rehearsal = reference.filter(Rehearsals::isRehearsal).isPresent();
    if (rehearsal) {
      task.setName(Rehearsals.marked(task.getName()));
    }
    task.setName(withInspection(task, task.getName()));
    Optional<String> description = DESCRIPTION.find(task)
        .or(() -> reference.map(r -> "Joint Targeted Area Inspection " + r));
    description.ifPresent(text -> task.setDescription(rehearsal ? Rehearsals.BANNER + " " + text : text));
  }

  /** What follows a step's name in an inspection's task: its reference, and the working day it is due. */
  private static final Pattern INSPECTION_SUFFIX = Pattern.compile(INSPECTION_SEPARATOR + "[A-Za-z0-9][A-Za-z0-9-]*(, due day \\d+)?$");

  /**
   * A task's name without its inspection's reference and due day, for what already says which inspection it is
   * about (an e-mail about the inspection, its digest, its record of missed deadlines).
   */
  public static String step(String taskName) {
    return taskName == null ? null : INSPECTION_SUFFIX.matcher(taskName).replaceFirst("");
  }

  private static String stepName(DelegateTask task) {
    return step(task.getName());
  }

  /**
   * {@code step} followed by the inspection's reference and the working day the task is due (counting the
   * notification day as day 1); unchanged for a task that is not an inspection's (no notification day).
   */
  private String withInspection(DelegateTask task, String step) {
    Optional<String> reference = Standing.REFERENCE.find(task);
    Optional<String> notified = Standing.NOTIFIED_AT.find(task);
    if (reference.isEmpty() || notified.isEmpty()) {
      return step;
    }
    String named = step + INSPECTION_SEPARATOR + reference.get();
    if (task.getDueDate() == null) {
      return named;
    }
    LocalDate dayOne = OffsetDateTime.parse(notified.get()).atZoneSameInstant(calendar.zone()).toLocalDate();
    LocalDate due = task.getDueDate().toInstant().atZone(calendar.zone()).toLocalDate();
    return due.isBefore(dayOne) ? named : named + ", due day " + calendar.dayNumber(dayOne, due);
  }
}
