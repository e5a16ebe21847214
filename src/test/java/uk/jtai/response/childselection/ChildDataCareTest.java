package uk.jtai.response.childselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import uk.jtai.response.notify.OutboxSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import uk.jtai.response.purge.InspectionPurge;
import uk.jtai.response.purge.PurgeSweeper;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.Multipart;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TasklistSession;
import uk.jtai.response.support.TestUsers;

/**
 * Child references never reach an e-mail, a log line or a process instance's name, and the purge, run by
 * the sweeper once an inspection closes, removes them from every table: runtime, history, byte arrays,
 * Tasklist comments and attachments, the operation log, the product's tables and the outbox.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChildDataCareTest extends ProcessTestSupport {

  @Autowired InspectionPurge purge;
  @Autowired DataSource dataSource;
  @Autowired ScheduledTaskHolder scheduledTasks;
  @Autowired TaskScheduler scheduler;
  @LocalServerPort int port;
  private final ObjectMapper json = new ObjectMapper();

  /** The whole stage, on time for most and late for one agency, as LAIM, the agencies and the Business Unit. */
  private String runTheStage(List<String> twenty) throws Exception {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    moveClockTo("2027-05-25T12:00:00+01:00");
    submitAnnexA(reference);
    moveClockTo("2027-05-26T10:00:00+01:00");
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", ChildData.lines(twenty)));
    for (String agency : List.of("la", "police", "health")) {
      Task task = agencyTask(reference, "Task_ReturnKnownToAgency", agency);
      JsonNode rows = json.readTree(forms.getTaskFormVariables(task.getId()).get("knownToAgencyAnswers").toString());
      rows.forEach(row -> ((ObjectNode) row).put("answer", "yes"));
      complete(task, Map.of("knownToAgencyAnswers", SpinValues.jsonValue(rows.toString()).create()));
    }
    moveClockTo("2027-05-26T12:00:01+01:00");
    fireDueTimers(reference);
    complete(task(reference, "Task_ForwardReturns"), Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-26T12:00:00+01:00"));
    complete(task(reference, "Task_RecordAuditSelection"), Map.of("auditSelectionEntry", ChildData.lines(twenty.subList(3, 9))));
    complete(task(reference, "Task_SendAuditTool"), Map.of("auditToolAvailable", true));
    return reference;
  }

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(uk.jtai.response.support.TestSmtp.setup());

  @Autowired OutboxSender sender;

  @Test
  void noChildReferenceIsInAnyEmailOrLogLineOfTheStage(CapturedOutput log) throws Exception {
    List<String> twenty = ChildData.references(21, 20);
    String reference = runTheStage(twenty);
    while (sender.sendDue() > 0) {
      // every e-mail of the stage goes out through the real SMTP server, logging as it does
    }
    assertThat(smtp.getReceivedMessages()).isNotEmpty();
    for (MimeMessage received : smtp.getReceivedMessages()) {
      String text = received.getSubject() + "\n" + received.getContent();
      assertThat(twenty).noneMatch(text::contains);
    }

    List<Map<String, Object>> mails = outbox(reference);
    assertThat(mails).extracting(row -> row.get("template"))
        .contains("agency-task", "task-overdue", "audit-tool-available");
    for (Map<String, Object> mail : mails) {
      assertThat(twenty).noneMatch(child -> ((String) mail.get("subject")).contains(child) || ((String) mail.get("body")).contains(child));
    }
    assertThat(log.getAll()).isNotEmpty();
    assertThat(twenty).noneMatch(child -> log.getAll().contains(child));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list())
        .allSatisfy(instance -> assertThat(instance.getBusinessKey()).isEqualTo(reference));
  }

  /**
   * As in production: an inspection run to its close, with a partner and a coordinator writing about
   * children in Tasklist comments and attachments along the way (over REST, and through Tasklist's own
   * session), is purged by the sweeper's scheduled run; then no table, history, byte array, operation log
   * or log line holds any of its children.
   */
  @Test
  void theSweeperPurgesAClosedInspectionOfEveryChildReferenceInCommentsAttachmentsAndHistory(CapturedOutput log) throws Exception {
    TestUsers.ensure(engine.getIdentityService(), "care-police", "police");
    TestUsers.ensure(engine.getIdentityService(), "care-laim", "laim");
    TestUsers.ensure(engine.getIdentityService(), "care-chair", "police");
    TestUsers.ensure(engine.getIdentityService(), "care-author", "business-unit");
    List<String> twenty = ChildData.references(23, 20);
    String reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    finishNotificationCascadeAndMeetings(reference);
    submitAnnexA(reference);
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", ChildData.lines(twenty)));

    // The police lead, over the REST API, on its own sheet: claims it, comments on a child, corrects the
    // comment (the operation log keeps the old message), attaches a note named after another child.
    Http police = Http.as(port, "care-police", TestUsers.PASSWORD);
    String sheet = agencyTask(reference, "Task_ReturnKnownToAgency", "police").getId();
    assertThat(police.post("/engine-rest/task/" + sheet + "/claim", "{\"userId\":\"care-police\"}").statusCode()).isEqualTo(204);
    JsonNode comment = created(police.post("/engine-rest/task/" + sheet + "/comment/create",
        "{\"message\":\"Child " + twenty.get(0) + " is open to the MASH\"}"));
    HttpResponse<String> corrected = police.put("/engine-rest/task/" + sheet + "/comment",
        "{\"id\":\"" + comment.get("id").asText() + "\",\"message\":\"Child " + twenty.get(1) + " is open to the MASH\"}");
    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(204);
    created(police.post("/engine-rest/task/" + sheet + "/attachment/create", new Multipart()
        .text("attachment-name", "Strategy note " + twenty.get(2))
        .text("attachment-description", "About " + twenty.get(3))
        .text("attachment-type", "text/plain")
        .file("content", "note.txt", "text/plain", ("Strategy discussion about " + twenty.get(4)).getBytes(StandardCharsets.UTF_8))));
    for (Task answer : openTasks(reference, "Task_ReturnKnownToAgency")) {
      JsonNode rows = json.readTree(forms.getTaskFormVariables(answer.getId()).get("knownToAgencyAnswers").toString());
      rows.forEach(row -> ((ObjectNode) row).put("answer", "yes"));
      complete(answer, Map.of("knownToAgencyAnswers", SpinValues.jsonValue(rows.toString()).create()));
    }
    fireDueTimers(reference); // the last return's asynchronous step opens LAIM's forwarding

    // LAIM in Tasklist (its session and XSRF token): claims the forwarding, comments, attaches the sheet.
    TasklistSession laim = TasklistSession.signIn(port, "care-laim", TestUsers.PASSWORD);
    Task forward = task(reference, "Task_ForwardReturns");
    HttpResponse<String> claimed = laim.post("/task/" + forward.getId() + "/claim", "{\"userId\":\"care-laim\"}");
    assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(204);
    created(laim.post("/task/" + forward.getId() + "/comment/create", "{\"message\":\"Police answer for " + twenty.get(5)
        + " to be checked\",\"processInstanceId\":\"" + forward.getProcessInstanceId() + "\"}"));
    created(laim.post("/task/" + forward.getId() + "/attachment/create", new Multipart()
        .text("attachment-name", "Returns " + twenty.get(6) + ".csv")
        .text("attachment-type", "text/csv")
        .file("content", "returns.csv", "text/csv", ("child,police\n" + twenty.get(7) + ",yes\n").getBytes(StandardCharsets.UTF_8))));
    // A comment on the process itself, corrected by the administrator through REST.
    String selection = forward.getProcessInstanceId();
    Comment onProcess = tasks.createComment(null, selection, "Selection query about " + twenty.get(8));
    HttpResponse<String> fixed = Http.as(port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).put("/engine-rest/process-instance/" + selection
        + "/comment", "{\"id\":\"" + onProcess.getId() + "\",\"message\":\"Selection query about " + twenty.get(9) + "\"}");
    assertThat(fixed.statusCode()).as(fixed.body()).isEqualTo(204);
    // And an annotation on the operation log, which Cockpit lets an administrator write.
    String laimClaimed = history.createUserOperationLogQuery().taskId(forward.getId()).userId("care-laim").operationType("Claim")
        .singleResult().getOperationId();
    HttpResponse<String> annotated = Http.as(port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).put("/engine-rest/history/user-operation/"
        + laimClaimed + "/set-annotation", "{\"annotation\":\"Claimed to check " + twenty.get(10) + "\"}");
    assertThat(annotated.statusCode()).as(annotated.body()).isEqualTo(204);

    complete(forward, Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-24T09:10:00+01:00"));
    complete(task(reference, "Task_RecordAuditSelection"), Map.of("auditSelectionEntry", ChildData.lines(twenty.subList(3, 9))));
    complete(task(reference, "Task_SendAuditTool"), Map.of("auditToolAvailable", true));
    runWeek2(reference, "care-chair", "care-author");
    runFieldwork(reference);
    closeAfterFieldwork(reference);
    assertThat(purge.closedAndNotPurged()).as("the inspection has closed").contains(reference);
    assertThat(ChildData.whereFound(dataSource, twenty)).extracting(where -> where.replace("\"", "").toUpperCase())
        .as("comments, attachments, their bytes and the operation log hold children before the purge")
        .contains("PUBLIC.ACT_HI_COMMENT.FULL_MSG_", "PUBLIC.ACT_HI_ATTACHMENT.NAME_", "PUBLIC.ACT_HI_ATTACHMENT.DESCRIPTION_",
            "PUBLIC.ACT_GE_BYTEARRAY.BYTES_", "PUBLIC.ACT_HI_OP_LOG.ORG_VALUE_", "PUBLIC.ACT_HI_OP_LOG.NEW_VALUE_",
            "PUBLIC.ACT_HI_OP_LOG.ANNOTATION_");

    sweepAsScheduledUntilPurged(reference);

    assertThat(ChildData.whereFound(dataSource, twenty)).as("no table or column holds a child of the inspection").isEmpty();
    assertThat(log.getAll()).contains("Child-level data of inspection " + reference + " purged (inspection closed)");
    assertThat(twenty).noneMatch(child -> log.getAll().contains(child));
    String selectionProcess = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("child-selection").singleResult().getId();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(selectionProcess).taskDefinitionKey("Task_ReturnKnownToAgency")
        .taskAssignee("care-police").count()).as("the audit trail of who did what stays").isEqualTo(1);
    assertThat(history.createUserOperationLogQuery().processInstanceId(selectionProcess).userId("care-laim")
        .operationType("Claim").count()).as("and so does the operation log of who claimed what").isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from jtai_milestone where reference = ?", Integer.class, reference))
        .as("and the schedule").isPositive();

    purge.purge(reference, "again");
    assertThat(ChildData.whereFound(dataSource, twenty)).as("purging twice is harmless").isEmpty();
  }

  /** Weeks 4 to 10 on time after {@link #runFieldwork}: the report, factual accuracy, publication, the action plan, the debrief. */
  private void closeAfterFieldwork(String reference) {
    moveClockTo("2027-07-02T11:00:00+01:00");
    complete(task(reference, "Task_RecordDraftReport"), Map.of("draftArrivedAt", "2027-07-02T10:00:00+01:00", "draftReportLocation", "Draft"));
    completeAll(reference, "Task_SendFactualAccuracy", Map.of("noFactualComments", true));
    complete(task(reference, "Task_ReturnFactualAccuracy"), Map.of("factualAccuracyReturned", true,
        "factualAccuracyReturnedAt", "2027-07-02T10:30:00+01:00"));
    moveClockTo("2027-07-26T11:00:00+01:00");
    complete(task(reference, "Task_RecordFinalReport"), Map.of("finalArrivedAt", "2027-07-26T10:00:00+01:00",
        "finalReportLocation", "Final", "publicationDate", "2027-07-30"));
    moveClockTo("2027-07-30T10:00:00+01:00");
    complete(task(reference, "Task_RecordPublication"), Map.of("publishedAt", "2027-07-30T09:00:00+01:00",
        "reportUrl", "https://reports.ofsted.gov.uk/york", "priorityAction", false));
    completeAll(reference, "Task_ContributeActions", Map.of("actionsLocation", "Plan", "actionCount", 2));
    completeAll(reference, "Task_SignOffActions", Map.of("actionsDecision", "approve"));
    complete(task(reference, "Task_SubmitActionPlan"), Map.of("actionPlanSubmitted", true, "actionPlanSubmittedAt",
        "2027-07-30T09:30:00+01:00", "actionPlanLocation", "Plan", "reportedToGovernance", true));
    complete(task(reference, "Task_HoldLessonsLearned"), Map.of("debriefHeldAt", "2027-07-30T09:45:00+01:00", "lessonsLocation", "Lessons"));
  }

  /**
   * Runs the sweeper's own scheduled task (the bean's {@code @Scheduled} method as registered, on the
   * application's scheduler thread, with no user signed in) every 200 ms until the inspection is purged.
   * The test profile registers it with an interval no test reaches, so it never sweeps under other tests.
   */
  private void sweepAsScheduledUntilPurged(String reference) {
    // The task as Spring registered it, wrapped as the scheduler runs it; it names the method it runs.
    ScheduledTask sweeper = scheduledTasks.getScheduledTasks().stream()
        .filter(task -> task.toString().equals(PurgeSweeper.class.getName() + ".sweep"))
        .findFirst().orElseThrow(() -> new AssertionError("the purge sweeper is not scheduled: " + scheduledTasks.getScheduledTasks()));
    assertThat(sweeper.getTask()).isInstanceOf(FixedDelayTask.class);
    ReentrantLock running = new ReentrantLock();
    Runnable sweep = () -> {
      running.lock();
      try {
        sweeper.getTask().getRunnable().run();
      } finally {
        running.unlock();
      }
    };
    ScheduledFuture<?> soon = scheduler.scheduleWithFixedDelay(sweep, Duration.ofMillis(200));
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
          "select purged_at from jtai_inspection where reference = ?", java.sql.Timestamp.class, reference) != null);
    } finally {
      soon.cancel(false);
      running.lock(); // a sweep under way ends before the test goes on
      running.unlock();
    }
  }


  private JsonNode created(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }
}
