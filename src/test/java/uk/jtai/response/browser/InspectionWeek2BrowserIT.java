package uk.jtai.response.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import uk.jtai.response.afterfieldwork.ContributeActionsForm;
import uk.jtai.response.afterfieldwork.LessonsLearnedForm;
import uk.jtai.response.afterfieldwork.RecordDraftReportForm;
import uk.jtai.response.afterfieldwork.RecordFinalReportForm;
import uk.jtai.response.afterfieldwork.RecordPublicationForm;
import uk.jtai.response.afterfieldwork.ReturnFactualAccuracyForm;
import uk.jtai.response.afterfieldwork.SubmitActionPlanForm;
import uk.jtai.response.auditreport.CommentOnDraftForm;
import uk.jtai.response.auditreport.UploadReportDraftForm;
import uk.jtai.response.concerns.RecordConcernForm;
import uk.jtai.response.concerns.RespondToConcernForm;
import uk.jtai.response.fieldwork.ChildrenAndFamiliesForm;
import uk.jtai.response.fieldwork.NameKitLeaderForm;
import uk.jtai.response.fieldwork.OnSiteProgrammeForm;
import uk.jtai.response.fieldwork.RecordFindingsForm;
import uk.jtai.response.fieldwork.RecordLeadersMeetingForm;
import uk.jtai.response.fieldwork.RecordPlanningThemesForm;
import uk.jtai.response.fieldwork.UpdateContextPresentationForm;
import uk.jtai.response.script.InspectionScript;

/**
 * Week 2 of an inspection and after, in Tasklist, as the demo users whose job each step is: the Audit Chair
 * and Author, the evidence, the Audit Day, the audit report and its sign-off, an issue of concern, fieldwork
 * and the findings, the draft report, factual accuracy, publication, the action plan and the debrief, until
 * the inspection closes. Its week 1 is run on time through the engine API, as the inspection script has it
 * ({@link InspectionWeek1BrowserIT} does that week in the browser).
 */
class InspectionWeek2BrowserIT extends FormsBrowserTestSupport {

  private static final String REFERENCE = "JTAI-2027-05-WEEK2";
  /**
   * Who chairs the Audit Day once the Business Unit has replaced the Chair it appointed ({@link
   * InspectionScript#AUDIT_CHAIR}, the police's lead contact): Health's lead contact, another statutory partner.
   */
  private static final String NEW_AUDIT_CHAIR = "health.lead";

  @Override
  String reference() {
    return REFERENCE;
  }

  @Test
  void week2FromTheAuditRolesToTheDebrief() {
    // Week 1 on time, through the engine API: notified on day 1, the children selected, every case audit returned.
    startInspection(REFERENCE, "domestic-abuse", "2027-05-24T09:20:00+01:00");
    finishNotificationCascadeAndMeetings(REFERENCE);
    submitAnnexA(REFERENCE);
    runChildSelection(REFERENCE, CHILDREN, AUDITED);
    moveClockTo("2027-05-28T10:30:00+01:00");
    runCaseAudits(REFERENCE);

    // Days 6 to 9: Audit Day, evidence, the report
    inBrowser("bu", "Task_AppointAuditRoles", form -> form
        .select("Audit Chair (from a statutory partner)", "Police Lead contact...")
        .select("Audit Author", "Business Unit Coordinator..."));
    // The Chair from the police is ill: the Business Unit gives the role to Health's lead contact from Tasklist,
    // and the Chair's task (the Audit Day's record) moves to them.
    startInBrowser("bu", "Reassign the Audit Chair or Author", "reassign-audit-role", form -> form
        .type("Inspection reference", REFERENCE)
        .select("Role", "Audit Chair")
        .type("The person who takes it over (their user id)", NEW_AUDIT_CHAIR)
        .type("Why the role changes hands", "The Chair is ill"));
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(REFERENCE).taskDefinitionKey("Task_RecordAuditDay")
        .singleResult().getAssignee()).as("the Chair's task moved").isEqualTo(NEW_AUDIT_CHAIR);
    inBrowser("police.lead", "Task_ConfirmEvidence", form -> {
      form.check("Our documentary evidence and management information, approved by our senior, were provided to the inspectors");
      for (int row = 0; row < form.count("Shared"); row++) {
        form.check("Shared", row, true);
      }
      form.save();
    });
    completeOpenAsScripted(REFERENCE, "Task_ConfirmEvidence");
    moveClockTo("2027-06-02T15:00:00+01:00");
    inBrowser(NEW_AUDIT_CHAIR, "Task_RecordAuditDay", form -> {
      form.check("The Audit Day was held");
      for (String agency : List.of("Local Authority...", "...Police", "...Health...", "...Probation...", "...Education...")) {
        form.choose("Agencies that attended", agency);
      }
    });
    moveClockTo("2027-06-03T14:00:00+01:00");
    UploadReportDraftForm.Submitted draft = script("Task_UploadReportDraft", UploadReportDraftForm.Submitted.class);
    inBrowser("bu", "Task_UploadReportDraft", form -> form
        .type("Version number", String.valueOf(draft.newReportVersion()))
        .type("Where the draft is (a reference in the secure location)", draft.newReportLocation()));
    inBrowser("probation.lead", "Task_CommentOnDraft", form -> form
        .type("Your comments (leave empty for none)",
            script("Task_CommentOnDraft", "probation", CommentOnDraftForm.Submitted.class).draftComment()));
    inBrowser("police.deputy", "Task_ApproveAuditReport", form -> form
        .choose("Your agency's decision", "Approve this version")
        .check("My agency has quality-assured this version"));
    completeOpenAsScripted(REFERENCE, "Task_ApproveAuditReport");
    moveClockTo("2027-06-04T10:00:00+01:00");
    inBrowser("laim", "Task_SubmitAuditReport", form -> form
        .check("The report was submitted to the inspectors")
        .dateTime("When it was submitted: date", "Time (UK)", quarterHourAgo(1)));

