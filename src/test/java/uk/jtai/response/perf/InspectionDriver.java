package uk.jtai.response.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import uk.jtai.response.support.ChildData;

/**
 * One whole inspection, from the notification to closing, through the engine API as the people whose
 * tasks they are (the demo users' roles; never an administrator), in the order and with the answers of
 * {@code inspection/WholeInspectionAsDemoUsersTest}, cut into stages so that many inspections can be
 * driven side by side: every inspection does stage k, then the engine clock moves to stage k+1's time.
 * The job executor runs in the background, so a task that follows a job (an asynchronous continuation,
 * a timer) is waited for rather than expected at once.
 */
final class InspectionDriver {

  static final List<String> AGENCIES = List.of("la", "police", "health", "probation", "education");
  /** The domestic abuse theme's case-audit agencies (domestic-abuse.yaml, guidance 6.1). */
  static final List<String> CASE_AUDIT_AGENCIES = List.of("la", "police", "health", "probation");
  static final String NOTIFIED_AT = "2027-05-24T09:10:00+01:00";

  /** One stage: the engine clock is moved to {@code clock} (if any), then {@code steps} run for every inspection. */
  record Stage(String name, String clock, Steps steps) {}

  @FunctionalInterface
  interface Steps {
    void run(InspectionDriver driver, String reference, int series) throws Exception;
  }

  private static final Duration TASK_WAIT = Duration.ofMinutes(5);

  private final ProcessEngine engine;
  private final TaskService tasks;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, List<String>> groups = new ConcurrentHashMap<>();
  private final LongAdder completed = new LongAdder();
  private final LongAdder retries = new LongAdder();

  InspectionDriver(ProcessEngine engine) {
    this.engine = engine;
    this.tasks = engine.getTaskService();
  }

  long tasksCompleted() {
    return completed.sum();
  }

  long concurrentChangeRetries() {
    return retries.sum();
  }

  private IdentityService identity() {
    return engine.getIdentityService();
  }

  private List<String> groupsOf(String user) {
    return groups.computeIfAbsent(user, u -> identity().createGroupQuery().groupMember(u).list().stream().map(Group::getId).toList());
  }

