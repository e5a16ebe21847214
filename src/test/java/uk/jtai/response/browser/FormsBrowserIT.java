package uk.jtai.response.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.afterfieldwork.ContributeActionsForm;
import uk.jtai.response.afterfieldwork.LessonsLearnedForm;
import uk.jtai.response.afterfieldwork.RecordDraftReportForm;
import uk.jtai.response.afterfieldwork.RecordFinalReportForm;
import uk.jtai.response.afterfieldwork.RecordPublicationForm;
import uk.jtai.response.afterfieldwork.ReturnFactualAccuracyForm;
import uk.jtai.response.afterfieldwork.SubmitActionPlanForm;
import uk.jtai.response.auditreport.CommentOnDraftForm;
import uk.jtai.response.auditreport.UploadReportDraftForm;
import uk.jtai.response.caseaudit.AuditPackForm;
import uk.jtai.response.caseaudit.CompleteAuditToolForm;
import uk.jtai.response.childselection.AuditSelectionForm;
import uk.jtai.response.childselection.FirstSelectionForm;
import uk.jtai.response.childselection.KnownToAgencyReturns;
import uk.jtai.response.concerns.RecordConcernForm;
import uk.jtai.response.concerns.RespondToConcernForm;
import uk.jtai.response.fieldwork.ChildrenAndFamiliesForm;
import uk.jtai.response.fieldwork.NameKitLeaderForm;
import uk.jtai.response.fieldwork.OnSiteProgrammeForm;
import uk.jtai.response.fieldwork.RecordFindingsForm;
import uk.jtai.response.fieldwork.RecordLeadersMeetingForm;
import uk.jtai.response.fieldwork.RecordPlanningThemesForm;
import uk.jtai.response.fieldwork.UpdateContextPresentationForm;
import uk.jtai.response.notificationcascade.LeadContactForm;
import uk.jtai.response.script.InspectionScript;
import uk.jtai.response.support.ChildData;

/**
 * Every Camunda Form of {@code forms/} filled and completed in Tasklist by the demo user whose job it is:
 * an inspection from its start form through days 1 to 9, fieldwork, the report and the debrief, one
 * task of each form in the browser (the other agencies' copies of a task are completed through the
 * engine API); then the Business Unit's work between inspections: theme readiness, benchmarking, the
 * contacts check and a rehearsal. Each test fails for a form of its models it did not complete in the
 * browser, and a third for a form of {@code forms/} that neither test's models use.
 */
class FormsBrowserIT extends BrowserTestSupport {

  /** The models whose forms the inspection's test completes in the browser. */
  private static final List<String> INSPECTION_MODELS = List.of("jtai-inspection", "notification-cascade", "move-deadline",
      "fieldwork-meetings", "annex-a", "child-selection", "case-audit", "audit-day-and-report", "fieldwork", "after-fieldwork");
  /** The models whose forms the test of the work between inspections completes in the browser. */
  private static final List<String> BETWEEN_INSPECTIONS_MODELS = List.of("theme-readiness", "benchmarking",
      "partnership-contacts", "partnership-contacts-quarterly", "rehearsal");

  @Autowired KnownToAgencyReturns knownToAgencyReturns;

  /** The forms this test completed in the browser (each test its own). */
  private final Set<String> completedInBrowser = new TreeSet<>();
  private static final String REFERENCE = "JTAI-2027-05-FORMS";
  /** The inspectors' first selection; the first six are selected for audit. */
  private static final List<String> CHILDREN = ChildData.references(900, 20);

