package uk.jtai.response.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.tasks.SubmissionRejectedException;

/** bpmn/jtai-inspection.bpmn: recording the notification and days 1 to 2 in one piece. */
class JtaiInspectionProcessTest extends ProcessTestSupport {

  @org.springframework.beans.factory.annotation.Autowired uk.jtai.response.partnership.ThemeRegistry themes;

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @Test
  void recordingTheNotificationStoresTheScheduleAndStartsTheWeek1Stages() {
    String reference = newReference();
    ProcessInstance inspection = startInspection(reference, "domestic-abuse", NOTIFIED);

    assertThat(inspection).isStarted().hasBusinessKey(reference).isWaitingAt(
        "Activity_NotificationCascade", "Activity_AnnexA", "Activity_ChildSelection", "Activity_FieldworkMeetings");
    assertThat(task(reference, "Task_RecordFirstSelection")).as("alongside Annex A, from day 1").isNotNull();
    assertThat(runtime.getVariable(inspection.getId(), "themeName")).isEqualTo("Children who are victims of domestic abuse");
    assertThat(runtime.getVariable(inspection.getId(), "notifiedAt")).isEqualTo(NOTIFIED);
    assertThat(jdbc.queryForObject("select count(*) from jtai_milestone where reference = ?", Integer.class, reference))
        .as("the theme's milestones; relative ones are added as their step starts")
        .isEqualTo(themes.theme("domestic-abuse").milestones().size());
    assertThat(jdbc.queryForObject("select process_instance_id from jtai_inspection where reference = ?", String.class, reference))
        .isEqualTo(inspection.getId());
    for (String stage : List.of("notification-cascade", "annex-a", "child-selection", "fieldwork-meetings", "documentary-evidence")) {
      assertThat(calledProcess(reference, stage)).as(stage).isNotNull();
    }
  }

