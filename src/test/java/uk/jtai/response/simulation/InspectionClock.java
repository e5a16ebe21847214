package uk.jtai.response.simulation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.digest.DailyDigest;
import uk.jtai.response.movedeadline.ScheduleMover;
import uk.jtai.response.notify.OutboxSender;
import uk.jtai.response.reminders.ReminderSender;

/**
 * The engine clock of one simulated inspection, moved forward as a discrete-event simulation: it never
 * jumps over anything due. Moving to an instant stops at every timer job of the inspection, every
 * pending reminder and every daily-digest time on the way, and at each stop does what the job
 * executor, the reminder and digest pollers and the outbox sender do in production. Each timer job
 * executed is recorded with the due date it had, the clock when it ran and the milestone it belongs to.
 */
final class InspectionClock {

  /** A timer job the simulation executed. */
  record Firing(String processInstanceId, String processDefinitionId, String timerId, String attachedTo, String next,
                String milestone, Instant due, Instant executedAt, Instant milestoneDueThen, Instant attachedTaskDue,
                String agency) {}

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final ScheduleRepository schedules;
  private final ScheduleMover models;
  private final ReminderSender reminders;
  private final DailyDigest digest;
  private final OutboxSender outbox;
  private final java.time.LocalTime digestTime;
  private final java.time.ZoneId zone;
  private final String reference;
  private final List<Firing> firings = new ArrayList<>();
  /** Whether e-mails written to the outbox are delivered over SMTP as they fall due (a test that reads only the outbox need not). */
  private boolean deliver = true;

  InspectionClock(ProcessEngine engine, JdbcTemplate jdbc, ScheduleRepository schedules, ScheduleMover models,
                  ReminderSender reminders, DailyDigest digest, OutboxSender outbox, java.time.LocalTime digestTime,
                  java.time.ZoneId zone, String reference) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.schedules = schedules;
    this.models = models;
    this.reminders = reminders;
    this.digest = digest;
    this.outbox = outbox;
    this.digestTime = digestTime;
    this.zone = zone;
    this.reference = reference;
  }

  /** E-mails are left in the outbox, undelivered: for a test that checks what was written, not what was sent. */
  InspectionClock withoutDelivery() {
    deliver = false;
    return this;
  }

  List<Firing> firings() {
    return List.copyOf(firings);
  }

  static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /** Sets the clock without running anything (the notification's instant, before the inspection exists). */
  static void set(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  /** Moves the clock to {@code target}, stopping at everything due on the way; never moves it back. */
  void runUntil(Instant target) {
    runDue();
    while (true) {
      Instant next = nextEvent();
      if (next == null || next.isAfter(target)) {
        break;
      }
      if (next.isAfter(now())) {
        set(next);
      }
      runDue();
    }
    if (target.isAfter(now())) {
      set(target);
    }
    runDue();
  }

  /** The earliest timer, pending reminder or digest time after now (or due now and not yet run). */
  private Instant nextEvent() {
    Instant timer = jobs().stream().map(Job::getDuedate).filter(Objects::nonNull).map(Date::toInstant).min(Instant::compareTo)
        .orElse(null);
    Instant reminder = jdbc.query("select min(next_attempt_at) from jtai_reminder where reference = ? and status = 'PENDING'",
        (rs, i) -> rs.getObject(1, OffsetDateTime.class), reference).stream().filter(Objects::nonNull)
        .map(OffsetDateTime::toInstant).findFirst().orElse(null);
    LocalDate today = now().atZone(zone).toLocalDate();
    Instant digestToday = ZonedDateTime.of(today, digestTime, zone).toInstant();
    Instant nextDigest = digestToday.isAfter(now()) ? digestToday : ZonedDateTime.of(today.plusDays(1), digestTime, zone).toInstant();
    return Stream.of(timer, reminder, nextDigest).filter(Objects::nonNull).min(Instant::compareTo).orElseThrow();
  }

  /** What the job executor, the pollers and the outbox sender would do now. */
  void runDue() {
    boolean busy = true;
    while (busy) {
      busy = runJobs() > 0;
      while (reminders.sendDue() > 0) {
        busy = true;
      }
      if (digest.sendDue() > 0) {
        busy = true;
      }
      while (deliver && outbox.sendDue() > 0) {
        // every message due is delivered
      }
    }
  }

  /** Executes the inspection's jobs due now (timers reached, steps continued asynchronously); returns how many. */
  int runJobs() {
    int executed = 0;
    for (List<Job> due = dueJobs(); !due.isEmpty(); due = dueJobs()) {
      due.forEach(this::execute);
      executed += due.size();
    }
    return executed;
  }

  private List<Job> dueJobs() {
    return jobs().stream().filter(job -> job.getDuedate() == null || !job.getDuedate().toInstant().isAfter(now())).toList();
  }

  private List<Job> jobs() {
    List<Job> jobs = new ArrayList<>();
    engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference).list().forEach(instance ->
        jobs.addAll(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).list()));
    return jobs;
  }

  private void execute(Job job) {
    boolean timer = engine.getManagementService().createJobQuery().jobId(job.getId()).timers().count() > 0;
    if (timer) {
      firings.add(describe(job));
    }
    engine.getManagementService().executeJob(job.getId());
  }

  private Firing describe(Job job) {
    JobDefinition definition = engine.getManagementService().createJobDefinitionQuery()
        .jobDefinitionId(job.getJobDefinitionId()).singleResult();
    String timerId = definition.getActivityId();
    String milestone = models.milestonesOf(job.getProcessDefinitionId()).get(timerId);
    // A boundary timer watches the activity it is attached to (a deadline on a task); an intermediate one (a stage
    // opening or closing at its milestone) watches nothing.
    org.camunda.bpm.model.bpmn.instance.FlowNode timer = engine.getRepositoryService()
        .getBpmnModelInstance(job.getProcessDefinitionId()).getModelElementById(timerId);
    BoundaryEvent boundary = timer instanceof BoundaryEvent attached ? attached : null;
    String attachedTo = boundary == null ? null : boundary.getAttachedTo().getId();
    String next = timer == null || timer.getOutgoing().isEmpty() ? null : timer.getOutgoing().iterator().next().getTarget().getId();
    Instant attachedTaskDue = null;
    if (attachedTo != null) {
      Task task = engine.getTaskService().createTaskQuery().executionId(job.getExecutionId()).taskDefinitionKey(attachedTo)
          .singleResult();
      attachedTaskDue = task == null || task.getDueDate() == null ? null : task.getDueDate().toInstant();
    }
    Object agency = engine.getRuntimeService().getVariable(job.getExecutionId(), "agency");
    return new Firing(job.getProcessInstanceId(), job.getProcessDefinitionId(), timerId, attachedTo, next, milestone,
        job.getDuedate().toInstant(), now(), milestone == null ? null : schedules.due(reference, milestone).orElse(null),
        attachedTaskDue, agency instanceof String id ? id : null);
  }
}
