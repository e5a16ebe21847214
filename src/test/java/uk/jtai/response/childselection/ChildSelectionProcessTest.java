package uk.jtai.response.childselection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * bpmn/child-selection.bpmn: the 20 (or 20 to 30), the known-to-agency returns, the 6, the audit tool. Each
 * test starts the stage on its own, with what jtai-inspection passes in ({@link #startStage}).
 */
class ChildSelectionProcessTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  // The theme's case-audit agencies (domestic-abuse.yaml, guidance 6.1): schools are seen by the schools HMI.
  static final List<String> DA_AGENCIES = List.of("la", "police", "health", "probation");

  @LocalServerPort int port;
  @Autowired SelectedChildren selected;
  @Autowired KnownToAgencyReturns returns;
  @Autowired ScheduleRepository schedules;
  private final ObjectMapper json = new ObjectMapper();
  private Http laim;

  @BeforeEach
  void users() {
    TestUsers.ensure(engine.getIdentityService(), "cs-laim", "laim");
    TestUsers.ensure(engine.getIdentityService(), "cs-bu", "business-unit");
    TestUsers.ensure(engine.getIdentityService(), "cs-police", "police");
    TestUsers.ensure(engine.getIdentityService(), "cs-yjs", "yjs");
    laim = Http.as(port, "cs-laim", TestUsers.PASSWORD);
  }

  /** The stage started on its own, as jtai-inspection starts it once Annex A is in (day 2, 12:00). */
  private String atChildSelection(String theme) {
    String reference = newReference();
    ProcessInstance stage = startStage("child-selection", reference, theme, NOTIFIED, "2027-05-25T12:00:00+01:00");
    assertThat(stage).hasBusinessKey(reference).isWaitingAt("Task_RecordFirstSelection");
    assertThat(task(reference, "Task_RecordFirstSelection")).hasCandidateGroup("laim");
    return reference;
  }

  private void recordFirstSelection(String reference, List<String> children, String at) {
    moveClockTo(at);
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", ChildData.lines(children)));
  }

  /** The agency's sheet answered: known Yes for the first child, everything else No. */
  private Map<String, Object> answered(Task task) throws Exception {
    return Map.of("knownToAgencyAnswers", SpinValues.jsonValue(answeredRows(task).toString()).create());
  }

  private ArrayNode answeredRows(Task task) throws Exception {
    ArrayNode rows = (ArrayNode) json.readTree(forms.getTaskFormVariables(task.getId()).get("knownToAgencyAnswers").toString());
    String firstChild = rows.get(0).get("child").asText();
    for (JsonNode row : rows) {
      boolean yes = row.get("child").asText().equals(firstChild) && row.get("questionId").asText().equals("known");
      ((ObjectNode) row).put("answer", yes ? "yes" : "no");
    }
    return rows;
  }

  private void answer(String reference, String agency) throws Exception {
    Task task = agencyTask(reference, "Task_ReturnKnownToAgency", agency);
    complete(task, answered(task));
    fireDueTimers(reference); // the asynchronous step that shows the return in LAIM's task
  }

  /** The returns' deadline passes (KNOWN_TO_AGENCY_DUE): late agencies are escalated and LAIM's forwarding opens. */
  private void returnsDue(String reference) {
    moveClockTo(schedules.due(reference, "KNOWN_TO_AGENCY_DUE").orElseThrow().plusSeconds(1).toString());
    fireDueTimers(reference);
  }

  private String status(String reference, String taskKey) {
    return (String) forms.getTaskFormVariables(task(reference, taskKey).getId()).get("returnsStatus");
  }

  private JsonNode laimView(String reference) throws Exception {
    Task forward = task(reference, "Task_ForwardReturns");
    return json.readTree(forms.getTaskFormVariables(forward.getId()).get("knownToAgencyReturns").toString());
  }

  private void selectForAuditAndSendTool(String reference, List<String> audit) {
    moveClockTo("2027-05-28T10:00:00+01:00");
    complete(task(reference, "Task_ForwardReturns"),
        Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-27T16:00:00+01:00"));
    complete(task(reference, "Task_RecordAuditSelection"), Map.of("auditSelectionEntry", ChildData.lines(audit)));
    complete(task(reference, "Task_SendAuditTool"), Map.of("auditToolAvailable", true));
  }

  @Test
  void theKnownToAgencyWindowNeverRunsPastTheForwardingDeadline() {
    // The selection recorded at 16:30 on day 4 (Thursday 27 May): two working hours would end at 10:30 on
    // day 5, after LAIM is to forward the returns (17:00 on day 4); the agencies' returns are due at 17:00.
    String reference = atChildSelection("domestic-abuse");
    recordFirstSelection(reference, ChildData.references(1, 20), "2027-05-27T16:30:00+01:00");

    assertThat(schedules.due(reference, "KNOWN_TO_AGENCY_DUE")).contains(instant("2027-05-27T17:00:00+01:00"));
    assertThat(schedules.due(reference, "RETURNS_FORWARDED_DUE")).contains(instant("2027-05-27T17:00:00+01:00"));
    assertThat(agencyTask(reference, "Task_ReturnKnownToAgency", "police").getDueDate().toInstant())
        .isEqualTo(instant("2027-05-27T17:00:00+01:00"));
  }

  @Test
  void theTwentyAreRecordedEveryAgencyAnswersTheSixAreChosenAndTheAuditToolGoesOut() throws Exception {
    String reference = atChildSelection("domestic-abuse");
    ProcessInstance stage = calledProcess(reference, "child-selection");
    List<String> twenty = ChildData.references(1, 20);
    recordFirstSelection(reference, twenty, "2027-05-26T10:00:00+01:00");

    assertThat(stage).hasPassedInOrder("Task_RecordFirstSelection", "Gateway_SelectionSplit")
        .isWaitingAt("Task_ReturnKnownToAgency", "Gateway_ReturnsInOrDue");
    assertThat(task(reference, "Task_ForwardReturns")).as("not before every agency has returned or the returns are due").isNull();
    assertThat(selected.firstSelection(reference)).isEqualTo(twenty);
    assertThat(schedules.due(reference, "KNOWN_TO_AGENCY_DUE")).contains(instant("2027-05-26T12:00:00+01:00"));
    for (String agency : DA_AGENCIES) {
      Task task = agencyTask(reference, "Task_ReturnKnownToAgency", agency);
      assertThat(task).as(agency).isNotNull();
      assertThat(task.getDueDate().toInstant()).isEqualTo(instant("2027-05-26T12:00:00+01:00"));
    }
    assertThat(json.readTree(forms.getTaskFormVariables(agencyTask(reference, "Task_ReturnKnownToAgency", "police").getId())
        .get("knownToAgencyAnswers").toString())).hasSize(20 * 5);
    assertThat(outbox(reference, "agency-task")).hasSize(DA_AGENCIES.size());

    answer(reference, "police");
    assertThat(returns.byAgency(reference)).containsOnlyKeys("police");
    for (String agency : List.of("la", "health")) {
      answer(reference, agency);
    }
    assertThat(task(reference, "Task_ForwardReturns")).as("probation has not returned").isNull();
    answer(reference, "probation");

    // The last return, at 10:00, opens the forwarding two hours before the returns are due.
    assertThat(stage).hasPassed("Event_AllReturned", "Event_ReturnsIn", "Gateway_ForwardOpens")
        .hasNotPassed("Timer_ReturnsWindowCloses").isWaitingAt("Task_ForwardReturns");
    assertThat(task(reference, "Task_ForwardReturns")).hasCandidateGroup("laim")
        .hasDueDate(java.util.Date.from(instant("2027-05-27T17:00:00+01:00")));
    JsonNode view = laimView(reference);
    assertThat(view).hasSize(20);
    assertThat(view.get(0).get("police").asText()).isEqualTo("Yes");
    assertThat(view.get(1).get("police").asText()).isEqualTo("No");
    assertThat(view).allSatisfy(row -> assertThat(row.toString()).doesNotContain("Not returned"));
    assertThat(status(reference, "Task_ForwardReturns")).isEqualTo("Every agency returned by 12:00 on Wednesday 26 May.");

    List<String> six = List.of(twenty.get(4), twenty.get(0), twenty.get(11), twenty.get(7), twenty.get(19), twenty.get(2));
    selectForAuditAndSendTool(reference, six);

    assertThat(selected.auditSelection(reference)).isEqualTo(six);
    assertThat(stage).hasPassed("Event_AllReturned", "Task_ForwardReturns")
        .hasPassedInOrder("Task_RecordAuditSelection", "Event_AuditSelectionRecorded", "Task_SendAuditTool",
            "Task_EmailAuditTool", "Event_AuditToolSent").isEnded()
        .hasNotPassed("Task_EscalateFirstSelection", "Task_EscalateKnownToAgency", "Task_EscalateForward",
            "Task_EscalateAuditSelection", "Task_EscalateAuditTool");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(stage.getId()).variableName("auditSelectionCount")
        .singleResult().getValue()).as("what jtai-inspection takes back").isEqualTo(6);
    List<Map<String, Object>> notices = outbox(reference, "audit-tool-available");
    assertThat(notices).hasSize(DA_AGENCIES.size());
    assertThat((String) notices.get(0).get("body")).contains("6 children").contains("CYSCP JTAI shared folder")
        .contains("12:00 on Tuesday 1 June");
    assertThat(outbox(reference, "task-overdue")).isEmpty();
  }

  @Test
  void anAgencyThatNeverReturnsIsEscalatedOnceAndTheForwardTheSixAndTheAuditToolGoAheadWithoutIt() throws Exception {
    String reference = atChildSelection("domestic-abuse");
    ProcessInstance stage = calledProcess(reference, "child-selection");
    List<String> twenty = ChildData.references(2, 20);
    recordFirstSelection(reference, twenty, "2027-05-26T10:00:00+01:00");
    for (String agency : List.of("la", "police", "health")) {
      answer(reference, agency);
    }
    moveClockTo("2027-05-26T11:59:59+01:00");
    fireDueTimers(reference);
    assertThat(task(reference, "Task_ForwardReturns")).as("not before the returns are due").isNull();
    moveClockTo("2027-05-26T12:00:01+01:00");
    fireDueTimers(reference);

    List<Map<String, Object>> escalations = outbox(reference, "task-overdue");
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients"))
        .isEqualTo("probation.lead@york.example,probation.deputy@york.example,cyscp@york.gov.uk");
    assertThat(agencyTask(reference, "Task_ReturnKnownToAgency", "probation")).as("stays open").isNotNull();
    assertThat(stage).hasPassedInOrder("Timer_ReturnsWindowCloses", "Gateway_ForwardOpens").hasNotPassed("Event_ReturnsIn")
        .isWaitingAt("Task_ForwardReturns", "Task_ReturnKnownToAgency");
    assertThat(laimView(reference).get(0).get("probation").asText()).isEqualTo("Not returned");
    assertThat(laimView(reference).get(0).get("police").asText()).isEqualTo("Yes");
    assertThat(status(reference, "Task_ForwardReturns")).startsWith("Not returned yet: Probation. Returns were due by 12:00 on "
        + "Wednesday 26 May;").doesNotContain("Police").doesNotContain(twenty.get(0));

    selectForAuditAndSendTool(reference, twenty.subList(0, 6));
    assertThat(stage).hasPassed("Task_RecordAuditSelection", "Event_AuditSelectionRecorded", "Event_AuditToolSent")
        .hasNotPassed("Event_AllReturned", "Task_EscalateForward");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("child-selection").count()).as("the stage ends without the late return").isZero();
    assertThat(openTasks(reference, "Task_ReturnKnownToAgency")).isEmpty();
  }

  @Test
  void aReturnMadeAfterTheForwardIsRecordedAndLaimSeesItCameLate() throws Exception {
    String reference = atChildSelection("domestic-abuse");
    List<String> twenty = ChildData.references(12, 20);
    recordFirstSelection(reference, twenty, "2027-05-26T10:00:00+01:00");
    for (String agency : List.of("la", "police", "health")) {
      answer(reference, agency);
    }
    returnsDue(reference);
    moveClockTo("2027-05-26T13:00:00+01:00");
    complete(task(reference, "Task_ForwardReturns"),
        Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-26T12:45:00+01:00"));
    assertThat(status(reference, "Task_RecordAuditSelection")).startsWith("Not returned yet: Probation.");

    // Probation returns at 14:05, after the forward: the return is taken and LAIM's audit selection says it came late.
    moveClockTo("2027-05-26T14:05:00+01:00");
    answer(reference, "probation");
    assertThat(returns.byAgency(reference)).containsKey("probation");
    assertThat(status(reference, "Task_RecordAuditSelection"))
        .isEqualTo("Every agency has returned. Returned late: Probation (at 14:05 on Wednesday 26 May).");
    ProcessInstance stage = calledProcess(reference, "child-selection");
    assertThat(stage).hasPassed("Event_AllReturned").isWaitingAt("Task_RecordAuditSelection");
    assertThat(openTasks(reference, "Task_ForwardReturns")).as("the forwarding does not open again").isEmpty();
    assertThat(outbox(reference, "task-overdue")).as("the miss escalated once, at 12:00").hasSize(1);
    List<String> lines = laim.get("/api/inspections/" + reference + "/known-to-agency.csv").body().lines().toList();
    assertThat(lines.get(1)).doesNotContain("Not returned");
  }

  @Test
  void aForwardNotDoneByItsDeadlineIsEscalatedOnceToTheDcsAndTheBusinessUnitAndStaysOpen() throws Exception {
    String reference = atChildSelection("domestic-abuse");
    recordFirstSelection(reference, ChildData.references(13, 20), "2027-05-26T10:00:00+01:00");
    for (String agency : DA_AGENCIES) {
      answer(reference, agency);
    }
    moveClockTo("2027-05-27T16:59:00+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).isEmpty();
    moveClockTo("2027-05-27T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).singleElement().satisfies(row -> {
      assertThat(row.get("recipients")).isEqualTo("dcs@york.example,cyscp@york.gov.uk");
      assertThat((String) row.get("subject")).contains("Forward the known-to-agency returns");
    });
    assertThat(calledProcess(reference, "child-selection")).hasPassed("Task_EscalateForward", "Event_ForwardEscalated")
        .isWaitingAt("Task_ForwardReturns");
  }

  @Test
  void theTwoHourWindowThatCrosses17ContinuesTheNextWorkingMorning() {
    String reference = atChildSelection("domestic-abuse");
    recordFirstSelection(reference, ChildData.references(3, 20), "2027-05-26T16:00:00+01:00");
    assertThat(agencyTask(reference, "Task_ReturnKnownToAgency", "police").getDueDate().toInstant())
        .isEqualTo(instant("2027-05-27T10:00:00+01:00"));
  }

  @Test
  void theTwoHourWindowThatCrossesAWeekendAndABankHolidayContinuesOnTheNextWorkingDay() {
    String reference = atChildSelection("serious-youth-violence");
    recordFirstSelection(reference, ChildData.references(4, 25), "2027-05-28T16:30:00+01:00");
    // Saturday, Sunday and the Spring bank holiday (Monday 31 May) are skipped.
    assertThat(agencyTask(reference, "Task_ReturnKnownToAgency", "yjs").getDueDate().toInstant())
        .isEqualTo(instant("2027-06-01T10:30:00+01:00"));
  }

  @Test
  void aWindowOpenedBeforeDayOneRunsFromTheNotification() {
    String reference = atChildSelection("domestic-abuse");
    // An inspection recorded ahead of its day 1 (a rehearsal on a future date, say).
    recordFirstSelection(reference, ChildData.references(11, 20), "2027-05-20T15:00:00+01:00");
    assertThat(agencyTask(reference, "Task_ReturnKnownToAgency", "police").getDueDate().toInstant())
        .isEqualTo(instant("2027-05-24T11:10:00+01:00"));
  }

  private HttpResponse<String> completeOverRest(Task task, String variableName, String value) throws Exception {
    return laim.post("/engine-rest/task/" + task.getId() + "/complete",
        json.writeValueAsString(Map.of("variables", Map.of(variableName, Map.of("value", value)))));
  }

  @Test
  void aWrongCountDuplicatesOrMalformedReferencesAreRefusedOverRestAndNothingIsRecorded() throws Exception {
    String reference = atChildSelection("domestic-abuse");
    Task record = task(reference, "Task_RecordFirstSelection");
    List<String> nineteen = ChildData.references(5, 19);

    HttpResponse<String> tooFew = completeOverRest(record, "firstSelectionEntry", ChildData.lines(nineteen));
    assertThat(tooFew.statusCode()).isEqualTo(400);
    assertThat(tooFew.body()).contains("the inspectors select 20 children; 19 were entered");

    List<String> withDuplicate = new java.util.ArrayList<>(nineteen);
    withDuplicate.add(nineteen.get(2));
    HttpResponse<String> duplicate = completeOverRest(record, "firstSelectionEntry", ChildData.lines(withDuplicate));
    assertThat(duplicate.statusCode()).isEqualTo(400);
    assertThat(duplicate.body()).contains("entry 20 repeats entry 3").doesNotContain(nineteen.get(2));

    List<String> malformed = new java.util.ArrayList<>(nineteen);
    malformed.add("AB-123");
    HttpResponse<String> bad = completeOverRest(record, "firstSelectionEntry", ChildData.lines(malformed));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("entry 20 is not a MOSAIC number, 4 to 10 digits");

    assertThat(task(reference, "Task_RecordFirstSelection")).as("stays open").isNotNull();
    assertThat(selected.firstSelection(reference)).isEmpty();
    assertThat(openTasks(reference, "Task_ReturnKnownToAgency")).isEmpty();
  }

  /**
   * Tasklist's Camunda Forms send the sheet back with the fields the form shows only: each row's question
   * id, which the form does not show, is missing. The rows come back in the order offered, so the question
   * is taken back by position (found by the browser tests).
   */
  @Test
  void aSheetSentBackWithoutQuestionIdsAsTasklistSendsItIsTakenByPosition() throws Exception {
    String reference = atChildSelection("domestic-abuse");
    List<String> children = ChildData.references(7, 20);
    recordFirstSelection(reference, children, "2027-05-26T10:00:00+01:00");
    Task police = agencyTask(reference, "Task_ReturnKnownToAgency", "police");
    ArrayNode rows = answeredRows(police);
    rows.forEach(row -> ((ObjectNode) row).remove("questionId"));

    complete(police, Map.of("knownToAgencyAnswers", SpinValues.jsonValue(rows.toString()).create()));

    Map<String, Map<String, String>> answers = returns.byAgency(reference).get("police");
    assertThat(answers).hasSize(20);
    assertThat(answers.get(children.get(0))).containsEntry("known", "yes");
    assertThat(answers.get(children.get(1))).containsEntry("known", "no");
  }

  /** The sheet as Tasklist completes it over REST: Json variables, as form-js submits them. */
  private HttpResponse<String> completeSheetOverRest(Http as, Task task, ArrayNode rows, List<String> notKnown)
      throws Exception {
    return as.post("/engine-rest/task/" + task.getId() + "/complete", json.writeValueAsString(Map.of("variables", Map.of(
        "knownToAgencyAnswers", Map.of("value", rows.toString(), "type", "Json"),
        "notKnownChildren", Map.of("value", json.writeValueAsString(notKnown), "type", "Json")))));
  }

  /**
   * A nil return for one child: the agency ticks it once as not known to it, and its questions fall away
   * (form-js hides them, so their answers come back absent). The return, LAIM's view and the download say
   * "Not known to us"; a Yes for that child contradicts the tick and is refused naming the row; the tick,
   * child-level data, never becomes a process variable.
   */
  @Test
  void aChildNotKnownToTheAgencyIsTickedOnceAndTheReturnTheViewAndTheDownloadSaySo() throws Exception {
    String reference = atChildSelection("domestic-abuse");
    List<String> twenty = ChildData.references(11, 20);
    recordFirstSelection(reference, twenty, "2027-05-26T10:00:00+01:00");
    Task sheet = agencyTask(reference, "Task_ReturnKnownToAgency", "police");
    String notKnown = twenty.get(1);
    ArrayNode rows = answeredRows(sheet);
    int firstRowOfNotKnown = -1;
    for (int i = 0; i < rows.size(); i++) {
      ObjectNode row = (ObjectNode) rows.get(i);
      row.remove("questionId");
      if (row.get("child").asText().equals(notKnown)) {
        row.remove("answer");
        firstRowOfNotKnown = firstRowOfNotKnown < 0 ? i : firstRowOfNotKnown;
      }
    }
    Http police = Http.as(port, "cs-police", TestUsers.PASSWORD);

    ArrayNode contradicting = rows.deepCopy();
    ((ObjectNode) contradicting.get(firstRowOfNotKnown + 1)).put("answer", "yes");
    HttpResponse<String> refused = completeSheetOverRest(police, sheet, contradicting, List.of(notKnown));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("row " + (firstRowOfNotKnown + 2) + " (child 2): Yes contradicts 'Not known to us'")
        .doesNotContain(notKnown);
    assertThat(returns.byAgency(reference)).isEmpty();

    HttpResponse<String> done = completeSheetOverRest(police, sheet, rows, List.of(notKnown));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    fireDueTimers(reference);

    Map<String, Map<String, String>> answers = returns.byAgency(reference).get("police");
    assertThat(answers).hasSize(20);
    assertThat(answers.get(twenty.get(0))).containsEntry("known", "yes");
    assertThat(answers.get(twenty.get(2))).containsEntry("known", "no");
    assertThat(answers.get(notKnown)).hasSize(rows.size() / 20).containsEntry("known", KnownToAgencyReturns.NOT_KNOWN)
        .allSatisfy((question, answer) -> assertThat(answer)
            .isEqualTo(question.equals("known") ? KnownToAgencyReturns.NOT_KNOWN : KnownToAgencyReturns.NOT_APPLICABLE));
    returnsDue(reference);
    JsonNode view = laimView(reference);
    assertThat(view.get(0).get("police").asText()).isEqualTo("Yes");
    assertThat(view.get(1).get("child").asText()).isEqualTo(notKnown);
    assertThat(view.get(1).get("police").asText()).isEqualTo("Not known to us");
    assertThat(view.get(2).get("police").asText()).isEqualTo("No");
    List<String> lines = laim.get("/api/inspections/" + reference + "/known-to-agency.csv").body().lines().toList();
    assertThat(lines.get(2)).startsWith(notKnown + ",").contains("Not known to us").contains("Not applicable")
        .doesNotContain("Yes");
    assertThat(lines.get(3)).doesNotContain("Not known to us").doesNotContain("Not applicable");
    ProcessInstance stage = calledProcess(reference, "child-selection");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(stage.getId()).list())
        .noneMatch(variable -> variable.getName().equals("notKnownChildren") || variable.getName().equals("knownToAgencyAnswers"));
  }

  @Test
  void aReturnThatMissesAChildAddsAnotherOrAnswersNeitherYesNorNoIsRefused() throws Exception {
    String reference = atChildSelection("domestic-abuse");
    recordFirstSelection(reference, ChildData.references(6, 20), "2027-05-26T10:00:00+01:00");
    Task police = agencyTask(reference, "Task_ReturnKnownToAgency", "police");
    ArrayNode rows = answeredRows(police);
    rows.remove(0);
    ((ObjectNode) rows.get(0)).put("child", "9999999999");
    ((ObjectNode) rows.get(1)).put("answer", "maybe");

    assertThatThrownBy(() -> tasks.complete(police.getId(),
        Map.of("knownToAgencyAnswers", SpinValues.jsonValue(rows.toString()).create())))
        .hasMessageContaining("row 1 is not about a child of the inspectors' selection")
        .hasMessageContaining("row 2 (child 1): answer Yes or No")
        .hasMessageContaining("of 100 questions are not answered");
    assertThat(returns.byAgency(reference)).isEmpty();
    assertThat(agencyTask(reference, "Task_ReturnKnownToAgency", "police")).isNotNull();
  }

  @Test
  void theAuditSelectionMustComeFromTheFirstSelectionWithoutDuplicates() throws Exception {
    String reference = atChildSelection("domestic-abuse");
    List<String> twenty = ChildData.references(7, 20);
    recordFirstSelection(reference, twenty, "2027-05-26T10:00:00+01:00");
    returnsDue(reference);
    complete(task(reference, "Task_ForwardReturns"),
        Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-26T12:00:00+01:00"));
    Task audit = task(reference, "Task_RecordAuditSelection");
    assertThat((String) forms.getTaskFormVariables(audit.getId()).get("firstSelectionList")).startsWith("1. " + twenty.get(0));

    List<String> notFromTheTwenty = List.of(twenty.get(0), twenty.get(1), twenty.get(2), twenty.get(3), twenty.get(4), "9870000001");
    HttpResponse<String> outside = completeOverRest(audit, "auditSelectionEntry", ChildData.lines(notFromTheTwenty));
    assertThat(outside.statusCode()).isEqualTo(400);
    assertThat(outside.body()).contains("entry 6 is not one of the children of the first selection");

    HttpResponse<String> five = completeOverRest(audit, "auditSelectionEntry", ChildData.lines(twenty.subList(0, 5)));
    assertThat(five.body()).contains("the inspectors select 6 children; 5 were entered");

    List<String> repeated = List.of(twenty.get(0), twenty.get(1), twenty.get(2), twenty.get(3), twenty.get(4), twenty.get(0));
    assertThat(completeOverRest(audit, "auditSelectionEntry", ChildData.lines(repeated)).body())
        .contains("entry 6 repeats entry 1");

    assertThat(selected.auditSelection(reference)).isEmpty();
    assertThat(task(reference, "Task_RecordAuditSelection")).isNotNull();
  }

  @Test
  void seriousYouthViolenceTakes20To30ThenFiveToSeven() throws Exception {
    String reference = atChildSelection("serious-youth-violence");
    Task record = task(reference, "Task_RecordFirstSelection");
    assertThat(completeOverRest(record, "firstSelectionEntry", ChildData.lines(ChildData.references(8, 31))).body())
        .contains("the inspectors select 20 to 30 children; 31 were entered");
    List<String> thirty = ChildData.references(8, 30);
    recordFirstSelection(reference, thirty, "2027-05-27T10:00:00+01:00");
    assertThat(openTasks(reference, "Task_ReturnKnownToAgency")).as("la, police, health, yjs (guidance 9.16)").hasSize(4);

    returnsDue(reference);
    complete(task(reference, "Task_ForwardReturns"),
        Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-27T12:00:00+01:00"));
    Task audit = task(reference, "Task_RecordAuditSelection");
    assertThat(completeOverRest(audit, "auditSelectionEntry", ChildData.lines(thirty.subList(0, 8))).body())
        .contains("the inspectors select 5 to 7 children; 8 were entered");
    complete(audit, Map.of("auditSelectionEntry", ChildData.lines(thirty.subList(10, 17))));
    assertThat(selected.auditSelection(reference)).hasSize(7);
  }

  @Test
  void lateSelectionsAndALateAuditToolAreEscalatedToTheDcsAndTheBusinessUnit() {
    String reference = atChildSelection("domestic-abuse");
    moveClockTo("2027-05-26T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("Record the children the inspectors selected"))
        .singleElement().satisfies(row -> assertThat(row.get("recipients")).isEqualTo("dcs@york.example,cyscp@york.gov.uk"));

    List<String> twenty = ChildData.references(9, 20);
    recordFirstSelection(reference, twenty, "2027-05-26T17:30:00+01:00");
    returnsDue(reference);
    complete(task(reference, "Task_ForwardReturns"),
        Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-27T10:45:00+01:00"));
    moveClockTo("2027-05-28T11:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("selected for audit"))
        .singleElement().satisfies(row -> assertThat(row.get("recipients")).isEqualTo("dcs@york.example,cyscp@york.gov.uk"));

    complete(task(reference, "Task_RecordAuditSelection"), Map.of("auditSelectionEntry", ChildData.lines(twenty.subList(0, 6))));
    moveClockTo("2027-05-28T13:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("Audit Tool"))
        .hasSize(1);
    assertThat(task(reference, "Task_SendAuditTool")).as("stays open").isNotNull();
  }

  @Test
  void onlyLaimAndTheBusinessUnitDownloadTheReturnsAndAgenciesOutsideTheThemeCannotReadTheSelection() throws Exception {
    String reference = atChildSelection("domestic-abuse");
    List<String> twenty = ChildData.references(10, 20);
    recordFirstSelection(reference, twenty, "2027-05-26T10:00:00+01:00");
    answer(reference, "police");

    HttpResponse<String> csv = laim.get("/api/inspections/" + reference + "/known-to-agency.csv");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
    assertThat(csv.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines).hasSize(21);
    assertThat(lines.get(0)).contains("MOSAIC number").contains("Police: Is this child known to your agency?");
    assertThat(lines.get(1)).startsWith(twenty.get(0) + ",").contains("Yes").contains("Not returned");
    assertThat(Http.as(port, "cs-bu", TestUsers.PASSWORD).get("/api/inspections/" + reference + "/known-to-agency.csv")
        .statusCode()).isEqualTo(200);
    Http police = Http.as(port, "cs-police", TestUsers.PASSWORD);
    assertThat(police.get("/api/inspections/" + reference + "/known-to-agency.csv").statusCode()).isEqualTo(403);
    assertThat(Http.anonymous(port).get("/api/inspections/" + reference + "/known-to-agency.csv").statusCode()).isEqualTo(401);

    // The Youth Justice Service is not an agency of the domestic abuse theme: it has no task and no way in.
    Http yjs = Http.as(port, "cs-yjs", TestUsers.PASSWORD);
    ProcessInstance stage = calledProcess(reference, "child-selection");
    assertThat(yjs.get("/engine-rest/task?processInstanceBusinessKey=" + reference).body()).isEqualTo("[]");
    assertThat(yjs.get("/engine-rest/process-instance/" + stage.getId() + "/variables").statusCode()).isEqualTo(403);
    assertThat(yjs.get("/engine-rest/variable-instance?processInstanceIdIn=" + stage.getId()).body()).isEqualTo("[]");
    assertThat(yjs.get("/engine-rest/history/variable-instance?processInstanceId=" + stage.getId()).body()).isEqualTo("[]");
    String everythingYjsCanSee = yjs.get("/engine-rest/variable-instance").body() + yjs.get("/engine-rest/task").body();
    assertThat(twenty).noneMatch(everythingYjsCanSee::contains);

    // The police, an agency of the theme, see the children on their own task only.
    Task policeTask = agencyTask(reference, "Task_ReturnKnownToAgency", "health");
    assertThat(police.get("/engine-rest/task/" + policeTask.getId() + "/variables").statusCode()).isEqualTo(403);
  }
}