  private List<Task> visibleTo(String user, String reference, String taskKey) {
    identity().setAuthentication(user, groupsOf(user));
    try {
      return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).list();
    } finally {
      identity().clearAuthentication();
    }
  }

  /** The open task with this key (for this child, if given) that the user can see, once it exists. */
  Task await(String user, String reference, String taskKey, Integer child) throws InterruptedException {
    long deadline = System.nanoTime() + TASK_WAIT.toNanos();
    long pause = 10;
    while (true) {
      List<Task> mine = visibleTo(user, reference, taskKey).stream()
          .filter(t -> child == null || child.equals(tasks.getVariable(t.getId(), "childNumber"))).toList();
      if (!mine.isEmpty()) {
        return mine.get(0);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(user + " never saw " + taskKey + (child == null ? "" : " for child " + child)
            + " of " + reference);
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 500);
    }
  }

  void work(String user, String reference, String taskKey, Map<String, Object> variables) throws InterruptedException {
    work(user, reference, taskKey, null, variables);
  }

  /** As {@code user}: waits for the task, completes it; a clash with a job on the same instance is tried again (counted). */
  void work(String user, String reference, String taskKey, Integer child, Map<String, Object> variables)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      Task task = await(user, reference, taskKey, child);
      identity().setAuthentication(user, groupsOf(user));
      try {
        tasks.complete(task.getId(), variables);
        completed.increment();
        return;
      } catch (ProcessEngineException clash) {
        if (attempt == 10 || !concurrentChange(clash)) {
          throw clash;
        }
        retries.increment();
      } finally {
        identity().clearAuthentication();
      }
    }
  }

  /**
   * A job changed the same process instance while the task was being completed: caught by optimistic
   * locking, or (ENGINE-03077) the task's parent execution was removed by the job's commit before this
   * command read it, or PostgreSQL broke a deadlock between the two (SQLSTATE 40P01), or the job's commit
   * started a called process under an execution this completion then deleted (a foreign-key violation,
   * 23503, on ACT_RU_EXECUTION: Camunda reports it as a persistence error, not as optimistic locking).
   * Nothing of the completion was kept; as a Tasklist user would, the driver tries again.
   */
  private static boolean concurrentChange(ProcessEngineException e) {
    if (e instanceof OptimisticLockingException || String.valueOf(e.getMessage()).contains("ENGINE-03077")) {
      return true;
    }
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.sql.SQLException sql) {
        for (java.sql.SQLException next = sql; next != null; next = next.getNextException()) {
          if ("40P01".equals(next.getSQLState()) || "23503".equals(next.getSQLState())
              && String.valueOf(next.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("act_ru_execution")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** A variable of the task's form as Tasklist loads it (a view, for what a task shows of children). */
  private Object variableOf(String user, String reference, String taskKey, String variable) throws InterruptedException {
    return engine.getFormService().getTaskFormVariables(await(user, reference, taskKey, null).getId()).get(variable);
  }

  private static Object jsonValue(String text) {
    return SpinValues.jsonValue(text).create();
  }

  private static String senior(String agency) {
    return agency.equals("la") ? "dcs" : agency + ".senior";
  }

  void start(String reference) {
    identity().setAuthentication("bu", groupsOf("bu"));
    try {
      Map<String, Object> notification = new HashMap<>(Map.of("reference", reference, "theme", "domestic-abuse",
          "notifiedAt", NOTIFIED_AT));
      engine.getFormService().submitStartForm(engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey("jtai-inspection").latestVersion().singleResult().getId(), notification);
    } finally {
      identity().clearAuthentication();
    }
  }

  /** The whole inspection, stage by stage, at the times of WholeInspectionAsDemoUsersTest. */
  static List<Stage> stages() {
    return List.of(
        new Stage("notification", NOTIFIED_AT, (d, reference, series) -> d.start(reference)),
        new Stage("days 1 to 2: cascade and meetings", "2027-05-24T10:00:00+01:00", (d, reference, series) -> {
          d.work("bu", reference, "Task_NotifyPartners", Map.of("contactsCurrent", true));
          for (String agency : AGENCIES) {
            d.work(agency + ".lead", reference, "Task_ConfirmLeadContact", Map.of("confirmedContact", "lead",
                "contactName", agency + " lead", "briefed", true));
            d.work(agency + ".deputy", reference, "Task_GiveFieldworkMeetings", Map.of("noMeetings", true, "sentToLeadInspector", true));
          }
          d.work("dcs", reference, "Task_ConfirmScrutineerNotified", Map.of("scrutineerNotified", true,
              "scrutineerNotifiedHow", "telephone", "scrutineerNotifiedAt", "2027-05-24T09:40:00+01:00"));
          d.work("laim", reference, "Task_RecordSetUpDiscussion", Map.of("setUpDiscussionAt", "2027-05-24T09:50:00+01:00",
              "statutoryPartnersAttended", true, "annexARequestReceived", true, "concernsArrangementsAgreed", true));
        }),
        new Stage("day 2: Annex A", "2027-05-25T15:00:00+01:00", (d, reference, series) -> {
          String rows = d.variableOf("la.lead", reference, "Task_SubmitAnnexA", "annexALists").toString()
              .replace("\"uploaded\":false", "\"uploaded\":true").replace("\"portalReference\":\"\"", "\"portalReference\":\"Portal\"");
          d.work("la.lead", reference, "Task_SubmitAnnexA", Map.of("annexALists", jsonValue(rows)));
        }),
        new Stage("days 3 to 4: first selection and returns", "2027-05-26T10:00:00+01:00", (d, reference, series) -> {
          d.work("laim", reference, "Task_RecordFirstSelection", Map.of("firstSelectionEntry",
              ChildData.lines(ChildData.references(series, 20))));
          for (String agency : CASE_AUDIT_AGENCIES) {
            ArrayNode answers = (ArrayNode) d.json.readTree(d.variableOf(agency + ".lead", reference,
                "Task_ReturnKnownToAgency", "knownToAgencyAnswers").toString());
            answers.forEach(row -> ((ObjectNode) row).put("answer", "no"));
            d.work(agency + ".lead", reference, "Task_ReturnKnownToAgency", Map.of("knownToAgencyAnswers", jsonValue(answers.toString())));
          }
          d.work("laim", reference, "Task_ForwardReturns", Map.of("returnsSentToInspectors", true,
              "returnsSentAt", "2027-05-26T10:00:00+01:00"));
        }),
        new Stage("days 5 to 6: audit selection, case audits, pack", "2027-05-28T10:30:00+01:00", (d, reference, series) -> {
          d.work("laim", reference, "Task_RecordAuditSelection", Map.of("auditSelectionEntry",
              ChildData.lines(ChildData.references(series, 20).subList(2, 8))));
          d.work("bu", reference, "Task_SendAuditTool", Map.of("auditToolAvailable", true));
          for (String agency : CASE_AUDIT_AGENCIES) {
            for (int child = 1; child <= 6; child++) {
              d.work(agency + ".lead", reference, "Task_CompleteAuditTool", child, Map.of("auditToolCompleted", true,
                  "chronologyCompleted", true, "returnLocation", "Audit/" + agency + "/" + child));
              d.work(senior(agency), reference, "Task_SignOffAudit", child, Map.of("auditDecision", "approve"));
            }
          }
          d.work("bu", reference, "Task_CompileAuditPack", Map.of("auditPackSent", true, "auditPackLocation", "Pack"));
          d.work("bu", reference, "Task_AppointAuditRoles", Map.of("auditChair", "police.lead", "auditAuthor", "bu"));
          for (String agency : AGENCIES) {
            d.work(senior(agency), reference, "Task_ApproveEvidence", Map.of("evidenceApproved", true));
            ArrayNode records = (ArrayNode) d.json.readTree(d.variableOf(agency + ".lead", reference,
                "Task_ConfirmEvidence", "caseRecordRows").toString());
            records.forEach(row -> ((ObjectNode) row).put("shared", true));
            d.work(agency + ".lead", reference, "Task_ConfirmEvidence", Map.of("evidenceProvided", true,
                "caseRecordRows", jsonValue(records.toString())));
          }
        }),
        new Stage("day 7: Audit Day", "2027-06-02T15:00:00+01:00", (d, reference, series) ->
            d.work("police.lead", reference, "Task_RecordAuditDay", Map.of("auditDayHeld", true,
                "attendedAgencies", jsonValue("[\"la\",\"police\",\"health\",\"probation\",\"education\"]")))),
        new Stage("day 8: the audit report", "2027-06-03T14:00:00+01:00", (d, reference, series) -> {
          d.work("bu", reference, "Task_UploadReportDraft", Map.of("newReportVersion", 1, "newReportLocation", "Report v1"));
          d.work("probation.lead", reference, "Task_CommentOnDraft", Map.of("draftComment", "Please mention the MAPPA referral."));
          for (String partner : List.of("la", "police", "health")) {
            d.work(partner + ".deputy", reference, "Task_ApproveAuditReport", Map.of("reportDecision", "approve", "qualityAssured", true));
          }
        }),
        new Stage("days 9 to 10: submission, programme, an issue of concern", "2027-06-04T10:00:00+01:00", (d, reference, series) -> {
          d.work("laim", reference, "Task_SubmitAuditReport", Map.of("reportSubmitted", true,
              "reportSubmittedAt", "2027-06-04T09:55:00+01:00"));
          d.work("laim", reference, "Task_RecordOnSiteProgramme", Map.of("programmeAgreedAt", "2027-06-04T09:00:00+01:00",
              "programmeLocation", "Timetable"));
          for (String agency : AGENCIES) {
            d.work(agency + ".deputy", reference, "Task_ConfirmChildrenAndFamilies", Map.of("arrangementsConfirmed", true,
                "arrangementsContact", agency + " family liaison"));
          }
          d.work("laim", reference, "Task_RecordIssueOfConcern", Map.of("concernAgency", "police", "concernSummary", "A concern"));
          d.work("police.senior", reference, "Task_RespondToConcern", Map.of("agencyResponse", "Resolved"));
          d.work("laim", reference, "Task_RecordConcernResponse", Map.of("responseRecordedOnTemplate", true,
              "responseGivenAt", "2027-06-04T09:30:00+01:00"));
          d.work("bu", reference, "Task_UpdateContextPresentation", Map.of("presentationUpdated", true, "presentationLocation", "Context"));
        }),
        new Stage("fieldwork", "2027-06-08T12:00:00+01:00", (d, reference, series) -> {
          d.work("laim", reference, "Task_RecordLeadersMeeting", Map.of("leadersMeetingAt", "2027-06-08T09:30:00+01:00"));
          d.work("laim", reference, "Task_RecordPlanningThemes", Map.of("planningDay", "2027-06-08", "planningThemes", "Joint working"));
          d.work("laim", reference, "Task_ArrangeKitMeetings", Map.of("kitDecision", "arrange",
              "kitDays", jsonValue("[\"2027-06-10\"]"), "kitAgencies", jsonValue("[\"health\"]")));
          d.work("health.lead", reference, "Task_NameKitLeader", Map.of("kitLeaderName", "Designated Nurse", "kitLeaderRole", "Safeguarding"));
          d.work("laim", reference, "Task_RecordPlanningThemes", Map.of("planningFinished", true));
        }),
        new Stage("findings", "2027-06-14T17:30:00+01:00", (d, reference, series) ->
            d.work("laim", reference, "Task_RecordFindings", Map.of("findingsFedBackAt", "2027-06-14T16:00:00+01:00"))),
        new Stage("draft report and factual accuracy", "2027-07-02T11:00:00+01:00", (d, reference, series) -> {
          d.work("dcs", reference, "Task_RecordDraftReport", Map.of("draftArrivedAt", "2027-07-02T10:00:00+01:00",
              "draftReportLocation", "Draft"));
          for (String agency : AGENCIES) {
            d.work(agency + ".lead", reference, "Task_SendFactualAccuracy", Map.of("noFactualComments", true));
          }
          d.work("dcs", reference, "Task_ReturnFactualAccuracy", Map.of("factualAccuracyReturned", true,
              "factualAccuracyReturnedAt", "2027-07-02T10:30:00+01:00"));
        }),
        new Stage("final report", "2027-07-26T11:00:00+01:00", (d, reference, series) ->
            d.work("dcs", reference, "Task_RecordFinalReport", Map.of("finalArrivedAt", "2027-07-26T10:00:00+01:00",
                "finalReportLocation", "Final", "publicationDate", "2027-07-30"))),
        new Stage("publication, action plan, debrief", "2027-07-30T10:00:00+01:00", (d, reference, series) -> {
          d.work("bu", reference, "Task_RecordPublication", Map.of("publishedAt", "2027-07-30T09:00:00+01:00",
              "reportUrl", "https://reports.ofsted.gov.uk/york", "priorityAction", false));
          for (String agency : AGENCIES) {
            d.work(agency + ".lead", reference, "Task_ContributeActions", Map.of("actionsLocation", "Plan/" + agency, "actionCount", 2));
            d.work(senior(agency), reference, "Task_SignOffActions", Map.of("actionsDecision", "approve"));
          }
          d.work("bu", reference, "Task_SubmitActionPlan", Map.of("actionPlanSubmitted", true, "actionPlanSubmittedAt",
              "2027-07-30T09:30:00+01:00", "actionPlanLocation", "Plan", "reportedToGovernance", true));
          d.work("bu", reference, "Task_HoldLessonsLearned", Map.of("debriefHeldAt", "2027-07-30T09:45:00+01:00",
              "lessonsLocation", "Lessons"));
        }));
  }

  static long epochMillis(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset).toInstant().toEpochMilli();
  }
}