  /** The engine clock, rounded down to the quarter hour (form-js times go in quarter hours). */
  private static Instant quarterHourAgo(long quarters) {
    Instant now = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.MINUTES);
    return now.minus(now.atZone(java.time.ZoneOffset.UTC).getMinute() % 15, ChronoUnit.MINUTES).minus(15 * quarters, ChronoUnit.MINUTES);
  }

  /** Tasklist as the user, who stays signed in in a Chromium of their own from one step to the next. */
  private Tasklist as(String user) {
    return signedIn(user);
  }

  private List<String> groupsOf(String user) {
    return engine.getIdentityService().createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }

  /**
   * As {@code user}: opens in Tasklist the open task with this key assigned to the user or else the first one offered to
   * the user's groups,
   * claims it, fills its form and completes it; records the form as completed in the browser.
   */
  private void inBrowser(String user, String taskKey, Consumer<TaskForm> fill) {
    inBrowser(REFERENCE, user, taskKey, fill);
  }

  /** As {@link #inBrowser(String, String, Consumer)}, for a task of the process with this business key. */
  private void inBrowser(String businessKey, String user, String taskKey, Consumer<TaskForm> fill) {
    Task task = Stream.concat(
            tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey).taskAssignee(user).list().stream(),
            tasks.createTaskQuery().processInstanceBusinessKey(businessKey).taskDefinitionKey(taskKey)
                .taskCandidateGroupIn(groupsOf(user)).orderByTaskName().asc().list().stream())
        .findFirst().orElseThrow(() -> new AssertionError(user + " has no open " + taskKey));
    boolean offeredToAGroup = tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroupIn(groupsOf(user)).count() > 0;
    Tasklist tasklist = as(user);
    TaskForm form = (offeredToAGroup ? tasklist.open(task.getName(), task.getId())
        : tasklist.openByLink(task.getName(), task.getId())).claim();
    fill.accept(form);
    form.complete();
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as(taskKey + " completed").isZero();
    completedInBrowser.add(formOf(task));
  }

  /** The answers form-js shows once it has hidden those that fell away: waits for {@code expected} of them. */
  private static int answersShown(TaskForm form, int expected) {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int shown = form.count("Answer");
    while (shown != expected && System.nanoTime() < until) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      shown = form.count("Answer");
    }
    assertThat(shown).as("answers shown once a child is ticked as not known").isEqualTo(expected);
    return shown;
  }

  private String formOf(Task task) {
    UserTask userTask = repository.getBpmnModelInstance(task.getProcessDefinitionId()).getModelElementById(task.getTaskDefinitionKey());
    return userTask.getCamundaFormRef();
  }

  /** What the inspection script submits at this step (for this agency's copy): the values typed in the form. */
  private <R extends Record> R script(String step, String agency, Class<R> type) {
    return scriptValues(REFERENCE, step, agency, CHILDREN, 6, type);
  }

  private <R extends Record> R script(String step, Class<R> type) {
    return script(step, null, type);
  }

  private void startInBrowser(String user, String processName, String formId, Consumer<TaskForm> fill) {
    TaskForm form = as(user).start(processName);
    fill.accept(form);
    form.complete();
    completedInBrowser.add(formId);
  }

  /** The Camunda Forms the models' user tasks and start events use. */
  private static Set<String> formsOf(List<String> models) {
    Set<String> forms = new TreeSet<>();
    for (String model : models) {
      BpmnModelInstance instance = Bpmn.readModelFromFile(Path.of("bpmn", model + ".bpmn").toFile());
      Stream.concat(instance.getModelElementsByType(UserTask.class).stream().map(UserTask::getCamundaFormRef),
              instance.getModelElementsByType(StartEvent.class).stream().map(StartEvent::getCamundaFormRef))
          .filter(java.util.Objects::nonNull).forEach(forms::add);
    }
    return forms;
  }

  private void everyFormOfTheModelsWasCompletedInTheBrowser(List<String> models) {
    Set<String> missing = formsOf(models);
    missing.removeAll(completedInBrowser);
    assertThat(missing).as("forms of " + models + " not completed in the browser").isEmpty();
  }

  @Test
  void anInspectionFromItsStartFormToTheDebrief() {
    // Day 1
    moveClockTo("2027-05-24T09:20:00+01:00");
    startInBrowser("bu", "JTAI inspection", "start-inspection", form -> form
        .type("Inspection reference", REFERENCE)
        .select("Inspection theme", "Children who are victims of domestic abuse")
        .dateTime("When the lead inspector notified the DCS: date", "Time (UK)", instant("2027-05-24T09:15:00+01:00")));
    assertThat(calledProcess(REFERENCE, "notification-cascade")).as("the inspection started").isNotNull();
    moveClockTo("2027-05-24T10:00:00+01:00");
    inBrowser("bu", "Task_NotifyPartners", form -> form.check("Each agency's lead contact and deputies in the partnership contacts are current"));
    inBrowser("police.lead", "Task_ConfirmLeadContact", form -> form
        .choose("Who will act for your agency", "Our lead contact")
        .type("Name of the person acting for your agency",
            script("Task_ConfirmLeadContact", "police", LeadContactForm.Submitted.class).contactName())
        .check("They are available for the inspection and fully briefed on their role"));
    completeOpenAsScripted(REFERENCE, "Task_ConfirmLeadContact");
    inBrowser("dcs", "Task_ConfirmScrutineerNotified", form -> form
        .check("The Independent Scrutineer has been notified of the inspection")
        .choose("How they were notified", "Telephone")
        .dateTime("When they were notified: date", "Time (UK)", quarterHourAgo(1)));
    inBrowser("laim", "Task_RecordSetUpDiscussion", form -> form
        .dateTime("When the set-up discussion was held: date", "Time (UK)", quarterHourAgo(0))
        .check("All statutory partners were represented")
        .check("The inspectorates made the Annex A request")
        .check("The arrangements for recording issues of concern were discussed"));
    inBrowser("health.deputy", "Task_GiveFieldworkMeetings", form -> form
        .check("My agency has no such meetings in the fieldwork week")
        .check("These details have been given to the lead inspector"));
    completeOpenAsScripted(REFERENCE, "Task_GiveFieldworkMeetings");
    startInBrowser("bu", "Move a deadline", "move-deadline", form -> form
        .type("Inspection reference", REFERENCE)
        .type("Milestone", "ANNEX_A_DUE")
        .dateTime("New deadline: date", "Time (UK)", instant("2027-05-25T16:00:00+01:00"))
        .type("Why it moves", "The lead inspector asked for the lists an hour earlier"));

    // Day 2: Annex A, every list uploaded
    moveClockTo("2027-05-25T15:00:00+01:00");
    inBrowser("la.lead", "Task_SubmitAnnexA", form -> {
      int lists = form.count("Uploaded to the inspectors' secure portal");
      assertThat(lists).isPositive();
      for (int row = 0; row < lists; row++) {
        form.check("Uploaded to the inspectors' secure portal", row, true)
            .type("Where on the portal (if uploaded)", row, "Portal folder " + (row + 1));
      }
      form.save();
    });

    // Days 3 to 5: the children
    moveClockTo("2027-05-26T10:00:00+01:00");
    inBrowser("laim", "Task_RecordFirstSelection", form -> form
        .type("The selected children's references, one per line",
            ChildData.lines(script("Task_RecordFirstSelection", FirstSelectionForm.Submitted.class).firstSelectionEntry())));
    List<String> firstSelection = script("Task_RecordFirstSelection", FirstSelectionForm.Submitted.class).firstSelectionEntry();
    String notKnownToPolice = firstSelection.get(firstSelection.size() - 1);
    inBrowser("police.lead", "Task_ReturnKnownToAgency", form -> {
      int offered = form.count("Answer");
      assertThat(offered).isGreaterThanOrEqualTo(20);
      // A child the police have never known: one tick, and that child's questions fall away (issue 16, item 3).
      form.choose("Children not known to us", notKnownToPolice);
      int answers = answersShown(form, offered - offered / firstSelection.size());
      for (int row = 0; row < answers; row++) {
        form.select("Answer", row, row == 0 ? "Yes" : "No");
      }
      form.save();
    });
    assertThat(knownToAgencyReturns.byAgency(REFERENCE).get("police").get(notKnownToPolice))
        .containsEntry("known", KnownToAgencyReturns.NOT_KNOWN).containsValue(KnownToAgencyReturns.NOT_APPLICABLE);
    completeOpenAsScripted(REFERENCE, "Task_ReturnKnownToAgency");
    fireDueTimers(REFERENCE);
    inBrowser("laim", "Task_ForwardReturns", form -> form
        .check("The returns have been forwarded to the inspectors")
        .dateTime("When they were forwarded: date", "Time (UK)", quarterHourAgo(0)));
    moveClockTo("2027-05-28T10:30:00+01:00");
    inBrowser("laim", "Task_RecordAuditSelection", form -> form
        .type("The children selected for audit, one per line",
            ChildData.lines(script("Task_RecordAuditSelection", AuditSelectionForm.Submitted.class).auditSelectionEntry())));
    inBrowser("bu", "Task_SendAuditTool", form -> form
        .check("The Audit Tool and Chronology for each selected child are in the secure location for every agency"));

    // Days 5 to 6: case audits
    inBrowser("police.lead", "Task_CompleteAuditTool", form -> form
        .check("The Multi-Agency Audit Tool is completed for this child")
        .check("The Chronology is completed for this child")
        .type("Where they are saved (a reference in the secure location)",
            script("Task_CompleteAuditTool", "police", CompleteAuditToolForm.Submitted.class).returnLocation()));
    inBrowser("police.senior", "Task_SignOffAudit", form -> form.choose("Your decision", "Sign off"));
    while (completeOpenAsScripted(REFERENCE, "Task_CompleteAuditTool") > 0) {
      completeOpenAsScripted(REFERENCE, "Task_SignOffAudit");
    }
    fireDueTimers(REFERENCE);
    inBrowser("bu", "Task_CompileAuditPack", form -> form
        .check("The compiled audit pack was sent to partners")
        .type("Where the pack is (a reference in the secure location)",
            script("Task_CompileAuditPack", AuditPackForm.Submitted.class).auditPackLocation()));

    // Days 6 to 9: Audit Day, evidence, the report
    inBrowser("bu", "Task_AppointAuditRoles", form -> form
        .select("Audit Chair (from a statutory partner)", "Police Lead contact...")
        .select("Audit Author", "Business Unit Coordinator..."));
    inBrowser("police.senior", "Task_ApproveEvidence", form -> form
        .check("I approve my agency's documentary evidence and management information for the inspectors"));
    completeOpenAsScripted(REFERENCE, "Task_ApproveEvidence");
    inBrowser("police.lead", "Task_ConfirmEvidence", form -> {
      form.check("Our documentary evidence and management information, approved by our senior, were provided to the inspectors");
      for (int row = 0; row < form.count("Shared"); row++) {
        form.check("Shared", row, true);
      }
      form.save();
    });
    completeOpenAsScripted(REFERENCE, "Task_ConfirmEvidence");
    moveClockTo("2027-06-02T15:00:00+01:00");
    inBrowser("police.lead", "Task_RecordAuditDay", form -> {
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
    inBrowser("laim", "Task_RecordLeadersMeeting", form -> form
        .dateTime("When the meeting was held: date", "Time (UK)",
            script("Task_RecordLeadersMeeting", RecordLeadersMeetingForm.Submitted.class).leadersMeetingAt())
        .check("The partnership's context presentation was given"));
    RecordPlanningThemesForm.Submitted planning = script(InspectionScript.PLANNING_THEMES, RecordPlanningThemesForm.Submitted.class);
    inBrowser("laim", "Task_RecordPlanningThemes", form -> form
        .date("Day of the planning meeting", planning.planningDay())
        .type("Themes", planning.planningThemes()));
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
    inBrowser("dcs", "Task_RecordDraftReport", form -> form
        .dateTime("When the draft report arrived: date", "Time (UK)", draftReport.draftArrivedAt())
        .type("Where it is (a reference in the secure location)", draftReport.draftReportLocation()));
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
    everyFormOfTheModelsWasCompletedInTheBrowser(INSPECTION_MODELS);
  }

  /** The one running instance of a between-inspections process, by its business key. */
  private String running(String processKey) {
    List<String> keys = runtime.createProcessInstanceQuery().processDefinitionKey(processKey).list().stream()
        .map(ProcessInstance::getBusinessKey).toList();
    assertThat(keys).as("running " + processKey).hasSize(1);
    return keys.get(0);
  }

  /** The other agencies' copies of a task with a list of rows, through the engine API: the {@code fields} set on every row. */
  private void completeRestSettingRows(String businessKey, String taskKey, String variable, Map<String, String> fields)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    for (Task task : openTasks(businessKey, taskKey)) {
      JsonNode rows = json.readTree(forms.getTaskFormVariables(task.getId()).get(variable).toString());
      rows.forEach(row -> fields.forEach(((ObjectNode) row)::put));
      complete(task, Map.of(variable, SpinValues.jsonValue(rows.toString()).create()));
    }
  }

  @Test
  void theBusinessUnitsWorkBetweenInspections() throws IOException {
    moveClockTo("2027-09-01T10:00:00+01:00");

    // Documentary evidence for a theme: an agency's checklist, its senior's sign-off, another agency's quality assurance
    startInBrowser("bu", "Theme readiness: documentary evidence (between inspections)", "start-theme-readiness", form -> form
        .select("Theme", "Children who are victims of domestic abuse")
        .type("Where the filing structure is", "CYSCP JTAI shared folder / Domestic abuse")
        .dateTime("Checklists due by: date", "Time (UK)", instant("2027-09-30T17:00:00+01:00")));
    String readiness = running("theme-readiness");
    inBrowser(readiness, "police.lead", "Task_CompleteChecklist", form -> {
      int documents = form.count("Uploaded to the shared folder");
      assertThat(documents).as("documents on the police checklist").isPositive();
      for (int row = 0; row < documents; row++) {
        form.check("Uploaded to the shared folder", row, true)
            .check("Approved by the senior authority", row, true)
            .type("Where it is (if uploaded)", row, "Domestic abuse/Police/" + (row + 1));
      }
      form.select("Ask another agency to quality-assure this evidence (optional)", "Health").save();
    });
    fireDueTimers(readiness);
    inBrowser(readiness, "police.senior", "Task_SignOffEvidence", form -> form
        .choose("Your decision", "Formal sign-off given")
        .check("I give formal sign-off for each document on this checklist"));
    fireDueTimers(readiness);
    inBrowser(readiness, "health.lead", "Task_QualityAssureEvidence", form -> form.choose("Outcome", "Assured"));
    fireDueTimers(readiness);
    assertThat(jdbc.queryForObject("select state from jtai_readiness_agency where readiness_key = ? and agency = 'police'",
        String.class, readiness)).as("the police evidence once signed off and assured").isEqualTo("SIGNED_OFF");
    inBrowser(readiness, "bu", "Task_TrackEvidence", form -> form
        .check("Close readiness for this theme")
        .type("Why readiness is closed", "A new theme was announced"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(readiness).count()).as("readiness closed").isZero();

    // Benchmarking: each agency rates the evaluation criteria, the Business Unit analyses the returns
    startInBrowser("bu", "Benchmarking self-assessment (between inspections)", "start-benchmarking", form -> form
        .select("Theme", "Children who are victims of domestic abuse")
        .type("Where the benchmarking guidance is", "CYSCP JTAI shared folder / Benchmarking Guidance")
        .dateTime("Returns due by: date", "Time (UK)", instant("2027-09-17T12:00:00+01:00")));
    String benchmarking = running("benchmarking");
    inBrowser(benchmarking, "police.lead", "Task_RateCriteria", form -> {
      int criteria = form.count("Rating");
      assertThat(criteria).as("evaluation criteria of the theme").isPositive();
      for (int row = 0; row < criteria; row++) {
        // Signs of Safety: each rating says at least one of what works, what worries, what needs to happen.
        boolean amber = row % 3 == 0;
        form.select("Rating", row, amber ? "Amber" : "Green")
            .type("What is working well", row, "Named leads in every team");
        if (amber) {
          // Amber or Red says what worries us and what needs to happen too.
          form.type("What are we worried about", row, "Waiting lists for help")
              .type("What needs to happen", row, "Commission more places");
        }
      }
      form.save();
    });
    completeRestSettingRows(benchmarking, "Task_RateCriteria", "criterionRatings", Map.of("rag", "green",
        "workingWell", "Named leads in every team"));
    fireDueTimers(benchmarking);
    inBrowser(benchmarking, "bu", "Task_AnalyseBenchmarking", form -> form
        .type("Where the presentation is saved", "CYSCP JTAI inspection folder / Presentation - domestic abuse"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(benchmarking).count()).as("benchmarking done").isZero();

    // The partnership contacts check, asked for by the Business Unit (no start form: Tasklist's own)
    as("bu").startWithoutForm("Partnership contacts check (quarterly)");
    String contacts = running("partnership-contacts");
    inBrowser(contacts, "police.lead", "Task_ConfirmContacts", form -> form
        .choose("Are these current?", "No, they need changing")
        .type("What needs changing (names, roles and work e-mail addresses)", "New deputy: DI Smith, di.smith@police.example")
        .check("The lead contact and deputies are briefed on their role once a JTAI is notified"));
    completeAll(contacts, "Task_ConfirmContacts", Map.of("contactsCurrent", "current", "briefed", true));
    fireDueTimers(contacts);
    inBrowser(contacts, "bu", "Task_ReviewContacts", form -> form
        .check("The partnership file is updated with the changes asked for"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contacts).count()).as("contacts check done").isZero();

    // A rehearsal, started and ended by the Business Unit
    startInBrowser("bu", "Rehearsal of an inspection (dry run)", "start-rehearsal", form -> form
        .select("Theme (leave empty for the current theme)", "Children who are victims of domestic abuse"));
    String rehearsal = running("rehearsal");
    String rehearsed = rehearsal.replace("-CONTROL", "");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(rehearsed).count()).as("the rehearsed inspection runs")
        .isPositive();
    inBrowser(rehearsal, "bu", "Task_EndRehearsal", form -> form.check("End the rehearsal and delete its data"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(rehearsed).count()).as("the rehearsal deleted").isZero();
    everyFormOfTheModelsWasCompletedInTheBrowser(BETWEEN_INSPECTIONS_MODELS);
  }

  /** Each test checks it completed every form of its models; together the models use every form of forms/. */
  @Test
  void everyFormBelongsToAModelWhoseFormsATestCompletes() throws IOException {
    Set<String> forms = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".form")).forEach(n -> forms.add(n.replace(".form", "")));
    }
    Set<String> covered = formsOf(INSPECTION_MODELS);
    covered.addAll(formsOf(BETWEEN_INSPECTIONS_MODELS));
    assertThat(covered).as("forms the browser tests complete").isEqualTo(forms);
  }
}