    // Days 9 to 10
    inBrowser("laim", "Task_RecordOnSiteProgramme", form -> form
        .dateTime("When the programme was agreed: date", "Time (UK)", quarterHourAgo(2))
        .type("Where the agreed programme is (a reference)",
            script("Task_RecordOnSiteProgramme", OnSiteProgrammeForm.Submitted.class).programmeLocation()));
    inBrowser("education.deputy", "Task_ConfirmChildrenAndFamilies", form -> form
        .check("Our arrangements for inspectors to speak with children and parents or carers are in place")
        .type("Who in your agency is arranging them",
            script("Task_ConfirmChildrenAndFamilies", "education", ChildrenAndFamiliesForm.Submitted.class).arrangementsContact()));
    completeOpenAsScripted(REFERENCE, "Task_ConfirmChildrenAndFamilies");

    // An issue of concern, at any time
    inBrowser("laim", "Task_RecordIssueOfConcern", form -> form
        .select("The agency concerned", "...Police")
        .type("Summary of the concern", script("Task_RecordIssueOfConcern", RecordConcernForm.Submitted.class).concernSummary()));
    inBrowser("police.senior", "Task_RespondToConcern", form -> form
        .type("Your agency's response",
            script("Task_RespondToConcern", InspectionScript.CONCERN_AGENCY, RespondToConcernForm.Submitted.class).agencyResponse()));
    inBrowser("laim", "Task_RecordConcernResponse", form -> form
        .check("The response was recorded on the inspectors' template and given to them")
        .dateTime("When it was given: date", "Time (UK)", quarterHourAgo(0)));

    // Week 3: fieldwork
    inBrowser("bu", "Task_UpdateContextPresentation", form -> form
        .type("Where the updated presentation is",
            script("Task_UpdateContextPresentation", UpdateContextPresentationForm.Submitted.class).presentationLocation())
        .check("The presentation was checked and updated for this inspection"));
    moveClockTo("2027-06-08T12:00:00+01:00");
    fireDueTimers(REFERENCE); // the week on site opens at day 11 (FIELDWORK_START) by its timer
    inBrowser("laim", "Task_RecordLeadersMeeting", form -> form
        .dateTime("When the meeting was held: date", "Time (UK)",
            script("Task_RecordLeadersMeeting", RecordLeadersMeetingForm.Submitted.class).leadersMeetingAt())
        .check("The partnership's context presentation was given"));
    // Section 12: the Police collate their practitioners' themes; the rest as scripted; LAIM sees them in the meeting's record.
    RecordPlanningThemesForm.Submitted collated = script("Task_CollatePlanningThemes", "police", RecordPlanningThemesForm.Submitted.class);
    inBrowser("police.lead", "Task_CollatePlanningThemes", form -> form
        .date("Day of the discussions", collated.planningDay())
        .type("Themes and areas of concern", collated.planningThemes())
        .check("Nothing more to collate for this inspection"));
    completeOpenAsScripted(REFERENCE, "Task_CollatePlanningThemes");
    RecordPlanningThemesForm.Submitted planning = script(InspectionScript.PLANNING_THEMES, RecordPlanningThemesForm.Submitted.class);
    inBrowser("laim", "Task_RecordPlanningThemes", form -> {
      assertThat(form.field("What the partners have collated so far").getAttribute("value"))
          .contains("Police, " + collated.planningDay() + ": " + collated.planningThemes());
      form.date("Day of the planning meeting", planning.planningDay())
          .type("Themes", planning.planningThemes());
    });
    inBrowser("laim", "Task_ArrangeKitMeetings", form -> form
        .choose("Keeping in Touch meetings", "Arrange them")
        .choose("On which days", "Thursday...")
        .choose("Agencies asked to send a senior leader", "...Health..."));
    NameKitLeaderForm.Submitted kitLeader = script("Task_NameKitLeader", InspectionScript.KIT_AGENCY, NameKitLeaderForm.Submitted.class);
    inBrowser("health.lead", "Task_NameKitLeader", form -> form
        .type("Name", kitLeader.kitLeaderName())
        .type("Role", kitLeader.kitLeaderRole()));
    completeOpenAsScripted(REFERENCE, InspectionScript.PLANNING_FINISHED);
    moveClockTo("2027-06-14T17:30:00+01:00");
    inBrowser("laim", "Task_RecordFindings", form -> form
        .dateTime("When the findings were fed back: date", "Time (UK)",
            script("Task_RecordFindings", RecordFindingsForm.Submitted.class).findingsFedBackAt()));

