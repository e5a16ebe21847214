package uk.jtai.response.simulation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.notify.GroupRecipients;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Contact;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.RoleContacts;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.reminders.DeadlineModel;
import uk.jtai.response.reminders.ReminderPlan;
import uk.jtai.response.reminders.TaskDeadline;
import uk.jtai.response.tasks.TaskNaming;

/**
 * The e-mails one simulated inspection must have sent, worked out from what happened in it (its tasks,
 * the timers that fired, the days it ran) by the rules docs/email-and-reminders.md states for each kind of e-mail: the
 * agencies' notification and known-to-agency notices, where the audit tool is, reminders before each
 * deadline of a task still open, escalations of the deadlines missed, the day 9 warning, the issue of
 * concern, the embargo and one digest each working day. Each names its template, its recipients and
 * what its subject must say.
 */
final class ExpectedEmails {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

  /** One e-mail: the template, exactly these recipients, a part of its subject and (if not null) of its body. */
  record Expected(String template, Set<String> recipients, String subjectPart, String bodyPart) {
    Expected(String template, Set<String> recipients, String subjectPart) {
      this(template, recipients, subjectPart, null);
    }

    boolean matches(Map<String, Object> row) {
      return template.equals(row.get("TEMPLATE"))
          && recipients.equals(new TreeSet<>(Arrays.asList(((String) row.get("RECIPIENTS")).split(","))))
          && ((String) row.get("SUBJECT")).contains(subjectPart)
          && (bodyPart == null || ((String) row.get("BODY")).contains(bodyPart));
    }

    @Override
    public String toString() {
      return template + " to " + recipients + ": ..." + subjectPart + "..." + (bodyPart == null ? "" : " saying ..." + bodyPart + "...");
    }
  }

  private final ProcessEngine engine;
  private final ReminderPlan reminderPlan;
  private final GroupRecipients groupRecipients;
  private final RoleContacts roles;
  private final Partnership partnership;
  private final ScheduleRepository schedules;
  private final WorkingCalendar calendar;
  private final java.time.LocalTime digestTime;

  ExpectedEmails(ProcessEngine engine, ReminderPlan reminderPlan, GroupRecipients groupRecipients, RoleContacts roles,
                 Partnership partnership, ScheduleRepository schedules, WorkingCalendar calendar, java.time.LocalTime digestTime) {
    this.engine = engine;
    this.reminderPlan = reminderPlan;
    this.groupRecipients = groupRecipients;
    this.roles = roles;
    this.partnership = partnership;
    this.schedules = schedules;
    this.calendar = calendar;
    this.digestTime = digestTime;
  }

  private String spoken(Instant instant) {
    return calendar.spoken(instant);
  }

  private Instant stored(String reference, String milestone) {
    return schedules.due(reference, milestone).orElseThrow();
  }

  private static Set<String> emails(Collection<Contact> contacts) {
    Set<String> emails = new TreeSet<>();
    contacts.forEach(c -> emails.add(c.email()));
    return emails;
  }

