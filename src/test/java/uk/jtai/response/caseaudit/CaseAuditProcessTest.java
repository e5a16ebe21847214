package uk.jtai.response.caseaudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.board.InspectionBoard;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.childselection.SelectedChildren;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * bpmn/case-audit.bpmn: the Audit Tool and Chronology per child and agency, with senior sign-off (guidance 9.8 to
 * 9.11). Each test starts the stage on its own ({@link #atCaseAudit}), except the one that checks the missed
 * deadline is marked on the running inspection.
 */
class CaseAuditProcessTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  // The domestic abuse theme's case-audit agencies (guidance 6.1): LA, police, health and probation.
  static final List<String> AGENCIES = List.of("la", "police", "health", "probation");

  @Autowired AuditReturns returns;
  @Autowired SelectedChildren selected;
  @Autowired InspectionBoard board;
  @Autowired ScheduleRepository schedules;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * The stage started alone, as jtai-inspection starts it after the child selection: the inspection registered,
   * 20 children selected and the first {@code audit} of them chosen for audit (what the stage reads), with what
   * the call activity passes in.
   */
  private List<String> atCaseAudit(String reference, int audit) {
    registerInspection(reference, "domestic-abuse", NOTIFIED);
    List<String> children = ChildData.references(Math.abs(reference.hashCode() % 900) + 100, 20);
    selected.recordFirstSelection(reference, children);
    selected.recordAuditSelection(reference, children.subList(0, audit));
    ProcessInstance stage = startStage("case-audit", reference, "domestic-abuse", NOTIFIED);
    assertThat(stage).hasBusinessKey(reference).hasPassed("Event_AuditToolReceived", "Gateway_CaseAuditSplit")
        .isWaitingAt("Task_CompileAuditPack", "Task_CompleteAuditTool");
    return children.subList(0, audit);
  }

  /** The open task of one agency for one audited child (its position, variable childNumber). */
  private Task childTask(String reference, String key, String agency, int child) {
    String group = key.equals("Task_SignOffAudit") ? agency + "-senior" : agency;
    return tasks.createTaskQuery().processInstanceBusinessKey(reference).taskDefinitionKey(key).taskCandidateGroup(group)
        .list().stream().filter(t -> Integer.valueOf(child).equals(tasks.getVariable(t.getId(), "childNumber")))
        .findFirst().orElse(null);
  }

  private void completeAndSignOff(String reference, String agency, int child) {
    complete(childTask(reference, "Task_CompleteAuditTool", agency, child), Map.of("auditInvolvement", "involved", "auditToolCompleted", true,
        "chronologyCompleted", true, "returnLocation", "Audit/" + agency + "/child-" + child));
    complete(childTask(reference, "Task_SignOffAudit", agency, child), Map.of("auditDecision", "approve"));
  }

  private void recordNoInvolvement(String reference, String agency, int child) {
    complete(childTask(reference, "Task_CompleteAuditTool", agency, child), Map.of("auditInvolvement", "no-involvement"));
  }

  private JsonNode packView(String reference) throws Exception {
    fireDueTimers(reference); // the asynchronous steps that show each return in the pack task
    return json.readTree(forms.getTaskFormVariables(task(reference, "Task_CompileAuditPack").getId()).get("auditReturns").toString());
  }

  @Test
  void everyAgencyCompletesAndSignsOffEachChildsAuditAndTheBusinessUnitSendsThePack() throws Exception {
    String reference = newReference();
    List<String> six = atCaseAudit(reference, 6);
    ProcessInstance stage = calledProcess(reference, "case-audit");
    assertThat(task(reference, "Task_CompileAuditPack")).hasCandidateGroup("business-unit");
    assertThat(management.createJobQuery().processInstanceId(stage.getId()).activityId("Timer_AuditsDue").list())
        .as("one per agency, at the returns' deadline").hasSize(AGENCIES.size())
        .allSatisfy(timer -> assertThat(timer.getDuedate().toInstant()).isEqualTo(instant("2027-06-01T12:00:00+01:00")));
    assertThat(job("Timer_AuditPackDue", stage)).isNotNull();

    assertThat(openTasks(reference, "Task_CompleteAuditTool")).hasSize(6 * AGENCIES.size());
    Task first = childTask(reference, "Task_CompleteAuditTool", "police", 1);
    assertThat(first.getName()).isEqualTo("Complete the Multi-Agency Audit Tool and Chronology for child 1 (Police) \u2013 " + reference
        + ", due day 6");
    assertThat(first.getDueDate().toInstant()).isEqualTo(instant("2027-06-01T12:00:00+01:00"));
    assertThat(forms.getTaskFormVariables(first.getId()).get("childReference")).isEqualTo(six.get(0));
    assertThat(packView(reference)).hasSize(6).allSatisfy(row -> assertThat(row.get("police").asText()).isEqualTo("Missing"));

    completeAndSignOff(reference, "police", 1);
    JsonNode view = packView(reference);
    assertThat(view.get(0).get("police").asText()).isEqualTo("Submitted");
    assertThat(view.get(1).get("police").asText()).isEqualTo("Missing");
    assertThat(returns.submittedCount(reference, "police")).isEqualTo(1);

    for (String agency : AGENCIES) {
      for (int child = 1; child <= 6; child++) {
        if (!(agency.equals("police") && child == 1)) {
          completeAndSignOff(reference, agency, child);
        }
      }
    }
    assertThat(packView(reference)).allSatisfy(row -> assertThat(row.toString()).doesNotContain("Missing"));
    complete(task(reference, "Task_CompileAuditPack"), Map.of("auditPackSent", true, "auditPackLocation", "Audit pack v1"));

    assertThat(stage).hasPassed("Task_CompleteAuditTool", "Task_SignOffAudit", "Gateway_SignedOff", "Event_ChildReturnSubmitted",
            "Event_AgencyAuditsDone", "Task_CompileAuditPack", "Gateway_CaseAuditJoin", "Event_CaseAuditsDone").isEnded()
        .hasNotPassed("Task_EscalateMissingReturns", "Task_EscalateAuditPack");
    assertThat(outbox(reference, "audit-returns-overdue")).isEmpty();
    assertThat(outbox(reference, "audit-return-after-pack")).as("every return was in before the pack").isEmpty();
  }

  @Test
  void aSeniorSendsAnAuditBackWithAReasonAndTheAgencyCompletesItAgain() {
    String reference = newReference();
    atCaseAudit(reference, 6);
    complete(childTask(reference, "Task_CompleteAuditTool", "health", 2), Map.of("auditInvolvement", "involved", "auditToolCompleted", true,
        "chronologyCompleted", true, "returnLocation", "Audit/health/child-2"));
    Task signOff = childTask(reference, "Task_SignOffAudit", "health", 2);
    assertThat(tasks.getVariable(signOff.getId(), "returnLocation")).isEqualTo("Audit/health/child-2");

    assertThatThrownBy(() -> tasks.complete(signOff.getId(), Map.of("auditDecision", "send-back")))
        .hasMessageContaining("sentBackReason: is required");
    complete(signOff, Map.of("auditDecision", "send-back", "sentBackReason", "The chronology stops in March"));

    Task again = childTask(reference, "Task_CompleteAuditTool", "health", 2);
    assertThat(again).as("back with the agency").isNotNull();
    assertThat(forms.getTaskFormVariables(again.getId()).get("sentBackReason")).isEqualTo("The chronology stops in March");
    assertThat(returns.statuses(reference).get("health").get(2)).isEqualTo(AuditReturns.Status.SENT_BACK);

    complete(again, Map.of("auditInvolvement", "involved", "auditToolCompleted", true, "chronologyCompleted", true, "returnLocation", "Audit/health/child-2-v2"));
    complete(childTask(reference, "Task_SignOffAudit", "health", 2), Map.of("auditDecision", "approve"));
    assertThat(returns.statuses(reference).get("health").get(2)).isEqualTo(AuditReturns.Status.SUBMITTED);
    assertThat(jdbc.queryForObject("select sent_back_count from jtai_audit_return where reference = ? and agency = 'health' "
        + "and child_position = 2", Integer.class, reference)).isEqualTo(1);
  }

  @Test
  void anAgencyWithNoInvolvementRecordsItOnceItsSeniorIsToldAndNothingIsSignedOff() throws Exception {
    String reference = newReference();
    List<String> six = atCaseAudit(reference, 6);
    ProcessInstance stage = calledProcess(reference, "case-audit");

    recordNoInvolvement(reference, "police", 2);
    fireDueTimers(reference); // the asynchronous message to the senior

    assertThat(childTask(reference, "Task_SignOffAudit", "police", 2)).as("nothing to sign off").isNull();
    assertThat(childTask(reference, "Task_CompleteAuditTool", "police", 2)).isNull();
    assertThat(stage).hasPassed("Gateway_Involvement", "Task_TellSeniorOfNoInvolvement", "Event_NilReturnRecorded");
    assertThat(returns.statuses(reference).get("police").get(2)).isEqualTo(AuditReturns.Status.NO_INVOLVEMENT);
    assertThat(returns.submittedCount(reference, "police")).as("a nil return is in").isEqualTo(1);
    assertThat(outbox(reference, "audit-no-involvement")).as("the senior is told once").singleElement().satisfies(row -> {
      assertThat(row.get("recipients")).isEqualTo("police.senior@york.example");
      assertThat((String) row.get("subject")).contains("no involvement recorded with one audited child (Police)");
      assertThat((String) row.get("body")).contains("child 2 of the").doesNotContain(six.get(1));
    });
    JsonNode view = packView(reference);
    assertThat(view.get(1).get("police").asText()).isEqualTo("No involvement");
    assertThat(view.get(1).get("health").asText()).isEqualTo("Missing");

    for (String agency : AGENCIES) {
      for (int child = 1; child <= 6; child++) {
        if (!(agency.equals("police") && child == 2)) {
          completeAndSignOff(reference, agency, child);
        }
      }
    }
    fireDueTimers(reference); // the asynchronous submissions
    complete(task(reference, "Task_CompileAuditPack"), Map.of("auditPackSent", true, "auditPackLocation", "Audit pack v1"));
    assertThat(stage).as("every return is in, the nil one included").hasPassed("Event_CaseAuditsDone").isEnded();
    assertThat(outbox(reference, "audit-no-involvement")).hasSize(1);
    assertThat(outbox(reference, "audit-return-after-pack")).isEmpty();
  }

  @Test
  void aNilReturnCountsAsInAtTheDeadlinesAndOnlyTheReturnsNotInAreNamed() {
    String reference = newReference();
    reachWeek2(reference, "domestic-abuse", NOTIFIED, 20, 6);
    for (String agency : List.of("la", "health", "probation")) {
      for (int child = 1; child <= 6; child++) {
        completeAndSignOff(reference, agency, child);
      }
    }
    recordNoInvolvement(reference, "police", 1);
    completeAndSignOff(reference, "police", 2);
    recordNoInvolvement(reference, "police", 3);
    fireDueTimers(reference);
    for (String at : List.of("2027-06-01T12:00:01+01:00", "2027-06-01T17:00:01+01:00")) {
      moveClockTo(at); // AUDITS_DUE, AUDIT_PACK_DUE
      fireDueTimers(reference);
    }

    assertThat(outbox(reference, "audit-returns-overdue")).singleElement()
        .satisfies(row -> assertThat((String) row.get("subject")).contains("3 audit returns missing (Police)"));
    assertThat(missedDeadlines(reference))
        .contains("AUDITS_DUE (Police: 3 children's returns missing)")
        .contains("AUDIT_PACK_DUE (Business Unit has compiled the returns and sent them to partners): Police: returns not in for children 4, 5, 6");
    assertThat(outbox(reference, "audit-no-involvement")).as("once per nil return").hasSize(2);
  }

  @Test
  void aNoInvolvementAnswerThatAlsoClaimsAnAuditToolIsRefusedAndNothingIsRecorded() {
    String reference = newReference();
    atCaseAudit(reference, 6);
    Task task = childTask(reference, "Task_CompleteAuditTool", "health", 4);
    assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("auditInvolvement", "no-involvement",
        "auditToolCompleted", true, "chronologyCompleted", true)))
        .hasMessageContaining("auditToolCompleted: you recorded no involvement with this child")
        .hasMessageContaining("chronologyCompleted: you recorded no involvement with this child");
    assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("auditInvolvement", "not-sure")))
        .hasMessageContaining("auditInvolvement: must be one of involved, no-involvement");
    assertThat(childTask(reference, "Task_CompleteAuditTool", "health", 4)).as("still open").isNotNull();
    assertThat(returns.statuses(reference).getOrDefault("health", Map.of())).as("nothing recorded").isEmpty();
    assertThat(outbox(reference, "audit-no-involvement")).isEmpty();
  }

  @Test
  void anIncompleteReturnIsRefused() {
    String reference = newReference();
    atCaseAudit(reference, 6);
    Task task = childTask(reference, "Task_CompleteAuditTool", "la", 3);
    assertThatThrownBy(() -> tasks.complete(task.getId(), Map.of("auditInvolvement", "involved", "auditToolCompleted", true)))
        .hasMessageContaining("chronologyCompleted: confirm the Chronology is completed")
        .hasMessageContaining("returnLocation: is required");
    assertThat(childTask(reference, "Task_CompleteAuditTool", "la", 3)).isNotNull();
  }

  @Test
  void theWeekendMayBeWorkedAndTheDeadlineStaysOnTheNextWorkingDay() {
    String reference = newReference();
    atCaseAudit(reference, 6);
    moveClockTo("2027-05-29T11:00:00+01:00"); // Saturday
    completeAndSignOff(reference, "probation", 4);
    assertThat(returns.statuses(reference).get("probation").get(4)).isEqualTo(AuditReturns.Status.SUBMITTED);
    // Saturday, Sunday and the Spring bank holiday: day 6 is Tuesday 1 June.
    assertThat(childTask(reference, "Task_CompleteAuditTool", "probation", 5).getDueDate().toInstant())
        .isEqualTo(instant("2027-06-01T12:00:00+01:00"));
  }

  @Test
  void atTheDeadlineAnAgencyWithReturnsMissingIsEscalatedToItsSeniorAndTheBusinessUnit() {
    String reference = newReference();
    // Driven from the notification: the missed deadline is marked on the running jtai-inspection (Cockpit).
    reachWeek2(reference, "domestic-abuse", NOTIFIED, 20, 6);
    for (String agency : List.of("la", "health", "probation")) {
      for (int child = 1; child <= 6; child++) {
        completeAndSignOff(reference, agency, child);
      }
    }
    completeAndSignOff(reference, "police", 1);
    completeAndSignOff(reference, "police", 2);

    moveClockTo("2027-06-01T11:59:00+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "audit-returns-overdue")).isEmpty();
    moveClockTo("2027-06-01T12:00:01+01:00");
    fireDueTimers(reference);

    List<Map<String, Object>> escalations = outbox(reference, "audit-returns-overdue");
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients")).isEqualTo("police.senior@york.example,cyscp@york.gov.uk");
    assertThat((String) escalations.get(0).get("subject")).contains("4 audit returns missing (Police)");
    assertThat(childTask(reference, "Task_CompleteAuditTool", "police", 3)).as("stays open").isNotNull();
    assertThat((String) runtime.getVariable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("jtai-inspection").singleResult().getId(), "missedDeadlines"))
        .contains("AUDITS_DUE (Police: 4 children's returns missing)");
  }

  private String missedDeadlines(String reference) {
    return (String) runtime.getVariable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("jtai-inspection").singleResult().getId(), "missedDeadlines");
  }

  @Test
  void anAgencyThatNeverReturnsAChildDoesNotHoldUpThePackAndItsLateReturnIsAcceptedAndMarkedLate() {
    String reference = newReference();
    // Driven from the notification: what is not in is named on the running jtai-inspection (Cockpit).
    reachWeek2(reference, "domestic-abuse", NOTIFIED, 20, 6);
    ProcessInstance stage = calledProcess(reference, "case-audit");
    for (String agency : AGENCIES) {
      for (int child = 1; child <= 6; child++) {
        if (!(agency.equals("police") && child == 6)) {
          completeAndSignOff(reference, agency, child);
        }
      }
    }
    moveClockTo("2027-06-01T12:00:01+01:00"); // AUDITS_DUE, day 6
    fireDueTimers(reference);
    moveClockTo("2027-06-01T17:00:01+01:00"); // AUDIT_PACK_DUE
    fireDueTimers(reference);

    assertThat(stage).hasPassed("Task_EscalateMissingReturns", "Task_NameReturnsNotIn")
        .isWaitingAt("Task_CompleteAuditTool", "Task_CompileAuditPack", "Timer_CaseAuditsClose");
    assertThat(missedDeadlines(reference))
        .contains("AUDIT_PACK_DUE (Business Unit has compiled the returns and sent them to partners): Police: returns not in for child 6")
        .doesNotContain("Health: returns not in");
    assertThat(outbox(reference, "audit-returns-overdue")).as("escalated once, at AUDITS_DUE").hasSize(1);

    complete(task(reference, "Task_CompileAuditPack"), Map.of("auditPackSent", true, "auditPackLocation", "Audit pack v1"));
    assertThat(stage).as("the pack went ahead; the late return can still come").isWaitingAt("Task_CompleteAuditTool");

    moveClockTo("2027-06-01T18:30:00+01:00");
    completeAndSignOff(reference, "police", 6);
    fireDueTimers(reference); // the asynchronous submission of the return
    assertThat(returns.statuses(reference).get("police").get(6)).isEqualTo(AuditReturns.Status.SUBMITTED);
    assertThat(returns.submittedAfter(reference, instant("2027-06-01T12:00:00+01:00"))).as("marked late").containsExactly("police:6");
    assertThat(outbox(reference, "audit-return-after-pack")).as("the Business Unit is told to add it to the pack")
        .singleElement().satisfies(row -> {
          assertThat(row.get("recipients")).isEqualTo("cyscp@york.gov.uk");
          assertThat((String) row.get("subject")).contains("a late audit return is in (Police)");
        });
    assertThat(stage).hasPassed("Event_CaseAuditsDone").hasNotPassed("Task_CloseCaseAudits").isEnded();
  }

  @Test
  void atTheAuditDayTheCaseAuditsCloseWithWhatIsMissingRecordedAndTheRestWithdrawn() throws Exception {
    String reference = newReference();
    atCaseAudit(reference, 6);
    ProcessInstance stage = calledProcess(reference, "case-audit");
    for (String agency : AGENCIES) {
      for (int child = 1; child <= 6; child++) {
        if (!(agency.equals("probation") && child >= 2)) {
          completeAndSignOff(reference, agency, child);
        }
      }
    }
    moveClockTo("2027-06-01T14:00:00+01:00"); // after AUDITS_DUE, before the pack is due
    fireDueTimers(reference);
    completeAndSignOff(reference, "probation", 2);
    JsonNode view = packView(reference);
    assertThat(view.get(1).get("probation").asText()).isEqualTo("Submitted late");
    assertThat(view.get(0).get("probation").asText()).isEqualTo("Submitted");
    assertThat(view.get(2).get("probation").asText()).isEqualTo("Missing");

    moveClockTo("2027-06-01T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).as("the unsent pack escalated once").hasSize(1);
    moveClockTo("2027-06-02T09:30:01+01:00"); // AUDIT_DAY, day 7
    fireDueTimers(reference);

    assertThat(stage).hasPassed("Timer_CaseAuditsClose", "Task_CloseCaseAudits", "Event_CaseAuditsClosed")
        .hasNotPassed("Event_CaseAuditsDone").isEnded();
    assertThat(openTasks(reference, "Task_CompleteAuditTool")).as("withdrawn").isEmpty();
    assertThat(task(reference, "Task_CompileAuditPack")).isNull();
    assertThat(outbox(reference, "task-overdue")).as("closing escalates nothing twice").hasSize(1);
    assertThat(outbox(reference, "audit-returns-overdue")).hasSize(1);

    // On the board, what was withdrawn after its deadline is a miss, not "not required".
    InspectionBoard.Board after = board.of(schedules.find(reference).orElseThrow(), null);
    assertThat(cellOf(after, "probation", "Task_CompleteAuditTool").state()).isEqualTo(InspectionBoard.State.MISSED);
    assertThat(cellOf(after, "police", "Task_CompleteAuditTool").state()).isEqualTo(InspectionBoard.State.DONE_ON_TIME);
    assertThat(cellOf(after, InspectionBoard.PARTNERSHIP_ROW, "Task_CompileAuditPack").state())
        .as("the pack, withdrawn after it was due").isEqualTo(InspectionBoard.State.MISSED);
  }

  private static InspectionBoard.Cell cellOf(InspectionBoard.Board board, String agency, String step) {
    return board.rows().stream().filter(row -> row.agency().equals(agency)).flatMap(row -> row.cells().stream())
        .filter(cell -> cell.step().equals(step)).findFirst().orElseThrow();
  }

  @Test
  void closingAtTheAuditDayRecordsEachMissOnceOnTheInspection() {
    String reference = newReference();
    reachWeek2(reference, "domestic-abuse", NOTIFIED, 20, 6);
    ProcessInstance stage = calledProcess(reference, "case-audit");
    for (String agency : List.of("la", "health", "probation")) {
      for (int child = 1; child <= 6; child++) {
        completeAndSignOff(reference, agency, child);
      }
    }
    completeAndSignOff(reference, "police", 1);
    for (String at : List.of("2027-06-01T12:00:01+01:00", "2027-06-01T17:00:01+01:00", "2027-06-02T09:30:01+01:00")) {
      moveClockTo(at); // AUDITS_DUE, AUDIT_PACK_DUE (the pack not sent either), AUDIT_DAY
      fireDueTimers(reference);
    }
    assertThat(stage).hasPassed("Task_CloseCaseAudits").isEnded();
    List<String> missed = List.of(missedDeadlines(reference).split("\n"));
    assertThat(missed).doesNotHaveDuplicates()
        .contains("AUDITS_DUE (Police: 5 children's returns missing)",
            "AUDIT_PACK_DUE (Business Unit has compiled the returns and sent them to partners): Police: returns not in for children 2, 3, 4, 5, 6",
            "AUDIT_PACK_DUE (Business Unit has compiled the returns and sent them to partners)");
    assertThat(missed).filteredOn(line -> line.contains("Police")).as("one line per milestone for Police").hasSize(2);
  }
}
