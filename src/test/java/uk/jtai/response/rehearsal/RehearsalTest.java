package uk.jtai.response.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.notify.OutboxSender;
import uk.jtai.response.process.Rehearsals;
import uk.jtai.response.support.BetweenInspectionsTestSupport;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.Multipart;
import uk.jtai.response.support.TestSmtp;
import uk.jtai.response.support.TestUsers;
import uk.jtai.response.tasks.SubmissionRejectedException;

/**
 * bpmn/rehearsal.bpmn and rehearsals of jtai-inspection: the same processes, unmistakably marked, and
 * cancelled at any point with their data deleted.
 */
class RehearsalTest extends BetweenInspectionsTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(TestSmtp.setup());

  @Autowired OutboxSender sender;
  @Autowired DataSource dataSource;
  @LocalServerPort int port;

  private Http businessUnit;

  @BeforeEach
  void users() {
    TestUsers.ensure(engine.getIdentityService(), "rehearsal-bu", "business-unit");
    businessUnit = Http.as(port, "rehearsal-bu", TestUsers.PASSWORD);
    jdbc.update("update jtai_readiness set closed_at = ? where closed_at is null", EngineTime.now().atOffset(ZoneOffset.UTC));
  }

  private JsonNode startRehearsal(String body) throws Exception {
    HttpResponse<String> response = businessUnit.post("/api/rehearsals", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body());
  }

  private void notifyPartnersAndConfirm(String reference, List<String> late) {
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    for (Task confirm : openTasks(reference, "Task_ConfirmLeadContact")) {
      if (late.stream().noneMatch(agency -> uk.jtai.response.tasks.TaskNaming.step(confirm.getName()).endsWith("(" + agency + ")"))) {
        complete(confirm, Map.of("confirmedContact", "lead", "contactName", "Lead", "briefed", true));
      }
    }
  }

  @Test
  void aRehearsalRunsTheSameProcessesAndEveryTaskAndEmailSaysItIsARehearsal() throws Exception {
    moveClockTo("2027-06-01T10:00:00+01:00");
    Map<String, Object> readiness = new HashMap<>();
    readiness.put("theme", "serious-youth-violence");
    readiness.put("evidenceLocation", "Shared folder / SYV");
    readiness.put("readinessDue", "2027-06-30T17:00:00+01:00");
    startWithForm("theme-readiness", readiness);

    JsonNode started = startRehearsal("{}");
    String reference = started.get("reference").asText();
    assertThat(reference).startsWith("REHEARSAL-JTAI-2027-06-CYSCP-");
    assertThat(started.get("theme").asText()).as("the current theme: the one being readied").isEqualTo("serious-youth-violence");
    assertThat(started.get("notifiedAt").asText()).as("09:00 on the next working day").isEqualTo("2027-06-02T09:00:00+01:00");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).processDefinitionKey("jtai-inspection")
        .singleResult()).isNotNull();
    Task end = task(reference + "-CONTROL", "Task_EndRehearsal");
    assertThat(end.getName()).startsWith("[REHEARSAL] End the rehearsal and delete its data \u2013 " + reference);

    moveClockTo("2027-06-02T10:00:00+01:00");
    notifyPartnersAndConfirm(reference, List.of("Police"));
    complete(task(reference, "Task_ConfirmScrutineerNotified"), Map.of("scrutineerNotified", true,
        "scrutineerNotifiedHow", "e-mail", "scrutineerNotifiedAt", "2027-06-02T09:45:00+01:00"));
    complete(task(reference, "Task_RecordSetUpDiscussion"), Map.of("setUpDiscussionAt", "2027-06-02T09:30:00+01:00",
        "statutoryPartnersAttended", true, "annexARequestReceived", true, "concernsArrangementsAgreed", true));
    moveClockTo("2027-06-02T17:00:01+01:00");
    fireDueTimers(reference);
    complete(agencyTask(reference, "Task_ConfirmLeadContact", "police"), Map.of("confirmedContact", "deputy", "contactName", "Deputy", "contactEmail", "stand-in.deputy@agency.example", "briefed", true));
    moveClockTo("2027-06-03T11:00:00+01:00");
    submitAnnexA(reference);
    moveClockTo("2027-06-04T10:00:00+01:00");
    runChildSelection(reference, ChildData.references(81, 25), 5);
    for (Task meetings : openTasks(reference, "Task_GiveFieldworkMeetings")) {
      complete(meetings, Map.of("noMeetings", true, "sentToLeadInspector", true));
    }
    // Serious youth violence's own steps: the lists before the selection, the meeting on strategic arrangements.
    for (String list : List.of("Task_ShareFirstLists", "Task_ShareAgencyLists")) {
      for (Task share : openTasks(reference, list)) {
        complete(share, Map.of("listShared", true, "portalReference", "Portal/lists"));
      }
    }
    complete(task(reference, "Task_RecordStrategicMeeting"), Map.of("strategicMeetingAt", "2027-06-04T09:30:00+01:00",
        "partnersExplained", true));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKeyIn("notification-cascade", "annex-a", "child-selection", "fieldwork-meetings").unfinished().count())
        .as("week 1 ran to its end as in a real inspection").isZero();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).processDefinitionKey("case-audit").count())
        .as("and week 2 has begun").isPositive();

    List<HistoricProcessInstance> processes = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list();
    assertThat(processes).extracting(HistoricProcessInstance::getProcessDefinitionKey)
        .contains("jtai-inspection", "notification-cascade", "annex-a", "child-selection", "fieldwork-meetings");
    List<HistoricTaskInstance> taskHistory = history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(reference).list();
    assertThat(taskHistory).hasSizeGreaterThan(20)
        .allSatisfy(task -> assertThat(task.getName()).startsWith("[REHEARSAL] "))
        .allSatisfy(task -> assertThat(task.getDescription()).startsWith(Rehearsals.BANNER));

    List<Map<String, Object>> mails = outbox(reference);
    assertThat(mails).extracting(row -> row.get("template"))
        .contains("agency-notification", "agency-task", "task-overdue", "audit-tool-available");
    assertThat(mails).allSatisfy(mail -> {
      assertThat((String) mail.get("subject")).startsWith("[REHEARSAL] JTAI " + reference);
      assertThat((String) mail.get("body")).startsWith(Rehearsals.BANNER);
    });
    while (sender.sendDue() > 0) {
      // every e-mail goes out through the real SMTP server
    }
    List<MimeMessage> received = List.of(smtp.getReceivedMessages()).stream()
        .filter(message -> subject(message).contains(reference)).toList();
    assertThat(received).isNotEmpty().allSatisfy(message -> assertThat(subject(message)).startsWith("[REHEARSAL] "));
    assertThat(received.stream().map(RehearsalTest::subject).distinct().count())
        .isEqualTo(mails.stream().map(mail -> mail.get("subject")).distinct().count());
  }

  @Test
  void cancellingARehearsalDeletesItAndLeavesNoChildData() throws Exception {
    moveClockTo("2027-06-04T15:00:00+01:00");
    String reference = startRehearsal("{\"theme\":\"domestic-abuse\",\"notifiedAt\":\"2027-06-07T09:00:00+01:00\"}")
        .get("reference").asText();
    moveClockTo("2027-06-07T10:00:00+01:00");
    notifyPartnersAndConfirm(reference, List.of());
    moveClockTo("2027-06-08T12:00:00+01:00");
    submitAnnexA(reference);
    moveClockTo("2027-06-09T10:00:00+01:00");
    List<String> twenty = ChildData.references(82, 20);
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", ChildData.lines(twenty)));
    Task police = agencyTask(reference, "Task_ReturnKnownToAgency", "police");
    complete(police, Map.of("knownToAgencyAnswers", rowsChanged(police, "knownToAgencyAnswers", row -> row.put("answer", "yes"))));
    // The Business Unit notes a child on the rehearsal's own task, in Tasklist's comments and attachments.
    String end = task(reference + "-CONTROL", "Task_EndRehearsal").getId();
    HttpResponse<String> noted = businessUnit.post("/engine-rest/task/" + end + "/comment/create",
        "{\"message\":\"Rehearse again with " + twenty.get(0) + "\"}");
    assertThat(noted.statusCode()).as(noted.body()).isEqualTo(200);
    HttpResponse<String> renoted = businessUnit.put("/engine-rest/task/" + end + "/comment", "{\"id\":\""
        + json.readTree(noted.body()).get("id").asText() + "\",\"message\":\"Rehearse again with " + twenty.get(1) + "\"}");
    assertThat(renoted.statusCode()).as(renoted.body()).isEqualTo(204);
    HttpResponse<String> attached = businessUnit.post("/engine-rest/task/" + end + "/attachment/create", new Multipart()
        .text("attachment-name", "Debrief " + twenty.get(2)).text("attachment-type", "text/plain")
        .file("content", "debrief.txt", "text/plain", ("Went well for " + twenty.get(3)).getBytes(StandardCharsets.UTF_8)));
    assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
    assertThat(ChildData.whereFound(dataSource, twenty)).as("the rehearsal holds child data").isNotEmpty()
        .anyMatch(where -> where.contains("ACT_HI_COMMENT")).anyMatch(where -> where.contains("ACT_HI_ATTACHMENT"));
    assertThat(outbox(reference)).anyMatch(mail -> mail.get("status").equals("PENDING"));

    TestUsers.ensure(engine.getIdentityService(), "rehearsal-police", "police");
    assertThat(Http.as(port, "rehearsal-police", TestUsers.PASSWORD).delete("/api/rehearsals/" + reference).statusCode()).isEqualTo(403);
    HttpResponse<String> real = businessUnit.delete("/api/rehearsals/JTAI-2027-06-YORK");
    assertThat(real.statusCode()).isEqualTo(400);
    assertThat(real.body()).contains("is not a rehearsal");
    assertThat(businessUnit.delete("/api/rehearsals/REHEARSAL-JTAI-2027-06-NONE-9").statusCode()).isEqualTo(404);

    assertThat(businessUnit.delete("/api/rehearsals/" + reference).statusCode()).isEqualTo(204);

    assertThat(ChildData.whereFound(dataSource, twenty)).isEmpty();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference + "-CONTROL").count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference + "-CONTROL").singleResult()
        .getEndActivityId()).isEqualTo("Event_RehearsalEnded");
    assertThat(outbox(reference)).noneMatch(mail -> mail.get("status").equals("PENDING"))
        .anyMatch(mail -> mail.get("status").equals("CANCELLED"));
    assertThat(jdbc.queryForObject("select purged_at from jtai_inspection where reference = ?", java.sql.Timestamp.class, reference))
        .isNotNull();
  }

  @Test
  void theBusinessUnitEndsARehearsalFromItsTaskInTasklist() {
    moveClockTo("2027-06-04T15:00:00+01:00");
    String control = startWithForm("rehearsal", Map.of("theme", "front-door")).getBusinessKey();
    String reference = control.replace("-CONTROL", "");
    assertThat(reference).startsWith("REHEARSAL-JTAI-2027-06-CYSCP-");
    assertThat(jdbc.queryForObject("select notified_at from jtai_inspection where reference = ?", java.time.OffsetDateTime.class, reference)
        .toInstant()).as("09:00 on Monday, the next working day").isEqualTo(instant("2027-06-07T09:00:00+01:00"));
    assertThat(agencyTask(reference, "Task_GiveFieldworkMeetings", "education")).as("the front door theme's agencies").isNotNull();
    assertThat(agencyTask(reference, "Task_GiveFieldworkMeetings", "probation")).isNull();

    Task end = task(control, "Task_EndRehearsal");
    assertThat(end.getDueDate().toInstant()).as("the rehearsal's last deadline: the final report expected, day 46")
        .isEqualTo(instant("2027-08-09T17:00:00+01:00"));
    assertThatThrownBy(() -> tasks.complete(end.getId(), Map.of()))
        .hasMessageContaining("endRehearsal: tick to end the rehearsal");
    complete(end, Map.of("endRehearsal", true));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(control).count()).isZero();
  }

  @Test
  void onlyTheBusinessUnitRehearsesAndARehearsalIsNeverTakenForARealInspection() {
    moveClockTo("2027-06-04T15:00:00+01:00");
    TestUsers.ensure(engine.getIdentityService(), "rehearsal-police", "police");
    assertThat(Http.as(port, "rehearsal-police", TestUsers.PASSWORD).post("/api/rehearsals", "{}").statusCode()).isEqualTo(403);

    HttpResponse<String> noTheme = businessUnit.post("/api/rehearsals", "{}");
    assertThat(noTheme.statusCode()).isEqualTo(400);
    assertThat(noTheme.body()).contains("no theme readiness is running, so there is no current theme");

    HttpResponse<String> disguised = businessUnit.post("/api/inspections",
        "{\"reference\":\"REHEARSAL-JTAI-2027-06-YORK\",\"theme\":\"domestic-abuse\",\"notifiedAt\":\"2027-06-07T09:00:00+01:00\"}");
    assertThat(disguised.statusCode()).as("a real inspection's reference cannot take the prefix").isEqualTo(400);

    engine.getIdentityService().setAuthentication("a-dcs", List.of("dcs"));
    Map<String, Object> values = new HashMap<>();
    values.put("reference", "JTAI-2027-06-YORK");
    values.put("theme", "domestic-abuse");
    values.put("notifiedAt", "2027-06-07T09:00:00+01:00");
    values.put("rehearsal", true);
    assertThatThrownBy(() -> runtime.startProcessInstanceByKey("jtai-inspection", values))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("rehearsal: is not a field of form 'start-inspection'");
    engine.getIdentityService().clearAuthentication();
    assertThat(jdbc.queryForObject("select count(*) from jtai_inspection where reference like '%JTAI-2027-06-YORK'", Integer.class)).isZero();
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
