package uk.jtai.response.reminders;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.notify.GroupRecipients;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.MissedDeadlines;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Contact;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.store.ClaimableQueue;
import uk.jtai.response.store.SideBySide;
import uk.jtai.response.tasks.OpenTaskOwners;
import uk.jtai.response.tasks.TaskNaming;

/**
 * Turns due reminders into outbox e-mails, each exactly once: a batch of rows is claimed for this node
 * ({@link ClaimableQueue}), then each share of it is written in one transaction that marks its rows done, checks
 * their tasks and writes the e-mails (and, at a missed deadline, the Cockpit marker); a share that fails is
 * handled again row by row, one transaction per row; if any of a row's work fails, nothing of it is kept and the
 * row is tried again later. A task that has ended sends nothing (its reminders are withdrawn
 * as they fall due, see {@link ReminderRepository}); a task whose due date
 * changed is planned again from its new one.
 */
@Component
public class ReminderSender {

  private static final Logger log = LoggerFactory.getLogger(ReminderSender.class);

  private final ReminderRepository repository;
  private final ReminderScheduler scheduler;
  private final ReminderProperties properties;
  private final TaskService tasks;
  private final Outbox outbox;
  private final GroupRecipients groups;
  private final Partnership partnership;
  private final Schedule schedule;
  private final WorkingCalendar calendar;
  private final TaskLinks links;
  private final MissedDeadlines missedDeadlines;
  private final OpenTaskOwners taskOwners;
  private final TransactionTemplate transaction;
  private final String node = ClaimableQueue.nodeName();
  /** Handles the reminders of a batch {@code parallel} at a time. */
  private final SideBySide workers;

  public ReminderSender(ReminderRepository repository, ReminderScheduler scheduler, ReminderProperties properties,
                        @Lazy TaskService tasks, Outbox outbox, GroupRecipients groups, Partnership partnership,
                        Schedule schedule, WorkingCalendar calendar, TaskLinks links, MissedDeadlines missedDeadlines,
                        PlatformTransactionManager transactions, OpenTaskOwners taskOwners) {
    this.repository = repository;
    this.scheduler = scheduler;
    this.properties = properties;
    this.tasks = tasks;
    this.outbox = outbox;
    this.groups = groups;
    this.partnership = partnership;
    this.schedule = schedule;
    this.calendar = calendar;
    this.links = links;
    this.missedDeadlines = missedDeadlines;
    this.taskOwners = taskOwners;
    this.transaction = new TransactionTemplate(transactions);
    this.workers = new SideBySide("reminder-sender", properties.parallel());
  }

  /** The outbox key of a reminder's e-mail: one e-mail per reminder, whatever happens. */
  public static String outboxKey(long reminderId) {
    return "reminder:" + reminderId;
  }

  /**
   * Handles the reminders due now (engine clock), one batch claimed at once; returns how many due reminders this call
   * dealt with (claimed, or withdrawn because their task has ended). The batch is dealt, whole inspections at a time,
   * into {@code parallel} shares, each written in one transaction ({@link #writeTogether}); a share that cannot be
   * (another node took a reminder over, a clash on an inspection's Cockpit marker...) is rolled back and its
   * reminders are handled one by one, each in its own transaction, as they all were before.
   */
  public int sendDue() {
    ClaimableQueue.Claim<ReminderRepository.Reminder> claim = repository.claimDue(node, EngineTime.now(),
        properties.claimTimeout(), properties.batchSize());
    Map<String, List<ReminderRepository.Reminder>> byInspection = claim.rows().stream().collect(
        Collectors.groupingBy(ReminderRepository.Reminder::reference, LinkedHashMap::new, Collectors.toList()));
    workers.count(workers.shares(List.copyOf(byInspection.values())), inspections -> {
      handleTogether(inspections.stream().flatMap(List::stream).toList());
      return true;
    });
    return claim.found();
  }

