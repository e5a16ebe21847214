package uk.jtai.response.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.support.AsDemoUsers;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * One whole inspection, from the notification to closing (days 1 to 10, fieldwork, the report, the
 * action plan, and an issue of concern on the way), driven through the engine API as the demo users of each role (never
 * as an administrator): every task is found and completed by the person whose role it is, and at every
 * stage each user sees only the tasks of their own groups.
 */
class WholeInspectionAsDemoUsersTest extends ProcessTestSupport {

  static final List<String> AGENCIES = List.of("la", "police", "health", "probation", "education");
  /** The domestic abuse theme's case-audit agencies (guidance 6.1): schools are seen by the schools HMI. */
  static final List<String> CASE_AUDIT_AGENCIES = List.of("la", "police", "health", "probation");

  @Autowired uk.jtai.response.partnership.Partnership partnership;
  private AsDemoUsers demo;

  @org.junit.jupiter.api.BeforeEach
  void demoUsers() {
    demo = new AsDemoUsers(engine, partnership);
  }

  private void work(String user, String reference, String taskKey, Map<String, Object> variables) {
    demo.work(user, reference, taskKey, variables);
  }

  private List<Task> visibleTo(String user, String reference) {
    return demo.visibleTo(user, reference);
  }

  private void everyoneSeesOnlyTheirOwnTasks(String reference) {
    demo.everyoneSeesOnlyTheirOwnTasks(reference);
  }

  @Test
  void fromNotificationToClosingAsThePeopleWhoseJobItIs() throws Exception {
    String reference = newReference();
    moveClockTo("2027-05-24T09:10:00+01:00");
    ProcessInstance inspection = demo.notify(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");

    // Day 1 to 2
    moveClockTo("2027-05-24T10:00:00+01:00");
    work("bu", reference, "Task_NotifyPartners", Map.of("contactsCurrent", true));
    everyoneSeesOnlyTheirOwnTasks(reference);
    for (String agency : AGENCIES) {
      work(agency + ".lead", reference, "Task_ConfirmLeadContact", Map.of("confirmedContact", "lead",
          "contactName", agency + " lead", "briefed", true));
      work(agency + ".deputy", reference, "Task_GiveFieldworkMeetings", Map.of("noMeetings", true, "sentToLeadInspector", true));
    }
    work("dcs", reference, "Task_ConfirmScrutineerNotified", Map.of("scrutineerNotified", true,
        "scrutineerNotifiedHow", "telephone", "scrutineerNotifiedAt", "2027-05-24T09:40:00+01:00"));
    work("laim", reference, "Task_RecordSetUpDiscussion", Map.of("setUpDiscussionAt", "2027-05-24T09:50:00+01:00",
        "statutoryPartnersAttended", true, "annexARequestReceived", true, "concernsArrangementsAgreed", true));
    moveClockTo("2027-05-25T15:00:00+01:00");
    demo.submitAnnexA(reference);

    // Days 3 to 5
    moveClockTo("2027-05-26T10:00:00+01:00");
    List<String> twenty = ChildData.references(500, 20);
    work("laim", reference, "Task_RecordFirstSelection", Map.of("firstSelectionEntry", ChildData.lines(twenty)));
    everyoneSeesOnlyTheirOwnTasks(reference);
    for (String agency : CASE_AUDIT_AGENCIES) {
      demo.answerKnownToAgency(agency, reference);
    }
    fireDueTimers(reference);
    work("laim", reference, "Task_ForwardReturns", Map.of("returnsSentToInspectors", true, "returnsSentAt", "2027-05-26T10:00:00+01:00"));
    moveClockTo("2027-05-28T10:30:00+01:00");
    work("laim", reference, "Task_RecordAuditSelection", Map.of("auditSelectionEntry", ChildData.lines(twenty.subList(2, 8))));
    work("bu", reference, "Task_SendAuditTool", Map.of("auditToolAvailable", true));
    everyoneSeesOnlyTheirOwnTasks(reference);

    // Days 5 to 6: case audits with senior sign-off, the pack
    for (String agency : CASE_AUDIT_AGENCIES) {
      demo.auditAndSignOff(agency, reference, 6);
    }
    fireDueTimers(reference);
    work("bu", reference, "Task_CompileAuditPack", Map.of("auditPackSent", true, "auditPackLocation", "Pack"));

    // Days 6 to 9: Audit Day, evidence, the report and its sign-off
    work("bu", reference, "Task_AppointAuditRoles", Map.of("auditChair", "police.lead", "auditAuthor", "bu"));
    everyoneSeesOnlyTheirOwnTasks(reference);
    for (String agency : AGENCIES) {
      demo.provideEvidence(agency, reference);
    }
    moveClockTo("2027-06-02T15:00:00+01:00");
    work("police.lead", reference, "Task_RecordAuditDay", Map.of("auditDayHeld", true,
        "attendedAgencies", SpinValues.jsonValue("[\"la\",\"police\",\"health\",\"probation\",\"education\"]").create()));
    moveClockTo("2027-06-03T14:00:00+01:00");
    work("bu", reference, "Task_UploadReportDraft", Map.of("newReportVersion", 1, "newReportLocation", "Report v1"));
    work("probation.lead", reference, "Task_CommentOnDraft", Map.of("draftComment", "Please mention the MAPPA referral."));
    everyoneSeesOnlyTheirOwnTasks(reference);
    for (String partner : List.of("la", "police", "health")) {
      work(partner + ".deputy", reference, "Task_ApproveAuditReport", Map.of("reportDecision", "approve", "qualityAssured", true));
    }
    moveClockTo("2027-06-04T10:00:00+01:00");
    work("laim", reference, "Task_SubmitAuditReport", Map.of("reportSubmitted", true, "reportSubmittedAt", "2027-06-04T09:55:00+01:00"));

    // Days 9 to 10
    work("laim", reference, "Task_RecordOnSiteProgramme", Map.of("programmeAgreedAt", "2027-06-04T09:00:00+01:00",
        "programmeLocation", "Timetable"));
    for (String agency : AGENCIES) {
      work(agency + ".deputy", reference, "Task_ConfirmChildrenAndFamilies", Map.of("arrangementsConfirmed", true,
          "arrangementsContact", agency + " family liaison"));
    }

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).finished().list())
        .extracting(i -> i.getProcessDefinitionKey())
        .contains("notification-cascade", "annex-a", "child-selection", "fieldwork-meetings", "case-audit", "audit-day-and-report");
    everyoneSeesOnlyTheirOwnTasks(reference);

