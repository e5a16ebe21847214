package uk.jtai.response.auditreport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.board.InspectionBoard;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.support.AsDemoUsers;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * bpmn/audit-day-and-report.bpmn: the Audit Chair and Author, the Audit Day, the agencies' evidence, the
 * draft and comments, and the statutory sign-off chain by 17:00 on day 9 (guidance 9.12 to 9.16). Each test starts
 * the stage on its own ({@link #atAuditDay}), except the one that checks the missed deadline is marked on the
 * running inspection.
 */
class AuditDayAndReportProcessTest extends ProcessTestSupport {

  /** Monday 24 May 2027: Monday 31 May is a bank holiday, so day 9 is Friday 4 June. */
  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  static final List<String> STATUTORY = List.of("la", "police", "health");
  static final List<String> AGENCIES = List.of("la", "police", "health", "probation", "education");

  @LocalServerPort int port;
  @Autowired ReportDecisions decisions;
  @Autowired InspectionBoard board;
  @Autowired ScheduleRepository schedules;
  @Autowired uk.jtai.response.partnership.Partnership partnership;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void people() {
    TestUsers.ensure(engine.getIdentityService(), "ad-chair", "police");
    TestUsers.ensure(engine.getIdentityService(), "ad-author", "business-unit");
    TestUsers.ensure(engine.getIdentityService(), "ad-probation", "probation");
  }

  /** The stage started on its own (as jtai-inspection starts it in week 2) and its Audit Chair and Author appointed. */
  private String atAuditDay() {
    String reference = newReference();
    ProcessInstance stage = startStage("audit-day-and-report", reference, "domestic-abuse", NOTIFIED);
    assertThat(stage).hasBusinessKey(reference).isWaitingAt("Task_AppointAuditRoles");
    appointRoles(reference);
    return reference;
  }

  /** As {@link #atAuditDay}, reached through the whole inspection (for what is marked on jtai-inspection). */
  private String atAuditDayInTheInspection() {
    String reference = newReference();
    reachWeek2(reference, "domestic-abuse", NOTIFIED, 20, 6);
    appointRoles(reference);
    return reference;
  }

  private void appointRoles(String reference) {
    moveClockTo("2027-05-28T14:00:00+01:00");
    complete(task(reference, "Task_AppointAuditRoles"), Map.of("auditChair", "ad-chair", "auditAuthor", "ad-author"));
  }

  private void recordAuditDay(String reference, List<String> attended) {
    moveClockTo("2027-06-02T16:00:00+01:00");
    Task record = task(reference, "Task_RecordAuditDay");
    assertThat(record.getAssignee()).isEqualTo("ad-chair");
    assertThat(tasks.getVariable(record.getId(), "auditDayVenue")).isEqualTo("West Offices, Station Rise, York");
    complete(record, Map.of("auditDayHeld", true, "attendedAgencies", SpinValues.jsonValue(json.valueToTree(attended).toString()).create()));
  }

  private void shareDraft(String reference, int version, String at) {
    moveClockTo(at);
    Task upload = task(reference, "Task_UploadReportDraft");
    assertThat(upload.getAssignee()).isEqualTo("ad-author");
    complete(upload, Map.of("newReportVersion", version, "newReportLocation", "Reports/audit-report-v" + version));
  }

  private void decide(String reference, String agency, boolean approve, String reason) {
    Task task = agencyTask(reference, "Task_ApproveAuditReport", agency);
    complete(task, approve ? Map.of("reportDecision", "approve", "qualityAssured", true)
        : Map.of("reportDecision", "reject", "reportDecisionReason", reason));
  }

  private ProcessInstance stage(String reference) {
    return calledProcess(reference, "audit-day-and-report");
  }

  private void provideEvidence(String reference, String agency) throws Exception {
    Task confirm = agencyTask(reference, "Task_ConfirmEvidence", agency);
    ArrayNode rows = (ArrayNode) json.readTree(tasks.getVariable(confirm.getId(), "caseRecordRows").toString());
    rows.forEach(row -> ((ObjectNode) row).put("shared", true));
    complete(confirm, Map.of("evidenceProvided", true, "caseRecordRows", SpinValues.jsonValue(rows.toString()).create()));
  }

  @Test
  void theChainRunsOnTimeAndLaimSubmitsTheReportApprovedByEveryStatutoryPartner() throws Exception {
    String reference = atAuditDay();
    ProcessInstance stage = stage(reference);
    for (String agency : AGENCIES) {
      provideEvidence(reference, agency);
    }
    recordAuditDay(reference, List.of("la", "police", "health", "education"));
    shareDraft(reference, 1, "2027-06-03T15:00:00+01:00");

    assertThat(openTasks(reference, "Task_CommentOnDraft")).hasSize(4);
    assertThat(agencyTask(reference, "Task_CommentOnDraft", "education").getDueDate().toInstant())
        .as("three working hours after sharing").isEqualTo(instant("2027-06-04T10:00:00+01:00"));
    complete(agencyTask(reference, "Task_CommentOnDraft", "education"), Map.of("draftComment", "Add the school's view."));
    complete(agencyTask(reference, "Task_CommentOnDraft", "la"), Map.of());

    assertThat(openTasks(reference, "Task_ApproveAuditReport")).hasSize(3);
    assertThat(agencyTask(reference, "Task_ApproveAuditReport", "police").getDueDate().toInstant())
        .isEqualTo(instant("2027-06-04T17:00:00+01:00"));
    for (String partner : STATUTORY) {
      // The partnership file's audit-report-approvers (York: each partner's lead contact or deputy, 9.15).
      assertThat(tasks.getIdentityLinksForTask(agencyTask(reference, "Task_ApproveAuditReport", partner).getId()))
          .as(partner).extracting(org.camunda.bpm.engine.task.IdentityLink::getGroupId)
          .containsExactly(partnership.reportApproverGroup(partner)).containsExactly(partner);
    }
    for (String partner : STATUTORY) {
      decide(reference, partner, true, null);
    }
    moveClockTo("2027-06-04T11:00:00+01:00");
    complete(task(reference, "Task_SubmitAuditReport"), Map.of("reportSubmitted", true, "reportSubmittedAt", "2027-06-04T10:55:00+01:00"));

    assertThat(stage).hasPassed("Task_AppointAuditRoles", "Task_RecordAuditDay", "Task_UploadReportDraft", "Task_SubmitAuditReport")
        .isEnded();
    assertThat(openTasks(reference, "Task_CommentOnDraft")).as("comments close with the report").isEmpty();
    assertThat(decisions.comments(reference, 1)).extracting(ReportDecisions.Comment::agency).containsExactly("education");
    assertThat(outbox(reference, "audit-report-warning")).isEmpty();
  }

  @Test
  void aPartnerRejectsTheReportAndVersionTwoNeedsEveryApprovalAgain() throws Exception {
    String reference = atAuditDay();
    recordAuditDay(reference, STATUTORY);
    shareDraft(reference, 1, "2027-06-03T10:00:00+01:00");
    decide(reference, "la", true, null);
    decide(reference, "health", false, "The section on health visiting is inaccurate");

    assertThat(openTasks(reference, "Task_ApproveAuditReport")).as("a rejection stops the chain").isEmpty();
    Task revise = task(reference, "Task_UploadReportDraft");
    assertThat((String) forms.getTaskFormVariables(revise.getId()).get("reportFeedback"))
        .contains("Health rejected version 1: The section on health visiting is inaccurate");
    assertThatThrownBy(() -> tasks.complete(revise.getId(), Map.of("newReportVersion", 1, "newReportLocation", "x")))
        .hasMessageContaining("newReportVersion: must be higher than the last version shared (1)");

    shareDraft(reference, 2, "2027-06-03T14:00:00+01:00");
    assertThat(openTasks(reference, "Task_ApproveAuditReport")).as("every partner approves version 2").hasSize(3);
    decide(reference, "health", true, null);
    decide(reference, "police", true, null);
    assertThat(task(reference, "Task_SubmitAuditReport")).as("la's approval of version 1 does not count").isNull();
    assertThat(decisions.decisions(reference, 2)).containsOnlyKeys("health", "police");

    // The board shows each version's decisions as they come in: the Business Unit every partner's, the Police its own.
    InspectionSchedule schedule = schedules.find(reference).orElseThrow();
    List<InspectionBoard.ReportVersion> versions = board.of(schedule, null).approvals();
    assertThat(versions).extracting(InspectionBoard.ReportVersion::version).containsExactly(2, 1);
    assertThat(versions.get(0).current()).isTrue();
    assertThat(versions.get(0).approvals()).extracting(InspectionBoard.Approval::agency, InspectionBoard.Approval::decision)
        .containsExactly(tuple("la", null), tuple("police", "APPROVED"), tuple("health", "APPROVED"));
    assertThat(versions.get(1).approvals()).extracting(InspectionBoard.Approval::agency, InspectionBoard.Approval::decision)
        .containsExactly(tuple("la", "APPROVED"), tuple("police", null), tuple("health", "REJECTED"));
    assertThat(board.of(schedule, java.util.Set.of("police")).approvals().get(0).approvals())
        .extracting(InspectionBoard.Approval::agency).containsExactly("police");
    new AsDemoUsers(engine, partnership);
    String page = Http.as(port, "bu", TestUsers.PASSWORD).get("/inspections/" + reference + "/board").body();
    assertThat(page).contains("Audit report approvals", "Version 2 (current)", "Awaited", "Not approved", "Version 1")
        .doesNotContain("health visiting is inaccurate");
    decide(reference, "la", true, null);
    assertThat(task(reference, "Task_SubmitAuditReport")).isNotNull();
  }

  @Test
  void theDay9WarningAt12AndTheMissAt17FireAtTheRightInstantsInABankHolidayWeek() {
    String reference = atAuditDayInTheInspection();
    recordAuditDay(reference, STATUTORY);
    shareDraft(reference, 1, "2027-06-03T16:00:00+01:00");
    decide(reference, "police", true, null);

    moveClockTo("2027-06-04T11:59:59+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "audit-report-warning")).isEmpty();

    moveClockTo("2027-06-04T12:00:01+01:00");
    fireDueTimers(reference);
    List<Map<String, Object>> warnings = outbox(reference, "audit-report-warning");
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).get("recipients")).isEqualTo("dcs@york.example,cyscp@york.gov.uk");
    assertThat((String) warnings.get(0).get("body")).contains("Version 1 of the report has not yet been approved by: Local Authority, Health")
        .contains("17:00 on Friday 4 June");

    moveClockTo("2027-06-04T16:59:59+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "audit-report-missed")).isEmpty();
    moveClockTo("2027-06-04T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "audit-report-missed")).hasSize(1);
    String inspection = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("jtai-inspection").singleResult().getId();
    assertThat((String) runtime.getVariable(inspection, "missedDeadlines")).contains("AUDIT_REPORT_DUE");
    assertThat(openTasks(reference, "Task_ApproveAuditReport")).as("the chain stays open").hasSize(2);
  }

  private String missedDeadlines(String reference) {
    String inspection = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("jtai-inspection").singleResult().getId();
    return (String) runtime.getVariable(inspection, "missedDeadlines");
  }

  @Test
  void theReportGoesAt17OnDay9WithTheMissingApprovalsNamedAndALateApprovalKeptAsLate() {
    String reference = atAuditDayInTheInspection();
    recordAuditDay(reference, STATUTORY);
    shareDraft(reference, 1, "2027-06-03T16:00:00+01:00");
    decide(reference, "police", true, null);

    moveClockTo("2027-06-04T16:59:59+01:00");
    fireDueTimers(reference);
    assertThat(task(reference, "Task_SubmitAuditReport")).as("waits for the approvals until the deadline").isNull();

    moveClockTo("2027-06-04T17:00:01+01:00");
    fireDueTimers(reference);
    Task submit = task(reference, "Task_SubmitAuditReport");
    assertThat(submit).as("the submission opens at 17:00 whoever is late").isNotNull();
    assertThat(submit.getDueDate().toInstant()).isEqualTo(instant("2027-06-04T17:00:00+01:00"));
    assertThat((String) forms.getTaskFormVariables(submit.getId()).get("submissionStatus"))
        .contains("Version 1 (at Reports/audit-report-v1) has not been approved by: Local Authority, Health");
    assertThat(outbox(reference, "audit-report-missed")).singleElement().satisfies(row -> assertThat(row.get("recipients"))
        .as("the LAIM is told the submission is open").isEqualTo("dcs@york.example,cyscp@york.gov.uk," + partnership.laim().email()));
    assertThat(missedDeadlines(reference))
        .contains("AUDIT_REPORT_DUE (Audit report approved by all statutory partners and submitted to the inspectors): Local Authority approval")
        .contains("AUDIT_REPORT_DUE (Audit report approved by all statutory partners and submitted to the inspectors): Health approval")
        .doesNotContain("Police approval");
    assertThat(runtime.getVariables(submit.getProcessInstanceId())).as("no missing approvals in the engine")
        .doesNotContainKey("submissionStatus");

    moveClockTo("2027-06-04T17:30:00+01:00");
    decide(reference, "health", true, null);
    assertThat(decisions.late(reference, 1)).as("kept as late").containsExactly("health");
    assertThat(openTasks(reference, "Task_SubmitAuditReport")).as("still the one submission").hasSize(1);
    assertThat((String) forms.getTaskFormVariables(submit.getId()).get("submissionStatus"))
        .contains("has not been approved by: Local Authority.");
    fireDueTimers(reference);
    assertThat(outbox(reference, "audit-report-missed")).as("escalated once").hasSize(1);

    moveClockTo("2027-06-04T17:45:00+01:00");
    complete(submit, Map.of("reportSubmitted", true, "reportSubmittedAt", "2027-06-04T17:40:00+01:00"));
    assertThat(stage(reference)).hasPassed("Timer_SubmissionOpens", "Task_EscalateAuditReport", "Task_SubmitAuditReport")
        .hasNotPassed("Event_ReportApprovedCaught");
    assertThat(openTasks(reference, "Task_ApproveAuditReport")).as("submitting closes the chain: nothing waits").isEmpty();
    assertThat(decisions.submission(reference)).hasValueSatisfying(submitted -> {
      assertThat(submitted.version()).isEqualTo(1);
      assertThat(submitted.missingApprovals()).isEqualTo("Local Authority");
      assertThat(submitted.submittedAt()).isEqualTo(instant("2027-06-04T17:40:00+01:00"));
    });
  }

  @Test
  void everyApprovalGivenLateLeavesTheOneSubmissionTheDeadlineOpened() {
    String reference = atAuditDay();
    recordAuditDay(reference, STATUTORY);
    shareDraft(reference, 1, "2027-06-03T16:00:00+01:00");
    moveClockTo("2027-06-04T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(openTasks(reference, "Task_SubmitAuditReport")).hasSize(1);

    moveClockTo("2027-06-07T09:30:00+01:00");
    for (String partner : STATUTORY) {
      decide(reference, partner, true, null);
    }
    assertThat(decisions.late(reference, 1)).containsExactlyInAnyOrderElementsOf(STATUTORY);
    assertThat(openTasks(reference, "Task_SubmitAuditReport")).as("no second submission").hasSize(1);
    assertThat((String) forms.getTaskFormVariables(task(reference, "Task_SubmitAuditReport").getId()).get("submissionStatus"))
        .startsWith("Every statutory partner has approved version 1");
    complete(task(reference, "Task_SubmitAuditReport"), Map.of("reportSubmitted", true, "reportSubmittedAt", "2027-06-07T09:30:00+01:00"));
    assertThat(decisions.submission(reference)).hasValueSatisfying(s -> assertThat(s.missingApprovals()).isNull());
    assertThat(stage(reference)).hasPassed("Event_ReportApproved", "Task_SubmitAuditReport");
  }

  @Test
  void withNoDraftShared17OnDay9OpensTheSubmissionNamingEveryApprovalMissing() {
    String reference = atAuditDay();
    recordAuditDay(reference, STATUTORY);
    moveClockTo("2027-06-04T17:00:01+01:00");
    fireDueTimers(reference);
    Task submit = task(reference, "Task_SubmitAuditReport");
    assertThat((String) forms.getTaskFormVariables(submit.getId()).get("submissionStatus"))
        .startsWith("No draft of the report has been shared by the Audit Author");
    assertThat(outbox(reference, "audit-report-missed")).singleElement()
        .satisfies(row -> assertThat((String) row.get("body")).contains("No draft of the audit report has been shared yet, so no approval has been given by: Local Authority, Police, Health"));
    assertThatThrownBy(() -> tasks.complete(submit.getId(), Map.of("reportSubmitted", false, "reportSubmittedAt", "2027-06-04T17:00:00+01:00")))
        .hasMessageContaining("reportSubmitted: confirm the report was submitted to the inspectors");
    complete(submit, Map.of("reportSubmitted", true, "reportSubmittedAt", "2027-06-04T17:00:00+01:00"));
    assertThat(task(reference, "Task_UploadReportDraft")).as("the Author's draft no longer waited for").isNull();
    assertThat(decisions.submission(reference)).hasValueSatisfying(s -> {
      assertThat(s.version()).isNull();
      assertThat(s.missingApprovals()).isEqualTo("Local Authority, Police, Health");
    });
  }

  private static String reassignment(String role, String newUser, String reason) {
    return "{\"role\":\"" + role + "\",\"newUser\":\"" + newUser + "\",\"reason\":\"" + reason + "\"}";
  }

  @Test
  void theBusinessUnitReplacesAnIllChairOnDay6AndTheChairsTaskMovesToTheNewChair() {
    TestUsers.ensure(engine.getIdentityService(), "ad-bu", "business-unit");
    TestUsers.ensure(engine.getIdentityService(), "ad-chair2", "health");
    String reference = atAuditDay();
    assertThat(task(reference, "Task_RecordAuditDay").getAssignee()).isEqualTo("ad-chair");
    String path = "/api/inspections/" + reference + "/audit-roles";
    moveClockTo("2027-06-01T09:30:00+01:00");

    var refused = Http.as(port, "ad-probation", TestUsers.PASSWORD).post(path, reassignment("chair", "ad-chair2", "Ill"));
    assertThat(refused.statusCode()).as("only the Business Unit").isEqualTo(403);
    Http bu = Http.as(port, "ad-bu", TestUsers.PASSWORD);
    var notStatutory = bu.post(path, reassignment("chair", "ad-probation", "The Chair is ill"));
    assertThat(notStatutory.statusCode()).isEqualTo(400);
    assertThat(notStatutory.body()).contains("\"field\":\"newUser\"").contains("the Audit Chair must be a person from a statutory partner");
    var badRole = bu.post(path, "{\"role\":\"treasurer\",\"newUser\":\"ad-chair2\"}");
    assertThat(badRole.statusCode()).isEqualTo(400);
    assertThat(badRole.body()).contains("\"field\":\"role\"").contains("\"field\":\"reason\"");
    var same = bu.post(path, reassignment("chair", "ad-chair", "Again"));
    assertThat(same.statusCode()).isEqualTo(400);
    assertThat(same.body()).contains("\"field\":\"newUser\"").contains("is already the Audit Chair");
    assertThat(task(reference, "Task_RecordAuditDay").getAssignee()).as("nothing changed by a refusal").isEqualTo("ad-chair");
    assertThat(outbox(reference, "audit-role-assigned")).isEmpty();

    var done = bu.post(path, reassignment("chair", "ad-chair2", "The Chair is ill"));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    assertThat(task(reference, "Task_RecordAuditDay").getAssignee()).isEqualTo("ad-chair2");
    assertThat(runtime.getVariable(stage(reference).getId(), "auditChair")).isEqualTo("ad-chair2");
    assertThat(outbox(reference, "audit-role-assigned")).singleElement().satisfies(mail -> {
      assertThat(mail.get("recipients")).isEqualTo("ad-chair2@test.example");
      assertThat((String) mail.get("subject")).contains("you are now the Audit Chair");
    });
    assertThat(outbox(reference, "audit-role-released")).singleElement()
        .satisfies(mail -> assertThat(mail.get("recipients")).isEqualTo("ad-chair@test.example"));
    var changes = bu.get(path);
    assertThat(changes.statusCode()).isEqualTo(200);
    assertThat(changes.body()).contains("\"oldUser\":\"ad-chair\"").contains("\"newUser\":\"ad-chair2\"")
        .contains("\"reason\":\"The Chair is ill\"").contains("\"changedBy\":\"ad-bu\"");
    assertThat(Http.as(port, "ad-probation", TestUsers.PASSWORD).get(path).statusCode()).isEqualTo(403);

    // The Author is replaced before the draft exists: the draft task, when it opens, goes to the new Author.
    TestUsers.ensure(engine.getIdentityService(), "ad-author2", "business-unit");
    assertThat(bu.post(path, reassignment("author", "ad-author2", "Moved to another post")).statusCode()).isEqualTo(200);
    moveClockTo("2027-06-02T16:00:00+01:00");
    complete(task(reference, "Task_RecordAuditDay"), Map.of("auditDayHeld", true,
        "attendedAgencies", SpinValues.jsonValue("[\"police\"]").create()));
    assertThat(task(reference, "Task_UploadReportDraft").getAssignee()).isEqualTo("ad-author2");
  }

  @Test
  void theAuthorsOpenDraftMovesToTheNewAuthorAndAStageNotRunningIsAConflict() {
    TestUsers.ensure(engine.getIdentityService(), "ad-bu", "business-unit");
    TestUsers.ensure(engine.getIdentityService(), "ad-author2", "la");
    String reference = atAuditDay();
    recordAuditDay(reference, STATUTORY);
    assertThat(task(reference, "Task_UploadReportDraft").getAssignee()).isEqualTo("ad-author");
    Http bu = Http.as(port, "ad-bu", TestUsers.PASSWORD);
    String path = "/api/inspections/" + reference + "/audit-roles";
    assertThat(bu.post(path, reassignment("author", "ad-author2", "Leave")).statusCode()).isEqualTo(200);
    assertThat(task(reference, "Task_UploadReportDraft").getAssignee()).isEqualTo("ad-author2");

    assertThat(bu.post("/api/inspections/JTAI-NO-SUCH/audit-roles", reassignment("author", "ad-author", "x")).statusCode())
        .isEqualTo(404);
    runtime.deleteProcessInstance(stage(reference).getId(), "test: the stage has ended");
    var ended = bu.post(path, reassignment("author", "ad-author", "Back"));
    assertThat(ended.statusCode()).isEqualTo(409);
    assertThat(ended.body()).contains("is not running");
  }

  @Test
  void theChairMustBeFromAStatutoryPartner() {
    String reference = newReference();
    ProcessInstance stage = startStage("audit-day-and-report", reference, "domestic-abuse", NOTIFIED);
    Task appoint = task(reference, "Task_AppointAuditRoles");
    assertThat(tasks.getVariable(appoint.getId(), "chairChoices").toString()).contains("ad-chair").doesNotContain("ad-probation");
    assertThatThrownBy(() -> tasks.complete(appoint.getId(), Map.of("auditChair", "ad-probation", "auditAuthor", "nobody-at-all")))
        .hasMessageContaining("auditChair: the Audit Chair must be a person from a statutory partner")
        .hasMessageContaining("auditAuthor: the Audit Author must be a user of the partnership");
    assertThat(stage).isWaitingAt("Task_AppointAuditRoles");
  }

  @Test
  void aNonStatutoryAgencyCannotApproveTheReportOverRest() {
    String reference = atAuditDay();
    recordAuditDay(reference, AGENCIES);
    shareDraft(reference, 1, "2027-06-03T10:00:00+01:00");
    Http probation = Http.as(port, "ad-probation", TestUsers.PASSWORD);
    for (Task approval : openTasks(reference, "Task_ApproveAuditReport")) {
      var response = probation.post("/engine-rest/task/" + approval.getId() + "/complete",
          "{\"variables\":{\"reportDecision\":{\"value\":\"approve\"},\"qualityAssured\":{\"value\":true}}}");
      assertThat(response.statusCode()).isEqualTo(403);
    }
    assertThat(openTasks(reference, "Task_ApproveAuditReport")).hasSize(3)
        .allSatisfy(t -> assertThat(STATUTORY).contains((String) tasks.getVariable(t.getId(), "agency")));
    assertThat(probation.get("/engine-rest/task?taskDefinitionKey=Task_ApproveAuditReport").body()).isEqualTo("[]");
  }

  @Test
  void theCommentWindowClosesAfterItsWorkingHours() {
    String reference = atAuditDay();
    recordAuditDay(reference, List.of("police", "probation"));
    shareDraft(reference, 1, "2027-06-03T10:00:00+01:00");
    assertThat(openTasks(reference, "Task_CommentOnDraft")).hasSize(2);
    moveClockTo("2027-06-03T13:00:01+01:00");
    fireDueTimers(reference);
    assertThat(openTasks(reference, "Task_CommentOnDraft")).isEmpty();
    assertThat(stage(reference)).hasPassed("Event_CommentWindowClosed");
  }

  @Test
  void evidenceNotProvidedBy17OnDay7IsEscalated() throws Exception {
    String reference = atAuditDay();
    for (String agency : List.of("la", "police", "health", "education")) {
      provideEvidence(reference, agency);
    }
    moveClockTo("2027-06-02T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("Confirm the evidence"))
        .singleElement().satisfies(row -> assertThat(row.get("recipients"))
            .isEqualTo("probation.lead@york.example,probation.deputy@york.example,probation.senior@york.example,cyscp@york.gov.uk"));
    assertThat(agencyTask(reference, "Task_ConfirmEvidence", "probation")).as("stays open").isNotNull();
  }

  @Test
  void theAuditDayMustListAgenciesOfTheInspection() {
    String reference = atAuditDay();
    Task record = task(reference, "Task_RecordAuditDay");
    assertThatThrownBy(() -> tasks.complete(record.getId(), Map.of("auditDayHeld", true,
        "attendedAgencies", SpinValues.jsonValue("[\"police\",\"fire-service\"]").create())))
        .hasMessageContaining("attendedAgencies: 'fire-service' is not an agency of this inspection");
  }

  @Test
  void withNoAppointmentTheEvidenceTasksStillOpenAndTheDraftOpensAtTheEndOfTheAuditDay() {
    String reference = newReference();
    ProcessInstance stage = startStage("audit-day-and-report", reference, "domestic-abuse", NOTIFIED);
    assertThat(openTasks(reference, "Task_ConfirmEvidence")).as("the evidence waits for no appointment").hasSize(AGENCIES.size());
    assertThat(stage).isWaitingAt("Task_AppointAuditRoles", "Task_ConfirmEvidence", "Gateway_ReportOpens", "Timer_AuditDayStageCloses");

    moveClockTo("2027-05-28T12:00:01+01:00"); // AUDIT_ROLES_DUE, day 6 (Friday 28 May)
    fireDueTimers(reference);
    moveClockTo("2027-06-02T17:00:01+01:00"); // AUDIT_DAY_RECORDED_DUE, day 7
    fireDueTimers(reference);

    Task draft = task(reference, "Task_UploadReportDraft");
    assertThat(draft).as("opens at its milestone without an Author or an Audit Day record").isNotNull();
    assertThat(draft.getAssignee()).isNull();
    assertThat(tasks.getIdentityLinksForTask(draft.getId())).extracting(org.camunda.bpm.engine.task.IdentityLink::getGroupId)
        .containsExactly("business-unit");
    assertThat(stage).hasPassed("Timer_ReportOpens").hasNotPassed("Event_AuditDayRecordedCaught", "Task_RecordAuditDay");
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("Audit Chair"))
        .as("the missed appointment escalated once").hasSize(1);

    moveClockTo("2027-06-02T17:30:00+01:00");
    complete(task(reference, "Task_AppointAuditRoles"), Map.of("auditChair", "ad-chair", "auditAuthor", "ad-author"));
    draft = task(reference, "Task_UploadReportDraft");
    assertThat(draft.getAssignee()).as("the late appointment hands the draft to the Author").isEqualTo("ad-author");
    assertThat(tasks.getIdentityLinksForTask(draft.getId())).extracting(org.camunda.bpm.engine.task.IdentityLink::getGroupId)
        .doesNotContain("business-unit");
    assertThat(task(reference, "Task_RecordAuditDay").getAssignee()).as("the Chair can still record the day late").isEqualTo("ad-chair");

    shareDraft(reference, 1, "2027-06-03T15:00:00+01:00");
    assertThat(openTasks(reference, "Task_CommentOnDraft")).as("no attendance recorded: every agency may comment")
        .hasSize(AGENCIES.size());
    assertThat(openTasks(reference, "Task_ApproveAuditReport")).hasSize(STATUTORY.size());
  }

  @Test
  void theDraftOpensAsSoonAsTheChairRecordsTheAuditDay() {
    String reference = atAuditDay();
    assertThat(task(reference, "Task_UploadReportDraft")).isNull();
    recordAuditDay(reference, List.of("la", "police", "health"));
    assertThat(task(reference, "Task_UploadReportDraft").getAssignee()).isEqualTo("ad-author");
    assertThat(stage(reference)).hasPassed("Event_AuditDayRecorded", "Event_AuditDayRecordedCaught").hasNotPassed("Timer_ReportOpens");
    assertThat(management.createJobQuery().processInstanceId(stage(reference).getId()).activityId("Timer_ReportOpens").count())
        .as("the milestone no longer waited for").isZero();
  }

  @Test
  void whenFieldworkStartsTheStageClosesAndWhatIsStillOpenIsWithdrawn() throws Exception {
    String reference = atAuditDay();
    ProcessInstance stage = stage(reference);
    for (String agency : List.of("la", "police", "health", "probation")) {
      provideEvidence(reference, agency);
    }
    recordAuditDay(reference, List.of("la", "police", "health"));
    shareDraft(reference, 1, "2027-06-03T15:00:00+01:00");
    for (String partner : STATUTORY) {
      decide(reference, partner, true, null);
    }
    moveClockTo("2027-06-04T17:00:01+01:00"); // AUDIT_REPORT_DUE: education's evidence is late, the LAIM has not submitted
    fireDueTimers(reference);
    assertThat(stage).isWaitingAt("Task_SubmitAuditReport", "Task_ConfirmEvidence", "Timer_AuditDayStageCloses");

    moveClockTo("2027-06-08T09:00:01+01:00"); // FIELDWORK_START, day 11
    fireDueTimers(reference);
    assertThat(stage).hasPassed("Task_CloseAuditDayStage", "Event_AuditDayStageClosed").hasNotPassed("Event_AuditReportDone").isEnded();
    assertThat(task(reference, "Task_SubmitAuditReport")).isNull();
    assertThat(openTasks(reference, "Task_ConfirmEvidence")).isEmpty();
  }
}