    // Weeks 4 to 10: the report, publication, the action plan, the debrief
    moveClockTo("2027-07-02T11:00:00+01:00");
    RecordDraftReportForm.Submitted draftReport = script("Task_RecordDraftReport", RecordDraftReportForm.Submitted.class);
    inBrowser("dcs", "Task_RecordDraftReport", form -> {
      // The task links to the record of who saw the children's identifying details (issue 17): people, never children.
      browserOf("dcs").followFormLink("/identity-access", "Who has seen the selected children's identifying details",
          "who-has-seen-the-children");
      form.dateTime("When the draft report arrived: date", "Time (UK)", draftReport.draftArrivedAt())
          .type("Where it is (a reference in the secure location)", draftReport.draftReportLocation());
    });
    inBrowser("police.lead", "Task_SendFactualAccuracy", form -> form.check("My agency has no factual-accuracy comments"));
    completeOpenAsScripted(REFERENCE, "Task_SendFactualAccuracy");
    fireDueTimers(REFERENCE);
    inBrowser("dcs", "Task_ReturnFactualAccuracy", form -> form
        .check("The coordinated comments were returned to the inspectors")
        .dateTime("When they were returned: date", "Time (UK)",
            script("Task_ReturnFactualAccuracy", ReturnFactualAccuracyForm.Submitted.class).factualAccuracyReturnedAt()));
    moveClockTo("2027-07-26T11:00:00+01:00");
    RecordFinalReportForm.Submitted finalReport = script("Task_RecordFinalReport", RecordFinalReportForm.Submitted.class);
    inBrowser("dcs", "Task_RecordFinalReport", form -> form
        .dateTime("When the final report arrived: date", "Time (UK)", finalReport.finalArrivedAt())
        .type("Where it is (a reference in the secure location)", finalReport.finalReportLocation())
        .date("Publication date (the embargo lasts until then)", finalReport.publicationDate()));
    moveClockTo("2027-07-30T10:00:00+01:00");
    RecordPublicationForm.Submitted publication = script("Task_RecordPublication", RecordPublicationForm.Submitted.class);
    inBrowser("bu", "Task_RecordPublication", form -> form
        .dateTime("When it was published: date", "Time (UK)", publication.publishedAt())
        .type("The published report's address", publication.reportUrl()));
    ContributeActionsForm.Submitted actions = script("Task_ContributeActions", "police", ContributeActionsForm.Submitted.class);
    inBrowser("police.lead", "Task_ContributeActions", form -> form
        .type("Where your agency's actions are (a reference)", actions.actionsLocation())
        .type("How many actions your agency contributes", String.valueOf(actions.actionCount())));
    inBrowser("police.senior", "Task_SignOffActions", form -> form.choose("Your decision", "Sign off"));
    while (completeOpenAsScripted(REFERENCE, "Task_ContributeActions") > 0) {
      completeOpenAsScripted(REFERENCE, "Task_SignOffActions");
    }
    SubmitActionPlanForm.Submitted plan = script("Task_SubmitActionPlan", SubmitActionPlanForm.Submitted.class);
    inBrowser("bu", "Task_SubmitActionPlan", form -> form
        .check("The action plan was submitted")
        .dateTime("When it was submitted: date", "Time (UK)", plan.actionPlanSubmittedAt())
        .type("Where the submitted plan is (a reference)", plan.actionPlanLocation())
        .check("It was reported to the partnership's governance and scrutiny"));
    LessonsLearnedForm.Submitted lessons = script("Task_HoldLessonsLearned", LessonsLearnedForm.Submitted.class);
    inBrowser("bu", "Task_HoldLessonsLearned", form -> form
        .dateTime("When the debrief was held: date", "Time (UK)", lessons.debriefHeldAt())
        .type("Where the lessons learned are recorded (a reference)", lessons.lessonsLocation()));

    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(REFERENCE).count())
        .as("the inspection closed").isZero();
    completedEveryFormOf("the inspection's week 2 and after", BrowserForms.INSPECTION_WEEK_2);
  }
}