    // An issue of concern, at any time: LAIM records it, the police senior responds, LAIM records the response.
    work("laim", reference, "Task_RecordIssueOfConcern", Map.of("concernAgency", "police", "concernSummary", "A concern"));
    everyoneSeesOnlyTheirOwnTasks(reference);
    work("police.senior", reference, "Task_RespondToConcern", Map.of("agencyResponse", "Resolved"));
    work("laim", reference, "Task_RecordConcernResponse", Map.of("responseRecordedOnTemplate", true,
        "responseGivenAt", "2027-06-04T09:30:00+01:00"));

    // Week 3: fieldwork
    work("bu", reference, "Task_UpdateContextPresentation", Map.of("presentationUpdated", true, "presentationLocation", "Context"));
    moveClockTo("2027-06-08T12:00:00+01:00");
    work("laim", reference, "Task_RecordLeadersMeeting", Map.of("leadersMeetingAt", "2027-06-08T09:30:00+01:00"));
    work("laim", reference, "Task_RecordPlanningThemes", Map.of("planningDay", "2027-06-08", "planningThemes", "Joint working"));
    work("laim", reference, "Task_ArrangeKitMeetings", Map.of("kitDecision", "arrange",
        "kitDays", SpinValues.jsonValue("[\"2027-06-10\"]").create(), "kitAgencies", SpinValues.jsonValue("[\"health\"]").create()));
    work("health.lead", reference, "Task_NameKitLeader", Map.of("kitLeaderName", "Designated Nurse", "kitLeaderRole", "Safeguarding"));
    work("laim", reference, "Task_RecordPlanningThemes", Map.of("planningFinished", true));
    moveClockTo("2027-06-14T17:30:00+01:00");
    work("laim", reference, "Task_RecordFindings", Map.of("findingsFedBackAt", "2027-06-14T16:00:00+01:00"));

    // Weeks 4 to 10, publication, the action plan, the debrief
    moveClockTo("2027-07-02T11:00:00+01:00");
    work("dcs", reference, "Task_RecordDraftReport", Map.of("draftArrivedAt", "2027-07-02T10:00:00+01:00", "draftReportLocation", "Draft"));
    for (String agency : AGENCIES) {
      work(agency + ".lead", reference, "Task_SendFactualAccuracy", Map.of("noFactualComments", true));
    }
    fireDueTimers(reference);
    work("dcs", reference, "Task_ReturnFactualAccuracy", Map.of("factualAccuracyReturned", true,
        "factualAccuracyReturnedAt", "2027-07-02T10:30:00+01:00"));
    moveClockTo("2027-07-26T11:00:00+01:00");
    work("dcs", reference, "Task_RecordFinalReport", Map.of("finalArrivedAt", "2027-07-26T10:00:00+01:00",
        "finalReportLocation", "Final", "publicationDate", "2027-07-30"));
    moveClockTo("2027-07-30T10:00:00+01:00");
    work("bu", reference, "Task_RecordPublication", Map.of("publishedAt", "2027-07-30T09:00:00+01:00",
        "reportUrl", "https://reports.ofsted.gov.uk/york", "priorityAction", false));
    everyoneSeesOnlyTheirOwnTasks(reference);
    for (String agency : AGENCIES) {
      demo.contributeActions(agency, reference);
    }
    work("bu", reference, "Task_SubmitActionPlan", Map.of("actionPlanSubmitted", true, "actionPlanSubmittedAt",
        "2027-07-30T09:30:00+01:00", "actionPlanLocation", "Plan", "reportedToGovernance", true));
    work("bu", reference, "Task_HoldLessonsLearned", Map.of("debriefHeldAt", "2027-07-30T09:45:00+01:00", "lessonsLocation", "Lessons"));

    assertThat(inspection).isEnded();
    assertThat(demo.usersWhoWorked()).contains("bu", "laim", "dcs", "police.lead", "police.senior", "la.lead", "health.deputy",
        "probation.lead", "education.senior", "health.lead");
    assertThat(demo.usersWhoWorked()).doesNotContain("admin");
    assertThat(outbox(reference, "task-overdue")).isEmpty();
  }
}
