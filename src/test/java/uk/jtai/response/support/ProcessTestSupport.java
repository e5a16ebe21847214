package uk.jtai.response.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on an in-memory database with the job executor off: tests drive processes
 * through the engine API, move the engine clock and fire due timers themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ProcessTestSupport {

  private static final AtomicInteger REFERENCES = new AtomicInteger();

  static {
    // Before any context starts: the application sends to this fork's GreenMail.
    TestSmtp.useForTheApplication();
  }

  @Autowired protected ProcessEngine engine;
  @Autowired protected RuntimeService runtime;
  @Autowired protected TaskService tasks;
  @Autowired protected FormService forms;
  @Autowired protected HistoryService history;
  @Autowired protected ManagementService management;
  @Autowired protected RepositoryService repository;
  @Autowired protected JdbcTemplate jdbc;

  @BeforeEach
  void initAssertions() {
    BpmnAwareTests.init(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
    engine.getIdentityService().clearAuthentication();
    TestUsers.removeCreated(engine.getIdentityService());
  }

  /** A reference no other test uses, e.g. JTAI-2027-05-T7. */
  protected static String newReference() {
    return "JTAI-2027-05-T" + REFERENCES.incrementAndGet();
  }

  protected static Instant instant(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset).toInstant();
  }

  protected void moveClockTo(String isoWithOffset) {
    ClockUtil.setCurrentTime(Date.from(instant(isoWithOffset)));
  }

  /** Starts an inspection as Tasklist's start form does, with the clock at the notification. */
  protected ProcessInstance startInspection(String reference, String theme, String notifiedAt) {
    moveClockTo(notifiedAt);
    Map<String, Object> values = new HashMap<>();
    values.put("reference", reference);
    values.put("theme", theme);
    values.put("notifiedAt", notifiedAt);
    String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey("jtai-inspection")
        .latestVersion().singleResult().getId();
    return forms.submitStartForm(definitionId, values);
  }

  /** Days 1 to 2 done as far as the child selection needs: the Local Authority's Annex A is submitted. */
  protected void submitAnnexA(String reference) {
    Task annexA = task(reference, "Task_SubmitAnnexA");
    String rows = tasks.getVariable(annexA.getId(), "annexALists").toString()
        .replace("\"uploaded\":false", "\"uploaded\":true")
        .replace("\"portalReference\":\"\"", "\"portalReference\":\"Inspectors' portal\"");
    complete(annexA, Map.of("annexALists", org.camunda.spin.plugin.variable.SpinValues.jsonValue(rows).create()));
  }

  /** Day 1's cascade and the agencies' fieldwork-week meetings done on time, right after the notification. */
  protected void finishNotificationCascadeAndMeetings(String reference) {
    String now = OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneOffset.UTC).toString();
    completeAll(reference, "Task_NotifyPartners", Map.of("contactsCurrent", true));
    completeAll(reference, "Task_ConfirmLeadContact", Map.of("confirmedContact", "lead", "contactName", "Lead", "briefed", true));
    completeAll(reference, "Task_ConfirmScrutineerNotified", Map.of("scrutineerNotified", true, "scrutineerNotifiedHow", "telephone",
        "scrutineerNotifiedAt", now));
    completeAll(reference, "Task_RecordSetUpDiscussion", Map.of("setUpDiscussionAt", now, "statutoryPartnersAttended", true,
        "annexARequestReceived", true, "concernsArrangementsAgreed", true));
    completeAll(reference, "Task_GiveFieldworkMeetings", Map.of("noMeetings", true, "sentToLeadInspector", true));
  }

  /**
   * The child-selection stage done on time: the first selection recorded, every agency answering No
   * throughout, the returns forwarded, the first {@code auditCount} selected for audit, the tool sent.
   */
  protected void runChildSelection(String reference, List<String> children, int auditCount) {
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", String.join("\n", children)));
    for (Task answer : openTasks(reference, "Task_ReturnKnownToAgency")) {
      String rows = forms.getTaskFormVariables(answer.getId()).get("knownToAgencyAnswers").toString()
          .replace("\"answer\":\"\"", "\"answer\":\"no\"");
      complete(answer, Map.of("knownToAgencyAnswers", org.camunda.spin.plugin.variable.SpinValues.jsonValue(rows).create()));
    }
    fireDueTimers(reference);
    complete(task(reference, "Task_ForwardReturns"), Map.of("returnsSentToInspectors", true,
        "returnsSentAt", OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneOffset.UTC).toString()));
    complete(task(reference, "Task_RecordAuditSelection"),
        Map.of("auditSelectionEntry", String.join("\n", children.subList(0, auditCount))));
    complete(task(reference, "Task_SendAuditTool"), Map.of("auditToolAvailable", true));
  }

  /**
   * An inspection brought to week 2 on time: notified {@code notifiedAt}, Annex A in, the first selection
   * of {@code first} children and the first {@code audit} of them selected for audit.
   */
  protected List<String> reachWeek2(String reference, String theme, String notifiedAt, int first, int audit) {
    startInspection(reference, theme, notifiedAt);
    finishNotificationCascadeAndMeetings(reference);
    submitAnnexA(reference);
    List<String> children = uk.jtai.response.support.ChildData.references(
        Math.abs(reference.hashCode() % 900) + 100, first);
    runChildSelection(reference, children, audit);
    return children.subList(0, audit);
  }

  /** Completes every open task of the inspection with this key, with the same variables. */
  protected int completeAll(String reference, String taskKey, Map<String, Object> variables) {
    List<Task> open = openTasks(reference, taskKey);
    open.forEach(task -> complete(task, variables));
    return open.size();
  }

  /** The start of week 2 on time: every audit return in and signed off, the pack sent, the Audit Chair and Author appointed. */
  protected void runAuditsAndAppointRoles(String reference, String chair, String author) {
    while (completeAll(reference, "Task_CompleteAuditTool", Map.of("auditToolCompleted", true, "chronologyCompleted", true,
        "returnLocation", "Audit")) > 0) {
      completeAll(reference, "Task_SignOffAudit", Map.of("auditDecision", "approve"));
    }
    fireDueTimers(reference);
    completeAll(reference, "Task_CompileAuditPack", Map.of("auditPackSent", true, "auditPackLocation", "Pack"));
    completeAll(reference, "Task_AppointAuditRoles", Map.of("auditChair", chair, "auditAuthor", author));
  }

  /**
   * Week 2 done on time after {@link #reachWeek2}: every audit return in and signed off, the pack sent,
   * the Audit Day, evidence, version 1 of the report approved by every statutory partner and submitted,
   * the on-site programme and the children-and-families arrangements; fieldwork then starts.
   */
  protected void runWeek2(String reference, String chair, String author) {
    runAuditsAndAppointRoles(reference, chair, author);
    completeAll(reference, "Task_ApproveEvidence", Map.of("evidenceApproved", true));
    for (Task confirm : openTasks(reference, "Task_ConfirmEvidence")) {
      String rows = tasks.getVariable(confirm.getId(), "caseRecordRows").toString().replace("\"shared\":false", "\"shared\":true");
      complete(confirm, Map.of("evidenceProvided", true,
          "caseRecordRows", org.camunda.spin.plugin.variable.SpinValues.jsonValue(rows).create()));
    }
    completeAll(reference, "Task_RecordAuditDay", Map.of("auditDayHeld", true,
        "attendedAgencies", org.camunda.spin.plugin.variable.SpinValues.jsonValue("[\"police\"]").create()));
    completeAll(reference, "Task_UploadReportDraft", Map.of("newReportVersion", 1, "newReportLocation", "Report"));
    completeAll(reference, "Task_ApproveAuditReport", Map.of("reportDecision", "approve", "qualityAssured", true));
    String now = OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneOffset.UTC).toString();
    completeAll(reference, "Task_SubmitAuditReport", Map.of("reportSubmitted", true, "reportSubmittedAt", now));
    completeAll(reference, "Task_RecordOnSiteProgramme", Map.of("programmeAgreedAt", now, "programmeLocation", "Timetable"));
    completeAll(reference, "Task_ConfirmChildrenAndFamilies", Map.of("arrangementsConfirmed", true, "arrangementsContact", "Lead"));
  }

  /** Fieldwork done after {@link #runWeek2}: presentation, leaders' meeting, no planning themes or KIT meetings, findings. */
  protected void runFieldwork(String reference) {
    String now = OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), java.time.ZoneOffset.UTC).toString();
    completeAll(reference, "Task_UpdateContextPresentation", Map.of("presentationUpdated", true, "presentationLocation", "Presentation"));
    String dayEleven = OffsetDateTime.ofInstant(jdbc.queryForObject("select due from jtai_milestone where reference = ? and name = 'FIELDWORK_START'",
        OffsetDateTime.class, reference).toInstant(), java.time.ZoneOffset.UTC).toString();
    ClockUtil.setCurrentTime(Date.from(instant(dayEleven).plusSeconds(3600)));
    completeAll(reference, "Task_RecordLeadersMeeting", Map.of("leadersMeetingAt", dayEleven));
    completeAll(reference, "Task_RecordPlanningThemes", Map.of("planningFinished", true));
    completeAll(reference, "Task_ArrangeKitMeetings", Map.of("kitDecision", "none"));
    completeAll(reference, "Task_RecordFindings", Map.of("findingsFedBackAt", dayEleven));
  }

  protected ProcessInstance calledProcess(String reference, String processKey) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(processKey).singleResult();
  }

  protected Task task(String reference, String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).singleResult();
  }

  protected Task agencyTask(String reference, String taskKey, String agency) {
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey)
        .taskCandidateGroup(agency).singleResult();
  }

  protected List<Task> openTasks(String reference, String taskKey) {
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).list();
  }

  protected void complete(Task task, Map<String, Object> variables) {
    assertThat(task).as("open task").isNotNull();
    tasks.complete(task.getId(), variables);
  }

  /**
   * Executes the inspection's jobs due at the engine clock's now (its timers that have fired), as the job
   * executor would; returns how many. Jobs of other tests' inspections are left alone.
   */
  protected int fireDueTimers(String reference) {
    int fired = 0;
    while (true) {
      Set<String> instances = new HashSet<>();
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).list()
          .forEach(instance -> instances.add(instance.getId()));
      List<Job> due = management.createJobQuery().executable().list().stream()
          .filter(job -> instances.contains(job.getProcessInstanceId())).toList();
      if (due.isEmpty()) {
        return fired;
      }
      for (Job job : due) {
        management.executeJob(job.getId());
        fired++;
      }
    }
  }

  /** Outbox rows of an inspection, oldest first: template, recipients, subject, body, status. */
  protected List<Map<String, Object>> outbox(String reference) {
    return jdbc.queryForList("select id, template, recipients, subject, body, status from jtai_outbox "
        + "where reference = ? order by id", reference);
  }

  protected List<Map<String, Object>> outbox(String reference, String template) {
    return outbox(reference).stream().filter(row -> template.equals(row.get("TEMPLATE"))).toList();
  }
}
