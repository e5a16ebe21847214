package uk.jtai.response.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.Milestone;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.inspection.InspectionService;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.OutboxRepository;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.ActingContacts;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.RoleContacts;
import uk.jtai.response.security.Roles;
import uk.jtai.response.tasks.OpenTaskOwners;
import uk.jtai.response.tasks.TaskNaming;

/**
 * The daily digest: at {@code jtai.digest.time} (08:00) on each working day of a running inspection, one
 * e-mail to the Business Unit, the DCS and the LAIM, and to each deputy an agency named for the inspection
 * on day 1, with the open and overdue tasks per agency and the day's deadlines (no child data). Sent at most once per inspection and day by any number of nodes (the outbox row's key is
 * the inspection and the date); a node that was down at 08:00 sends it when it runs that day.
 */
@Component
public class DailyDigest {

  private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ScheduleRepository schedules;
  private final WorkingCalendar calendar;
  private final Partnership partnership;
  private final Outbox outbox;
  private final OutboxRepository outboxRows;
  private final TaskLinks links;
  private final DigestProperties properties;
  private final TransactionTemplate ownTransaction;
  private final ActingContacts acting;
  private final OpenTaskOwners taskOwners;

  public DailyDigest(@Lazy RuntimeService runtime, @Lazy TaskService tasks, ScheduleRepository schedules,
                     WorkingCalendar calendar, Partnership partnership, Outbox outbox, OutboxRepository outboxRows,
                     TaskLinks links, DigestProperties properties, PlatformTransactionManager transactions,
                     ActingContacts acting, OpenTaskOwners taskOwners) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.schedules = schedules;
    this.calendar = calendar;
    this.partnership = partnership;
    this.outbox = outbox;
    this.outboxRows = outboxRows;
    this.links = links;
    this.properties = properties;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.acting = acting;
    this.taskOwners = taskOwners;
  }

  /** Writes today's digests not written yet (engine clock); returns how many this call wrote. */
  public int sendDue() {
    Instant now = EngineTime.now();
    LocalDate today = now.atZone(calendar.zone()).toLocalDate();
    Instant digestTime = ZonedDateTime.of(today, properties.time(), calendar.zone()).toInstant();
    if (now.isBefore(digestTime) || !calendar.isWorkingDay(today)) {
      return 0;
    }
    int written = 0;
    for (ProcessInstance inspection : runtime.createProcessInstanceQuery()
        .processDefinitionKey(InspectionService.PROCESS_KEY).active().list()) {
      Optional<InspectionSchedule> schedule = Optional.ofNullable(inspection.getBusinessKey()).flatMap(schedules::find);
      // Running at the digest's time: notified before it (day 1's notification comes later in the day).
      if (schedule.isEmpty() || !schedule.get().notifiedAt().isBefore(digestTime)) {
        continue;
      }
      String key = "digest:" + schedule.get().reference() + ":" + today;
      if (outboxRows.hasKey(key)) {
        continue;
      }
      try {
        // Read before the transaction that writes it: the engine's reads need no part in the write.
        Mail mail = digest(schedule.get(), today, now).once(key);
        ownTransaction.executeWithoutResult(status -> outbox.enqueue(mail));
        written++;
      } catch (DataIntegrityViolationException writtenByAnotherNode) {
        // Another node wrote the same digest between the check and the insert: the unique key kept one.
        log.debug("Digest {} written by another node", key);
      }
    }
    return written;
  }

  Mail digest(InspectionSchedule schedule, LocalDate today, Instant now) {
    Map<String, Integer> open = new LinkedHashMap<>();
    Map<String, List<String>> overdue = new LinkedHashMap<>();
    for (String who : order()) {
      open.put(who, 0);
      overdue.put(who, new ArrayList<>());
    }
    List<Task> openTasks = tasks.createTaskQuery().processInstanceBusinessKey(schedule.reference()).list();
    Map<String, OpenTaskOwners.Owner> owners = taskOwners.of(openTasks.stream().map(Task::getId).toList());
    for (Task task : openTasks) {
      OpenTaskOwners.Owner owner = owners.get(task.getId());
      if (owner == null) {
        continue; // completed since the list was read: not open any more
      }
      String who = who(owner);
      open.merge(who, 1, Integer::sum);
      if (task.getDueDate() != null && task.getDueDate().toInstant().isBefore(now)) {
        overdue.computeIfAbsent(who, w -> new ArrayList<>())
            .add(TaskNaming.step(task.getName()) + " (due " + calendar.spoken(task.getDueDate().toInstant()) + ")");
      }
    }
    List<Mail.Workload> workload = new ArrayList<>();
    open.forEach((who, count) -> {
      if (count > 0) {
        workload.add(new Mail.Workload(who, count, overdue.getOrDefault(who, List.of())));
      }
    });
    List<Mail.Deadline> deadlines = new ArrayList<>();
    for (Milestone milestone : schedule.milestones()) {
      if (milestone.due().atZone(calendar.zone()).toLocalDate().equals(today)) {
        deadlines.add(new Mail.Deadline(TIME.format(milestone.due().atZone(calendar.zone())), milestone.title()));
      }
    }
    return Mail.about(schedule.reference(), "daily-digest")
        .to(partnership.businessUnit()).to(partnership.dcs()).to(partnership.laim())
        .to(acting.deputies(schedule.reference()).stream().map(ActingContacts.Acting::contact).toList())
        .digest(today, workload, deadlines)
        .link(links.tasklist())
        .boardLinks(links.board(schedule.reference()), links.timeline(schedule.reference()))
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email());
  }

  /** The partnership's roles first, then the agencies in the partnership's order. */
  private List<String> order() {
    List<String> order = new ArrayList<>(RoleContacts.PARTNERSHIP_ROLES.values());
    partnership.agencies().forEach(agency -> order.add(agency.shortName()));
    return order;
  }

  /** The agency a task is for (its agency variable, or its group's agency), else its role's name. */
  private String who(OpenTaskOwners.Owner owner) {
    if (owner.agency() != null && partnership.find(owner.agency()).isPresent()) {
      return partnership.agency(owner.agency()).shortName();
    }
    Map<String, String> roles = Roles.groups(partnership);
    for (String group : owner.candidateGroups()) {
      for (Agency agency : partnership.agencies()) {
        if (group.equals(agency.id()) || group.equals(agency.seniorGroup())) {
          return agency.shortName();
        }
      }
      return roles.getOrDefault(group, group);
    }
    return "Business Unit";
  }
}