  @Test
  void aBadNotificationIsRefusedWithEveryReasonAndStoresNothing() {
    String reference = newReference();
    assertThatThrownBy(() -> startInspection(reference, "knife-crime", "2027-05-31T09:00:00+01:00"))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("theme: unknown theme 'knife-crime'; known themes: child-sexual-abuse, criminal-exploitation, domestic-abuse, front-door, neglect, serious-youth-violence")
        .hasMessageContaining("notifiedAt: 2027-05-31 is not a working day (Spring bank holiday (bank holiday))");
    assertThat(jdbc.queryForObject("select count(*) from jtai_inspection where reference = ?", Integer.class, reference)).isZero();
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).count()).isZero();
  }

  @Test
  void aCallAfterTheFirstDayOneDeadlineIsAcceptedAndThatDeadlineRunsFromTheCall() {
    // The lead inspector rang at 12:05; partners are to be told by 12:00 on day 1, three working hours
    // from the start of the day: the Business Unit has until 15:05, and day 1 is still the day of the call.
    String reference = newReference();
    ProcessInstance inspection = startInspection(reference, "domestic-abuse", "2027-05-24T12:05:00+01:00");

    assertThat(inspection).isStarted().isWaitingAt("Activity_NotificationCascade", "Activity_AnnexA", "Activity_FieldworkMeetings");
    assertThat(task(reference, "Task_NotifyPartners").getDueDate().toInstant())
        .isEqualTo(instant("2027-05-24T15:05:00+01:00"));
    assertThat(jdbc.queryForObject("select due from jtai_milestone where reference = ? and name = 'PARTNERS_NOTIFIED_DUE'",
        java.sql.Timestamp.class, reference).toInstant()).isEqualTo(instant("2027-05-24T15:05:00+01:00"));
    assertThat(task(reference, "Task_SubmitAnnexA").getDueDate().toInstant())
        .as("the later deadlines keep the theme's times").isEqualTo(instant("2027-05-25T17:00:00+01:00"));
    moveClockTo("2027-05-24T12:30:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    assertThat(outbox(reference, "task-overdue")).as("told in time after a late call: no miss").isEmpty();
  }

  @Test
  void aReferenceCannotBeUsedTwice() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    assertThatThrownBy(() -> startInspection(reference, "serious-youth-violence", NOTIFIED))
        .hasMessageContaining("reference: an inspection with reference " + reference + " already exists");
  }

  @Test
  void week2BeginsOnceTheChildrenAreSelectedForAudit() {
    String reference = newReference();
    ProcessInstance inspection = startInspection(reference, "serious-youth-violence", NOTIFIED);

    moveClockTo("2027-05-24T11:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    for (Task confirm : openTasks(reference, "Task_ConfirmLeadContact")) {
      complete(confirm, Map.of("confirmedContact", "lead", "contactName", "Lead", "briefed", true));
    }
    complete(task(reference, "Task_ConfirmScrutineerNotified"), Map.of("scrutineerNotified", true,
        "scrutineerNotifiedHow", "e-mail", "scrutineerNotifiedAt", "2027-05-24T09:45:00+01:00"));
    complete(task(reference, "Task_RecordSetUpDiscussion"), Map.of("setUpDiscussionAt", "2027-05-24T10:30:00+01:00",
        "statutoryPartnersAttended", true, "annexARequestReceived", true, "concernsArrangementsAgreed", true));
    Task annexA = task(reference, "Task_SubmitAnnexA");
    complete(annexA, Map.of("annexALists", SpinValues.jsonValue("["
        + "{\"id\":\"referrals\",\"uploaded\":true,\"portalReference\":\"Portal/1\"},"
        + "{\"id\":\"section-47\",\"uploaded\":true,\"portalReference\":\"Portal/2\"},"
        + "{\"id\":\"not-in-education\",\"uploaded\":true,\"portalReference\":\"Portal/3\"},"
        + "{\"id\":\"multi-agency-audits\",\"uploaded\":true,\"portalReference\":\"Portal/4\"}]").create()));
    // Serious youth violence's lists beyond Annex A: the local authority's first lists, every agency's own (paragraph 127).
    for (String list : List.of("Task_ShareFirstLists", "Task_ShareAgencyLists")) {
      for (Task share : openTasks(reference, list)) {
        complete(share, Map.of("listShared", true, "portalReference", "Portal/lists"));
      }
    }
    runChildSelection(reference, uk.jtai.response.support.ChildData.references(30, 25), 5);
    assertThat(openTasks(reference, "Task_GiveFieldworkMeetings")).hasSize(6);
    for (Task meetings : openTasks(reference, "Task_GiveFieldworkMeetings")) {
      complete(meetings, Map.of("noMeetings", true, "sentToLeadInspector", true));
    }
    complete(task(reference, "Task_RecordStrategicMeeting"), Map.of("strategicMeetingAt", "2027-05-24T10:45:00+01:00",
        "partnersExplained", true));

    assertThat(inspection).isWaitingAt("Activity_CaseAudit", "Activity_AuditDayAndReport", "Activity_Fieldwork")
        .hasPassed("Activity_NotificationCascade", "Activity_AnnexA", "Activity_ChildSelection", "Activity_FieldworkMeetings");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).finished().count())
        .as("the week 1 stages have ended").isEqualTo(4);
    assertThat(outbox(reference, "task-overdue")).isEmpty();
  }

  /** Every agency but the silent one answers No throughout. */
  private void answerNo(Task sheet) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ArrayNode rows = (com.fasterxml.jackson.databind.node.ArrayNode)
        json.readTree(forms.getTaskFormVariables(sheet.getId()).get("knownToAgencyAnswers").toString());
    rows.forEach(row -> ((com.fasterxml.jackson.databind.node.ObjectNode) row).put("answer", "no"));
    complete(sheet, Map.of("knownToAgencyAnswers", SpinValues.jsonValue(rows.toString()).create()));
  }

  /**
   * The inspection on the inspectors' calendar, with the real stages: the local authority never submits Annex A
   * and probation never returns its known-to-agency sheet. The inspectors still select the 20 on day 3, the
   * forwarding opens when the returns are due, LAIM records the 6 and week 2 and the case audits begin; each miss
   * is recorded on the inspection once, and the late tasks stay open.
   */
  @Test
  void withoutAnnexAAndWithAnAgencySilentTheTwentyTheForwardTheSixAndWeek2StillHappen() throws Exception {
    String reference = newReference();
    ProcessInstance inspection = startInspection(reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-26T09:30:00+01:00");
    fireDueTimers(reference);
    assertThat(task(reference, "Task_SubmitAnnexA")).as("Annex A missed, still open on day 3").isNotNull();

    List<String> twenty = uk.jtai.response.support.ChildData.references(40, 20);
    moveClockTo("2027-05-26T10:00:00+01:00");
    complete(task(reference, "Task_RecordFirstSelection"),
        Map.of("firstSelectionEntry", uk.jtai.response.support.ChildData.lines(twenty)));
    for (String agency : List.of("la", "police", "health")) {
      answerNo(agencyTask(reference, "Task_ReturnKnownToAgency", agency));
    }
    fireDueTimers(reference);
    assertThat(task(reference, "Task_ForwardReturns")).as("not before the returns are due").isNull();

    moveClockTo("2027-05-26T12:00:01+01:00");
    fireDueTimers(reference);
    moveClockTo("2027-05-26T12:30:00+01:00");
    complete(task(reference, "Task_ForwardReturns"), Map.of("returnsSentToInspectors", true,
        "returnsSentAt", "2027-05-26T12:20:00+01:00"));
    moveClockTo("2027-05-26T15:00:00+01:00");
    complete(task(reference, "Task_RecordAuditSelection"),
        Map.of("auditSelectionEntry", uk.jtai.response.support.ChildData.lines(twenty.subList(0, 6))));

    assertThat(inspection).as("the record of the 6 begins week 2 and the case audits, two days early")
        .hasPassed("Event_AuditSelectionRecorded", "Event_ChildrenForAuditKnown", "Gateway_Week2Split")
        .isWaitingAt("Activity_CaseAudit", "Activity_AuditDayAndReport", "Activity_Fieldwork", "Activity_AnnexA",
            "Activity_ChildSelection");
    assertThat(openTasks(reference, "Task_CompleteAuditTool")).as("6 children by 4 agencies").hasSize(24);
    assertThat(agencyTask(reference, "Task_ReturnKnownToAgency", "probation")).as("the late return stays open").isNotNull();
    assertThat(task(reference, "Task_SendAuditTool")).isNotNull();

    List<String> missed = List.of(((String) runtime.getVariable(inspection.getId(), "missedDeadlines")).split("\n"));
    assertThat(missed).filteredOn(line -> line.startsWith("ANNEX_A_DUE")).hasSize(1);
    assertThat(missed).filteredOn(line -> line.startsWith("KNOWN_TO_AGENCY_DUE")).singleElement()
        .satisfies(line -> assertThat(line).endsWith(": Probation"));
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("SUBJECT")).contains("known to your agency"))
        .hasSize(1);
  }
}