  List<Expected> of(String reference, Theme theme, InspectionSchedule planned, List<InspectionClock.Firing> firings, Instant closed) {
    List<Expected> expected = new ArrayList<>();
    List<HistoricTaskInstance> tasks = engine.getHistoryService().createHistoricTaskInstanceQuery()
        .processInstanceBusinessKey(reference).list();
    for (String id : theme.agencies()) {
      Agency agency = partnership.agency(id);
      Set<String> leadAndDeputy = emails(List.of(agency.lead(), agency.deputy()));
      // Day 1: each agency is told of the inspection and asked to confirm its lead contact.
      expected.add(new Expected("agency-notification", leadAndDeputy,
          "confirm your lead contact by " + spoken(planned.milestone("AGENCIES_CONFIRMED_DUE").orElseThrow().due())));
    }
    // Day 1: every other partner of the partnership file is told, for information (guidance 11).
    for (Agency agency : partnership.agencies()) {
      if (!theme.agencies().contains(agency.id())) {
        expected.add(new Expected("partner-informed", emails(List.of(agency.lead(), agency.deputy())),
            "Joint Targeted Area Inspection notified - for your information"));
      }
    }
    // Where the audit tool is, for the children selected for audit: the theme's case-audit agencies.
    for (String id : theme.caseAuditAgencies()) {
      Agency agency = partnership.agency(id);
      expected.add(new Expected("audit-tool-available", emails(List.of(agency.lead(), agency.deputy())),
          "for " + theme.selection().audit().max() + " children - due " + spoken(stored(reference, "AUDITS_DUE"))));
    }
    // The known-to-agency sheet, at once (the window is short).
    for (HistoricTaskInstance task : tasks) {
      if (task.getTaskDefinitionKey().equals("Task_ReturnKnownToAgency")) {
        Agency agency = agencyOf(task);
        expected.add(new Expected("agency-task", emails(List.of(agency.lead(), agency.deputy())),
            "please complete by " + spoken(task.getDueDate().toInstant()) + " - " + TaskNaming.step(task.getName())));
      }
    }
    reminders(reference, tasks, expected);
    escalations(reference, firings, tasks, expected);
    // The issue of concern: the agency's senior and the DCS, at once.
    for (HistoricTaskInstance task : tasks) {
      if (task.getTaskDefinitionKey().equals("Task_RespondToConcern")) {
        Agency agency = agencyOf(task);
        expected.add(new Expected("issue-of-concern", emails(List.of(agency.senior(), partnership.dcs())),
            agency.shortName() + " to respond by " + spoken(task.getDueDate().toInstant())));
      }
    }
    // The final report: every partner, embargoed until publication.
    List<Contact> everyone = new ArrayList<>(List.of(partnership.dcs(), partnership.laim(), partnership.businessUnit(),
        partnership.independentScrutineer()));
    theme.agencies().stream().map(partnership::agency).forEach(a -> everyone.addAll(List.of(a.lead(), a.deputy(), a.senior())));
    expected.add(new Expected("final-report-embargo", emails(everyone), "EMBARGOED until " + spoken(stored(reference, "PUBLICATION"))));
    // The digest: each working day the inspection was running at the digest's time.
    Set<String> digestTo = emails(List.of(partnership.businessUnit(), partnership.dcs(), partnership.laim()));
    for (LocalDate day = planned.notifiedAt().atZone(calendar.zone()).toLocalDate(); ; day = day.plusDays(1)) {
      Instant digestAt = ZonedDateTime.of(day, digestTime, calendar.zone()).toInstant();
      if (digestAt.isAfter(closed)) {
        break;
      }
      if (calendar.isWorkingDay(day) && digestAt.isAfter(planned.notifiedAt())) {
        expected.add(new Expected("daily-digest", digestTo, "daily digest for " + DAY.format(day)));
      }
    }
    return expected;
  }

  /**
   * Reminders before each deadline, to the people whose task it is, while the task is open; and the
   * escalation at the deadline of a task the model does not escalate itself.
   */
  private void reminders(String reference, List<HistoricTaskInstance> tasks, List<Expected> expected) {
    for (HistoricTaskInstance task : tasks) {
      if (task.getDueDate() == null) {
        continue;
      }
      UserTask model = engine.getRepositoryService().getBpmnModelInstance(task.getProcessDefinitionId())
          .getModelElementById(task.getTaskDefinitionKey());
      Instant due = task.getDueDate().toInstant();
      TaskDeadline deadline = new TaskDeadline(reference, task.getId(), DeadlineModel.milestoneOf(model).orElse(null), due,
          DeadlineModel.escalatedByModel(model), null);
      Instant ended = task.getEndTime() == null ? null : task.getEndTime().toInstant();
      for (ReminderPlan.Planned planned : reminderPlan.plan(deadline, task.getStartTime().toInstant())) {
        if (ended != null && ended.isBefore(planned.sendAt())) {
          continue; // done before it fell due
        }
        if (planned.kind() == ReminderPlan.Kind.REMINDER) {
          expected.add(new Expected("task-reminder", whoseTask(task), "due by " + spoken(due) + " - " + TaskNaming.step(task.getName())));
        } else {
          Agency agency = agencyWhoseTaskItIs(task);
          expected.add(new Expected("task-overdue", emails(List.of(agency != null ? agency.senior() : partnership.dcs(),
              partnership.businessUnit())), "deadline missed - " + TaskNaming.step(task.getName()), "was due by " + spoken(due)));
        }
      }
    }
  }

  /** The person the task is assigned to, and the people of its groups (the Business Unit when there is nobody). */
  private Set<String> whoseTask(HistoricTaskInstance task) {
    Set<String> to = new TreeSet<>();
    if (task.getAssignee() != null) {
      to.add(engine.getIdentityService().createUserQuery().userId(task.getAssignee()).singleResult().getEmail());
    }
    List<String> groups = candidateGroups(task);
    if (!groups.isEmpty() || to.isEmpty()) {
      to.addAll(emails(groupRecipients.of(groups)));
    }
    return to;
  }

  private List<String> candidateGroups(HistoricTaskInstance task) {
    return engine.getHistoryService().createHistoricIdentityLinkLogQuery().taskId(task.getId())
        .type(IdentityLinkType.CANDIDATE).list().stream().filter(link -> "add".equals(link.getOperationType()))
        .map(HistoricIdentityLinkLog::getGroupId).filter(g -> g != null).distinct().toList();
  }