  /** A share of the batch in one transaction; if that fails, each of its reminders in a transaction of its own. */
  private void handleTogether(List<ReminderRepository.Reminder> share) {
    List<ReminderRepository.Reminder> alone;
    try {
      alone = transaction.execute(status -> writeTogether(share));
    } catch (RuntimeException e) {
      log.info("{} reminders handled one by one, not together: {}", share.size(),
          ClaimableQueue.clip(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
      alone = share;
    }
    alone.forEach(this::handleOnce);
  }

  /**
   * Writes the e-mails of a share of the batch in the caller's transaction, a few statements for the whole share
   * where one reminder at a time took about ten (issue 19: a deadline shared by every agency of many inspections made
   * hundreds due at once, and their e-mails left a minute late): the tasks, their groups and agencies read at once
   * ({@link OpenTaskOwners#open}), the reminders marked done in one statement, each group's members read once, the
   * e-mails written in one, and each inspection's Cockpit marker changed once (inspections in order, so two nodes
   * never wait on each other's). Returns the reminders whose task's due date has changed or gone, left to
   * {@link #handle}, which plans the task's reminders again. Throws, so that nothing of the share is kept, if another
   * node has taken over any of its reminders.
   */
  private List<ReminderRepository.Reminder> writeTogether(List<ReminderRepository.Reminder> share) {
    Instant now = EngineTime.now();
    // A reminder stores its task's agency when planned ("" for none); only one planned before that column (null)
    // needs it read from the task's scopes.
    Map<String, OpenTaskOwners.OpenTask> open = taskOwners.open(
        share.stream().map(ReminderRepository.Reminder::taskId).distinct().toList(),
        share.stream().filter(reminder -> reminder.agency() == null).map(ReminderRepository.Reminder::taskId).toList());
    List<ReminderRepository.Reminder> alone = new ArrayList<>();
    List<Long> ended = new ArrayList<>();
    List<ReminderRepository.Reminder> due = new ArrayList<>();
    for (ReminderRepository.Reminder reminder : share) {
      OpenTaskOwners.OpenTask task = open.get(reminder.taskId());
      if (task == null) {
        ended.add(reminder.id());
      } else if (task.due() == null || !task.due().equals(reminder.taskDue())) {
        alone.add(reminder);
      } else {
        due.add(reminder);
      }
    }
    finishedAll(ended, ReminderRepository.SKIPPED, now, ReminderRepository.TASK_ENDED);
    finishedAll(due.stream().map(ReminderRepository.Reminder::id).toList(), ReminderRepository.SENT, now, null);
    GroupRecipients.Batch recipients = groups.batch();
    List<Mail> mails = new ArrayList<>();
    Map<String, List<String>> missed = new TreeMap<>();
    for (ReminderRepository.Reminder reminder : due) {
      OpenTaskOwners.OpenTask task = open.get(reminder.taskId());
      Agency agency = agency(reminder, task.owner());
      if (reminder.kind() == ReminderPlan.Kind.REMINDER) {
        mails.add(mail(reminder, task.id(), task.name(), agency, "task-reminder")
            .to(recipients.ofTask(task.assignee(), task.candidateGroups())));
      } else {
        mails.add(mail(reminder, task.id(), task.name(), agency, "task-overdue").to(escalatedTo(agency)));
        missed.computeIfAbsent(reminder.reference(), reference -> new ArrayList<>()).add(missed(reminder, task.name(), agency));
      }
    }
    outbox.enqueueAll(mails);
    missed.forEach(missedDeadlines::record);
    return alone;
  }

  /** Finishes all of {@code ids} or throws: another node has some of them now. */
  private void finishedAll(List<Long> ids, String status, Instant now, String outcome) {
    int finished = repository.finishAll(ids, node, status, now, outcome);
    if (finished != ids.size()) {
      throw new IllegalStateException((ids.size() - finished) + " of " + ids.size() + " reminders taken over by another node");
    }
  }

  /** One reminder in its own transaction; a failure is recorded on its row for a later try. */
  private boolean handleOnce(ReminderRepository.Reminder reminder) {
    try {
      transaction.executeWithoutResult(status -> handle(reminder));
      return true;
    } catch (RuntimeException e) {
      failed(reminder, e);
      return false;
    }
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    workers.close();
  }

  /**
   * Reads the task, marks the reminder done (which holds its row until this transaction ends, or finds that
   * another node took it over: then nothing is written), then does what it says: its e-mail and marker, or
   * planning the task's reminders again.
   */
  private void handle(ReminderRepository.Reminder reminder) {
    Instant now = EngineTime.now();
    Task task = tasks.createTaskQuery().taskId(reminder.taskId()).singleResult();
    if (task == null) { // ended since the claim
      repository.finish(reminder.id(), node, ReminderRepository.SKIPPED, now, ReminderRepository.TASK_ENDED);
    } else if (task.getDueDate() == null) {
      repository.finish(reminder.id(), node, ReminderRepository.SKIPPED, now, "task has no due date any more");
    } else if (!task.getDueDate().toInstant().equals(reminder.taskDue())) {
      // Its due date changed without the update event (e.g. in the database): follow the task.
      if (repository.finish(reminder.id(), node, ReminderRepository.CANCELLED, now, "due date changed")) {
        scheduler.replan(task, reminder.reference());
      }
    } else {
      // The agency is stored on the reminder; read from the task only for reminders planned before it was stored.
      Optional<OpenTaskOwners.Owner> owner = taskOwners.of(task.getId(), reminder.agency() == null);
      if (owner.isEmpty()) { // ended since it was read
        repository.finish(reminder.id(), node, ReminderRepository.SKIPPED, now, ReminderRepository.TASK_ENDED);
      } else if (repository.finish(reminder.id(), node, ReminderRepository.SENT, now, null)) {
        if (reminder.kind() == ReminderPlan.Kind.REMINDER) {
          remind(reminder, task, owner.get());
        } else {
          escalate(reminder, task, owner.get());
        }
      }
    }
  }

  /**
   * Before the deadline: the person the task is assigned to (the Audit Chair records the Audit Day, the
   * Audit Author shares the drafts) and the people of the task's groups.
   */
  private void remind(ReminderRepository.Reminder reminder, Task task, OpenTaskOwners.Owner owner) {
    outbox.enqueue(mail(reminder, task.getId(), task.getName(), agency(reminder, owner), "task-reminder")
        .to(groups.ofTask(task.getAssignee(), owner.candidateGroups())));
  }

  /** At the deadline of a task the model does not escalate: the agency's senior (else the DCS) and the Business Unit. */
  private void escalate(ReminderRepository.Reminder reminder, Task task, OpenTaskOwners.Owner owner) {
    Agency agency = agency(reminder, owner);
    outbox.enqueue(mail(reminder, task.getId(), task.getName(), agency, "task-overdue").to(escalatedTo(agency)));
    missedDeadlines.record(reminder.reference(), missed(reminder, task.getName(), agency));
  }

  private List<Contact> escalatedTo(Agency agency) {
    List<Contact> to = new ArrayList<>();
    to.add(agency != null ? agency.senior() : partnership.dcs());
    to.add(partnership.businessUnit());
    return to;
  }

  /** The line a missed deadline adds to the inspection's Cockpit marker. */
  private String missed(ReminderRepository.Reminder reminder, String taskName, Agency agency) {
    return reminder.milestone() == null ? TaskNaming.step(taskName)
        : MissedDeadlines.describe(reminder.milestone(), schedule.milestoneTitle(reminder.reference(), reminder.milestone()),
            agency == null ? null : agency.shortName());
  }

  private Mail mail(ReminderRepository.Reminder reminder, String taskId, String taskName, Agency agency, String template) {
    String what = reminder.milestone() == null ? TaskNaming.step(taskName)
        : schedule.milestoneTitle(reminder.reference(), reminder.milestone());
    Mail mail = Mail.about(reminder.reference(), template)
        .task(TaskNaming.step(taskName), links.task(taskId))
        .due(reminder.taskDue(), calendar.zone(), what)
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once(outboxKey(reminder.id()));
    if (agency != null) {
      mail.agency(agency.shortName());
    }
    return mail;
  }

  /**
   * The agency whose task it is: the task's {@code agency} variable, unless the task is offered to other
   * groups only. LAIM records the response to an issue of concern raised with the police: the task sees
   * the concern's agency, but it is LAIM's, so its lateness goes to the DCS, not to the police's senior.
   */
  private Agency agency(ReminderRepository.Reminder reminder, OpenTaskOwners.Owner owner) {
    String id = reminder.agency() != null ? reminder.agency() : owner.agency();
    Agency agency = id != null && !id.isEmpty() ? partnership.find(id).orElse(null) : null;
    if (agency == null) {
      return null;
    }
    List<String> groups = owner.candidateGroups();
    return groups.isEmpty() || groups.contains(agency.id()) || groups.contains(agency.seniorGroup()) ? agency : null;
  }

  private void failed(ReminderRepository.Reminder reminder, RuntimeException e) {
    Instant now = EngineTime.now();
    String error = ClaimableQueue.clip(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    boolean giveUp = reminder.attempts() + 1 >= properties.maxAttempts();
    transaction.executeWithoutResult(status -> repository.attemptFailed(reminder.id(), node, error,
        now.plus(properties.retry()), giveUp));
    log.warn("Reminder #{} not handled, {}: {}", reminder.id(),
        giveUp ? "left as FAILED after " + properties.maxAttempts() + " attempts" : "will retry", error);
  }
}