  /** The agency a task is for: the agency (or its senior approvers) among its candidate groups. */
  private Agency agencyOf(HistoricTaskInstance task) {
    for (String group : candidateGroups(task)) {
      for (Agency agency : partnership.agencies()) {
        if (agency.id().equals(group) || agency.seniorGroup().equals(group)) {
          return agency;
        }
      }
    }
    return null;
  }

  /**
   * The agency whose task it is, for its lateness: the task's {@code agency} variable unless the task is
   * offered only to groups that are not that agency's (LAIM's record of an agency's concern response).
   */
  private Agency agencyWhoseTaskItIs(HistoricTaskInstance task) {
    Agency agency = agencyVariableOf(task);
    List<String> groups = candidateGroups(task);
    return agency == null || groups.isEmpty() || groups.contains(agency.id()) || groups.contains(agency.seniorGroup())
        ? agency : null;
  }

  /** The task's {@code agency} variable, as the task sees it (the nearest scope that has one). */
  private Agency agencyVariableOf(HistoricTaskInstance task) {
    Map<String, String> agencyByScope = new java.util.HashMap<>();
    engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(task.getProcessInstanceId())
        .variableName("agency").list().forEach(v -> agencyByScope.put(v.getActivityInstanceId(), (String) v.getValue()));
    for (String scope = task.getActivityInstanceId(); scope != null; ) {
      if (agencyByScope.containsKey(scope)) {
        return partnership.agency(agencyByScope.get(scope));
      }
      var instance = engine.getHistoryService().createHistoricActivityInstanceQuery().activityInstanceId(scope).singleResult();
      scope = instance == null ? null : instance.getParentActivityInstanceId();
    }
    String processScope = agencyByScope.get(task.getProcessInstanceId());
    return processScope == null ? null : partnership.agency(processScope);
  }

  /** What each timer that fired sends, by the step it leads to in the model. */
  private void escalations(String reference, List<InspectionClock.Firing> firings, List<HistoricTaskInstance> tasks,
                           List<Expected> expected) {
    for (InspectionClock.Firing firing : firings) {
      if (firing.next() == null) {
        continue;
      }
      ModelElementInstance step = engine.getRepositoryService().getBpmnModelInstance(firing.processDefinitionId())
          .getModelElementById(firing.next());
      if (!(step instanceof ServiceTask service)) {
        continue; // an interrupting timer that only moves the process on
      }
      Agency agency = firing.agency() == null ? null : partnership.agency(firing.agency());
      Set<String> dcsAndBu = emails(List.of(partnership.dcs(), partnership.businessUnit()));
      if ("${escalate}".equals(service.getCamundaDelegateExpression())) {
        String overdueTask = input(service, "overdueTask");
        // The task the timer watched: open when it fired, of the agency it fired for.
        String name = tasks.stream().filter(t -> t.getProcessInstanceId().equals(firing.processInstanceId())
                && t.getTaskDefinitionKey().equals(overdueTask)
                && !t.getStartTime().toInstant().isAfter(firing.executedAt())
                && (t.getEndTime() == null || t.getEndTime().toInstant().isAfter(firing.executedAt()))
                && (agency == null || agency.equals(agencyOf(t))))
            .findFirst().orElseThrow(() -> new AssertionError("no open " + overdueTask + " when " + firing.timerId() + " fired"))
            .getName();
        name = TaskNaming.step(name); // e-mails name the step; their subject names the inspection
        expected.add(new Expected("task-overdue", emails(roles.named(input(service, "notify"), agency)),
            "deadline missed - " + name, "was due by " + spoken(firing.due())));
      } else if ("${auditReport.warn(execution)}".equals(service.getCamundaExpression())) {
        expected.add(new Expected("audit-report-warning", dcsAndBu, "due " + spoken(stored(reference, "AUDIT_REPORT_DUE"))));
      } else if ("${auditReport.missed(execution)}".equals(service.getCamundaExpression())) {
        // The LAIM too: the submission opens at the deadline whoever is late.
        expected.add(new Expected("audit-report-missed", emails(List.of(partnership.dcs(), partnership.businessUnit(),
            partnership.laim())), "audit report not submitted"));
      } else if ("${auditReturnsOverdue}".equals(service.getCamundaDelegateExpression())) {
        expected.add(new Expected("audit-returns-overdue", emails(List.of(agency.senior(), partnership.businessUnit())),
            "(" + agency.shortName() + ")"));
      } else {
        throw new AssertionError("the simulation does not know what " + firing.next() + " sends");
      }
    }
  }

  private static String input(ServiceTask service, String name) {
    return service.getExtensionElements().getElementsQuery().filterByType(
            org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).singleResult()
        .getCamundaInputParameters().stream().filter(p -> p.getCamundaName().equals(name)).findFirst()
        .map(CamundaInputParameter::getTextContent).orElseThrow();
  }
}
