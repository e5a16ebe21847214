package uk.jtai.response.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import uk.jtai.response.afterfieldwork.ContributeActionsForm;
import uk.jtai.response.afterfieldwork.FactualAccuracyCommentsForm;
import uk.jtai.response.afterfieldwork.LessonsLearnedForm;
import uk.jtai.response.afterfieldwork.RecordDraftReportForm;
import uk.jtai.response.afterfieldwork.RecordFinalReportForm;
import uk.jtai.response.afterfieldwork.RecordPublicationForm;
import uk.jtai.response.afterfieldwork.ReturnFactualAccuracyForm;
import uk.jtai.response.afterfieldwork.SignOffActionsForm;
import uk.jtai.response.afterfieldwork.SubmitActionPlanForm;
import uk.jtai.response.annexa.AnnexAForm;
import uk.jtai.response.annexa.ShareListForm;
import uk.jtai.response.auditreport.AppointAuditRolesForm;
import uk.jtai.response.documentaryevidence.ApproveEvidenceForm;
import uk.jtai.response.documentaryevidence.UploadEvidenceForm;
import uk.jtai.response.auditreport.ApproveReportForm;
import uk.jtai.response.auditreport.CommentOnDraftForm;
import uk.jtai.response.auditreport.ConfirmEvidenceForm;
import uk.jtai.response.auditreport.RecordAuditDayForm;
import uk.jtai.response.auditreport.SubmitAuditReportForm;
import uk.jtai.response.auditreport.UploadReportDraftForm;
import uk.jtai.response.caseaudit.AuditPackForm;
import uk.jtai.response.caseaudit.CompleteAuditToolForm;
import uk.jtai.response.caseaudit.SignOffAuditForm;
import uk.jtai.response.childselection.AuditSelectionForm;
import uk.jtai.response.childselection.FirstSelectionForm;
import uk.jtai.response.childselection.ForwardReturnsForm;
import uk.jtai.response.childselection.KnownToAgencyForm;
import uk.jtai.response.childselection.KnownToAgencyReturns;
import uk.jtai.response.childselection.SendAuditToolForm;
import uk.jtai.response.concerns.ConcernResponseGivenForm;
import uk.jtai.response.concerns.RecordConcernForm;
import uk.jtai.response.concerns.RespondToConcernForm;
import uk.jtai.response.fieldwork.ArrangeKitMeetingForm;
import uk.jtai.response.fieldwork.ChildrenAndFamiliesForm;
import uk.jtai.response.fieldwork.NameKitLeaderForm;
import uk.jtai.response.fieldwork.OnSiteProgrammeForm;
import uk.jtai.response.fieldwork.RecordFindingsForm;
import uk.jtai.response.fieldwork.RecordLeadersMeetingForm;
import uk.jtai.response.fieldwork.RecordPlanningThemesForm;
import uk.jtai.response.fieldwork.UpdateContextPresentationForm;
import uk.jtai.response.fieldworkmeetings.FieldworkMeetingsForm;
import uk.jtai.response.fieldworkmeetings.StrategicMeetingForm;
import uk.jtai.response.notificationcascade.LeadContactForm;
import uk.jtai.response.notificationcascade.NotifyPartnersForm;
import uk.jtai.response.notificationcascade.ScrutineerNotifiedForm;
import uk.jtai.response.notificationcascade.SetUpDiscussionForm;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Key;

/**
 * The one inspection script: the ordered steps of an inspection done on time, from the Business Unit's
 * notification on day 1 to the lessons-learned debrief, each naming its user task, who does it (a demo
 * user, or a role of each agency), when (its stage's milestone) and what it submits (the form's own
 * {@code Submitted} record, turned into variables by {@link FormValues}). The process tests' helpers, the
 * whole-inspection test, the full-inspection simulation, the benchmark's driver and the browser test all
 * take their steps and values from here; each says how it does a step through a {@link Performer}.
 *
 * <p>A test varies it explicitly, each variation returning a new script: {@link #without} (a step left
 * undone: its window closes by its timer), {@link #late} (a step, or one agency's copy of it, done at a
 * later instant; the rest of its stage follows), {@link #with} (other values, e.g. an agency answering
 * Yes for a child: {@code with("Task_ReturnKnownToAgency", c -> knownToAgency(c, child -> ...))}),
 * {@link #insertAfter} (a step of a variant path), {@link #between} (a part of the script).
 */
public final class InspectionScript {

  /** The Audit Chair and Author the on-time inspection appoints (demo users). */
  public static final String AUDIT_CHAIR = "police.lead";
  public static final String AUDIT_AUTHOR = "bu";
  /** The agency the on-time inspection raises an issue of concern with, and asks to send a Keeping in Touch leader. */
  public static final String CONCERN_AGENCY = "police";
  public static final String KIT_AGENCY = "health";
  /** The row key of forms/confirm-evidence.form's list (its rows have no record of their own). */
  static final String SHARED = "shared";

  // ---------------------------------------------------------------- what a run needs

  /**
   * The inspection a run drives: its reference, theme, notification, the theme's agencies, those of them
   * that return the Yes/No sheet and audit cases (the theme's case-audit agencies) and the statutory partners, the children of the first selection (the first {@code audited} of them are
   * selected for audit) and the demo user who signs off for each agency.
   */
  public record Inspection(String reference, String theme, Instant notifiedAt, List<String> agencies,
                           List<String> caseAuditAgencies, List<String> statutoryPartners, List<String> children, int audited,
                           Function<String, String> senior, Map<String, List<String>> sharedLists, List<String> milestones) {

    /** Without what only some themes' timetables ask (lists shared beyond Annex A, the strategic-arrangements meeting). */
    public Inspection(String reference, String theme, Instant notifiedAt, List<String> agencies, List<String> caseAuditAgencies,
                      List<String> statutoryPartners, List<String> children, int audited, Function<String, String> senior) {
      this(reference, theme, notifiedAt, agencies, caseAuditAgencies, statutoryPartners, children, audited, senior, Map.of(),
          List.of());
    }

    /** Whether the theme's timetable has {@code milestone}: a step due at it is done only then. */
    public boolean hasMilestone(String milestone) {
      return milestones.contains(milestone);
    }

    public List<String> auditedChildren() {
      return children.subList(0, audited);
    }

    /** The agencies that share the list due at {@code milestone} (the theme's shared-lists; none if it asks for none). */
    public List<String> sharing(String milestone) {
      return sharedLists.getOrDefault(milestone, List.of());
    }

    /**
     * The same inspection with what its theme's timetable asks beyond every theme's steps: the lists shared beyond
     * Annex A, by milestone, with who shares each, and the timetable's milestones.
     */
    public Inspection withTimetableOf(uk.jtai.response.partnership.Theme theme) {
      Map<String, List<String>> lists = new LinkedHashMap<>();
      theme.sharedLists().forEach(milestone -> lists.put(milestone, theme.agenciesSharing(milestone)));
      return new Inspection(reference, this.theme, notifiedAt, agencies, caseAuditAgencies, statutoryPartners, children, audited,
          senior, lists, theme.milestones().stream().map(uk.jtai.response.partnership.Theme.MilestoneDefinition::name).toList());
    }
  }

  /** Who does a step: a named demo user, or a role of the agency the step is done for. */
  public enum Role { USER, LEAD, DEPUTY, SENIOR }

  public record Actor(Role role, String user) {
    public static Actor user(String user) {
      return new Actor(Role.USER, user);
    }

    static final Actor LEAD = new Actor(Role.LEAD, null);
    static final Actor DEPUTY = new Actor(Role.DEPUTY, null);
    static final Actor SENIOR = new Actor(Role.SENIOR, null);

    /** The demo user who does the step for {@code agency}. */
    public String of(Inspection inspection, String agency) {
      return switch (role) {
        case USER -> user;
        case LEAD -> agency + ".lead";
        case DEPUTY -> agency + ".deputy";
        case SENIOR -> inspection.senior().apply(agency);
      };
    }
  }

  /** What a step's values are built from. */
  public interface Context {
    Inspection inspection();

    /** The agency the step is done for (null for a step done once). */
    String agency();

    /** The child (1 to the number audited) of a step done per child; null otherwise. */
    Integer child();

    Instant now();

    /** The instant of one of the inspection's milestones, as stored (moved, if it was moved). */
    Instant milestone(String name);

    LocalDate nextWorkingDay(LocalDate day);

    ZoneId zone();

    /** The value of {@code variable} in the task's form, as a client loads it (the rows it offers). */
    JsonNode offered(String variable);

    /** The task's due date. */
    Instant taskDue();

    default LocalDate today() {
      return now().atZone(zone()).toLocalDate();
    }
  }

  /** How a test does the steps: the engine API as an administrator or as the demo users, in parallel, ... */
  public interface Performer {
    Instant now();

    /** Moves the clock forward to {@code instant} (never back), doing what falls due on the way. */
    void moveTo(Instant instant);

    Instant milestone(String reference, String name);

    LocalDate nextWorkingDay(LocalDate day);

    ZoneId zone();

    /** The Business Unit's start form. */
    void start(String user, Map<String, Object> startForm);

    JsonNode offered(String user, String reference, String taskKey, String agency, Integer child, String variable);

    Instant due(String user, String reference, String taskKey, String agency, Integer child);

    void complete(String user, String reference, String taskKey, String agency, Integer child, Map<String, Object> variables);

    /** Runs the inspection's jobs due now (the job executor's work), before a step that follows one. */
    void runDueJobs(String reference);

    /** After each stage (e.g. a check of who sees what). */
    default void stageDone(Stage stage, Inspection inspection) {}
  }

  /** When a stage (or a late step) is done. */
  @FunctionalInterface
  public interface When {
    Instant at(Context context);

    static When milestone(String name, Duration offset) {
      return context -> context.milestone(name).plus(offset);
    }

    /** After the task's own due date (a task due relative to when it was created). */
    static When afterTaskDue(Duration offset) {
      return context -> context.taskDue().plus(offset);
    }

    static When later(Duration offset) {
      return context -> context.now().plus(offset);
    }
  }

  /**
   * One step: a user task ({@code taskKey}; null for the inspection's start form), done once by {@code
   * actor}, or by that role of each agency {@code agencies} gives (and for each audited child if {@code
   * perChild}); {@code afterJobs} when the task follows a job (a timer, a continuation) that the job
   * executor runs first.
   */
  public record Step(String name, String taskKey, Actor actor, Function<Inspection, List<String>> agencies,
                     boolean perChild, boolean afterJobs, Function<Context, Object> values) {

    boolean perAgency() {
      return agencies != null;
    }
  }

  /** Steps done together once the clock reaches {@code when} (at once, if it is past). */
  public record Stage(String name, When when, List<Step> steps) {}

  private record Lateness(String step, String agency, When when) {}

  private final List<Stage> stages;
  private final List<Lateness> late;

  private InspectionScript(List<Stage> stages, List<Lateness> late) {
    this.stages = List.copyOf(stages);
    this.late = List.copyOf(late);
  }

  // ---------------------------------------------------------------- the on-time inspection

  private static Step once(String taskKey, String user, Function<Context, Object> values) {
    return new Step(taskKey, taskKey, Actor.user(user), null, false, false, values);
  }

  private static Step eachAgency(String taskKey, Actor actor, Function<Context, Object> values) {
    return new Step(taskKey, taskKey, actor, Inspection::agencies, false, false, values);
  }

  /** A step every case-audit agency of the theme does (the Yes/No sheet, the case audits). */
  private static Step eachCaseAuditAgency(String taskKey, Actor actor, Function<Context, Object> values) {
    return new Step(taskKey, taskKey, actor, Inspection::caseAuditAgencies, false, false, values);
  }

  private static Step forAgency(String taskKey, Actor actor, Function<Inspection, String> agency, Function<Context, Object> values) {
    return new Step(taskKey, taskKey, actor, inspection -> List.of(agency.apply(inspection)), false, false, values);
  }

  /** A step done once by {@code user}, where the theme's timetable has {@code milestone} (skipped elsewhere). */
  private static Step onceIfInTimetable(String milestone, String taskKey, String user, Function<Context, Object> values) {
    return new Step(taskKey, taskKey, Actor.user(user),
        inspection -> inspection.hasMilestone(milestone) ? java.util.Collections.singletonList(null) : List.of(), false, false, values);
  }

  /** A list the theme asks for beyond Annex A, shared by each agency asked (none for most themes). */
  private static Step sharing(String taskKey, String milestone) {
    return new Step(taskKey, taskKey, Actor.LEAD, inspection -> inspection.sharing(milestone), false, false,
        context -> new ShareListForm.Submitted(true, "Portal / " + context.agency() + " / " + milestone));
  }

  private static Step afterJobs(Step step) {
    return new Step(step.name(), step.taskKey(), step.actor(), step.agencies(), step.perChild(), true, step.values());
  }

  private static Step named(String name, Step step) {
    return new Step(name, step.taskKey(), step.actor(), step.agencies(), step.perChild(), step.afterJobs(), step.values());
  }

  private static Step perChild(Step step) {
    return new Step(step.name(), step.taskKey(), step.actor(), step.agencies(), true, step.afterJobs(), step.values());
  }

  /**
   * A list field submitted as a client submits it: the rows the task offers, each with the keys of {@code
   * set} given the value computed from the row (a form's row keys are named by its row record where it has one).
   */
  static Map<String, Object> rows(Context context, String listKey, Map<String, Function<JsonNode, Object>> set) {
    ArrayNode rows = ((ArrayNode) context.offered(listKey)).deepCopy();
    rows.forEach(row -> set.forEach((key, value) -> ((ObjectNode) row).set(key, JSON.valueToTree(value.apply(row)))));
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(listKey, org.camunda.spin.plugin.variable.SpinValues.jsonValue(rows.toString()).create());
    return variables;
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  public static final String PLANNING_THEMES = "Task_RecordPlanningThemes: themes";
  public static final String PLANNING_FINISHED = "Task_RecordPlanningThemes: finished";

  /** The inspection done on time by the people whose job each step is, every stage's user task completed. */
  public static InspectionScript onTime() {
    Duration hour = Duration.ofHours(1);
    List<Stage> stages = new ArrayList<>();
    stages.add(new Stage("notification", context -> context.inspection().notifiedAt(), List.of(
        new Step("start", null, Actor.user("bu"), null, false, false, context -> {
          Map<String, Object> start = new LinkedHashMap<>();
          start.put(Standing.REFERENCE.name(), context.inspection().reference());
          start.put(Standing.THEME.name(), context.inspection().theme());
          start.put(Standing.NOTIFIED_AT.name(), context.inspection().notifiedAt().atZone(context.zone()).toOffsetDateTime().toString());
          return start;
        }))));
    stages.add(new Stage("day 1: the cascade, the fieldwork-week meetings and the documentary evidence", When.milestone("PARTNERS_NOTIFIED_DUE", hour.multipliedBy(-2)), List.of(
        once("Task_NotifyPartners", "bu", context -> new NotifyPartnersForm.Submitted(true)),
        once("Task_ConfirmScrutineerNotified", "dcs", context -> new ScrutineerNotifiedForm.Submitted(true, "telephone", context.now())),
        once("Task_RecordSetUpDiscussion", "laim", context -> new SetUpDiscussionForm.Submitted(context.now(), true, true, true, null)),
        eachAgency("Task_GiveFieldworkMeetings", Actor.DEPUTY, context -> new FieldworkMeetingsForm.Submitted(null, true, true)),
        eachAgency("Task_ConfirmLeadContact", Actor.LEAD, context -> new LeadContactForm.Submitted("lead", context.agency() + " lead", null, true)),
        eachAgency("Task_ApproveEvidence", Actor.SENIOR, context -> new ApproveEvidenceForm.Submitted(true)),
        eachAgency("Task_UploadEvidence", Actor.LEAD, context -> new UploadEvidenceForm.Submitted(true, true, true)),
        sharing("Task_ShareFirstLists", "ANNEX_A_FIRST_LISTS_DUE"))));
    stages.add(new Stage("day 2: Annex A and the agencies' own lists", When.milestone("ANNEX_A_DUE", hour.multipliedBy(-2)), List.of(
        sharing("Task_ShareAgencyLists", "AGENCY_THEME_LISTS_DUE"),
        forAgency("Task_SubmitAnnexA", Actor.LEAD, inspection -> "la", context -> {
          return rows(context, Key.<AnnexAForm.Submitted>nameOf(AnnexAForm.Submitted::annexALists), Map.of(
              Key.<AnnexAForm.Answer>nameOf(AnnexAForm.Answer::uploaded), row -> true,
              Key.<AnnexAForm.Answer>nameOf(AnnexAForm.Answer::portalReference), row -> "Portal"));
        }))));
    stages.add(new Stage("day 3: the first selection and the known-to-agency returns", When.milestone("TWENTY_SELECTED", hour.multipliedBy(-7)), List.of(
        once("Task_RecordFirstSelection", "laim", context -> new FirstSelectionForm.Submitted(context.inspection().children())),
        eachCaseAuditAgency("Task_ReturnKnownToAgency", Actor.LEAD, context -> knownToAgency(context, child -> "no")))));
    stages.add(new Stage("day 3: the returns forwarded", When.milestone("TWENTY_SELECTED", hour.multipliedBy(-7)), List.of(
        afterJobs(once("Task_ForwardReturns", "laim", context -> new ForwardReturnsForm.Submitted(true, context.now()))))));
    stages.add(new Stage("day 5: the audit selection", When.milestone("SIX_SELECTED_DUE", hour.negated()), List.of(
        once("Task_RecordAuditSelection", "laim", context -> new AuditSelectionForm.Submitted(context.inspection().auditedChildren())),
        once("Task_SendAuditTool", "bu", context -> new SendAuditToolForm.Submitted(true)),
        // Serious youth violence: the week 1 meeting on partners' strategic arrangements (paragraphs 51 and 52).
        onceIfInTimetable("STRATEGIC_ARRANGEMENTS_MEETING", "Task_RecordStrategicMeeting", "laim",
            context -> new StrategicMeetingForm.Submitted(context.now(), true, null)))));
    stages.add(new Stage("days 5 to 6: case audits, the pack, the Audit Day's roles, evidence", When.milestone("AUDIT_TOOL_DUE", hour), List.of(
        perChild(eachCaseAuditAgency("Task_CompleteAuditTool", Actor.LEAD, context ->
            new CompleteAuditToolForm.Submitted("involved", true, true, "Audit/" + context.agency() + "/" + context.child()))),
        perChild(eachCaseAuditAgency("Task_SignOffAudit", Actor.SENIOR, context -> new SignOffAuditForm.Submitted("approve", null))),
        afterJobs(once("Task_CompileAuditPack", "bu", context -> new AuditPackForm.Submitted(true, "Pack"))),
        once("Task_AppointAuditRoles", "bu", context -> new AppointAuditRolesForm.Submitted(AUDIT_CHAIR, AUDIT_AUTHOR)),
        eachAgency("Task_ConfirmEvidence", Actor.LEAD, context -> {
          Map<String, Object> values = new LinkedHashMap<>(FormValues.of(new ConfirmEvidenceForm.Submitted(true, null)));
          values.putAll(rows(context, Key.<ConfirmEvidenceForm.Submitted>nameOf(ConfirmEvidenceForm.Submitted::caseRecordRows),
              Map.of(SHARED, row -> true)));
          return values;
        }))));
    stages.add(new Stage("day 7: the Audit Day", When.milestone("AUDIT_DAY_RECORDED_DUE", hour.multipliedBy(-2)), List.of(
        once("Task_RecordAuditDay", AUDIT_CHAIR, context -> new RecordAuditDayForm.Submitted(true, context.inspection().agencies())))));
    stages.add(new Stage("day 8: the audit report, a comment, the approvals", When.milestone("REPORT_DRAFT_DUE", hour.multipliedBy(-7)), List.of(
        once("Task_UploadReportDraft", AUDIT_AUTHOR, context -> new UploadReportDraftForm.Submitted(1, "Report v1")),
        forAgency("Task_CommentOnDraft", Actor.LEAD, InspectionScript::firstNonStatutory,
            context -> new CommentOnDraftForm.Submitted("Please mention the MAPPA referral.")),
        new Step("Task_ApproveAuditReport", "Task_ApproveAuditReport", Actor.DEPUTY, Inspection::statutoryPartners, false, false,
            context -> new ApproveReportForm.Submitted("approve", true, null)))));
    stages.add(new Stage("day 9: the report submitted, the on-site programme", When.milestone("AUDIT_REPORT_WARNING", hour.multipliedBy(-2)), List.of(
        once("Task_SubmitAuditReport", "laim", context -> new SubmitAuditReportForm.Submitted(true, context.now())),
        once("Task_RecordOnSiteProgramme", "laim", context -> new OnSiteProgrammeForm.Submitted(context.now(), "Timetable", null)))));
    stages.add(new Stage("day 10: arrangements, the presentation, an issue of concern", When.milestone("CHILDREN_AND_FAMILIES_DUE", hour.multipliedBy(-7)), List.of(
        eachAgency("Task_ConfirmChildrenAndFamilies", Actor.DEPUTY, context ->
            new ChildrenAndFamiliesForm.Submitted(true, context.agency() + " family liaison", null)),
        once("Task_UpdateContextPresentation", "bu", context -> new UpdateContextPresentationForm.Submitted("Context", true)),
        once("Task_RecordIssueOfConcern", "laim", context -> new RecordConcernForm.Submitted(CONCERN_AGENCY, "A concern")),
        forAgency("Task_RespondToConcern", Actor.SENIOR, inspection -> CONCERN_AGENCY, context -> new RespondToConcernForm.Submitted("Resolved")),
        once("Task_RecordConcernResponse", "laim", context -> new ConcernResponseGivenForm.Submitted(true, context.now())))));
    stages.add(new Stage("day 11: fieldwork starts", When.milestone("FIELDWORK_START", hour.multipliedBy(3)), List.of(
        // The week on site opens at FIELDWORK_START (its timer), not when the presentation is updated.
        afterJobs(once("Task_RecordLeadersMeeting", "laim", context -> new RecordLeadersMeetingForm.Submitted(context.milestone("FIELDWORK_START"), true, null))),
        // Each partner collates its themes for the planning meeting (section 12), then LAIM records the meeting.
        eachAgency("Task_CollatePlanningThemes", Actor.LEAD, context -> new RecordPlanningThemesForm.Submitted(
            context.milestone("FIELDWORK_START").atZone(context.zone()).toLocalDate(), "Practitioners' themes (" + context.agency() + ")", true)),
        named(PLANNING_THEMES, once("Task_RecordPlanningThemes", "laim", context -> new RecordPlanningThemesForm.Submitted(
            context.milestone("FIELDWORK_START").atZone(context.zone()).toLocalDate(), "Joint working", false))),
        once("Task_ArrangeKitMeetings", "laim", context -> new ArrangeKitMeetingForm.Submitted("arrange",
            List.of(context.milestone("FIELDWORK_START").atZone(context.zone()).toLocalDate().plusDays(2)), List.of(KIT_AGENCY))),
        forAgency("Task_NameKitLeader", Actor.LEAD, inspection -> KIT_AGENCY, context -> new NameKitLeaderForm.Submitted("Designated Nurse", "Safeguarding")),
        named(PLANNING_FINISHED, once("Task_RecordPlanningThemes", "laim", context -> new RecordPlanningThemesForm.Submitted(null, null, true))))));
    stages.add(new Stage("day 15: the findings", When.milestone("FINDINGS", hour.negated()), List.of(
        once("Task_RecordFindings", "laim", context -> new RecordFindingsForm.Submitted(context.now(), null)))));
    stages.add(new Stage("week 6: the draft report and factual accuracy", When.milestone("DRAFT_REPORT_EXPECTED", hour.negated()), List.of(
        once("Task_RecordDraftReport", "dcs", context -> new RecordDraftReportForm.Submitted(context.now(), "Draft")),
        eachAgency("Task_SendFactualAccuracy", Actor.LEAD, context -> new FactualAccuracyCommentsForm.Submitted(true, null)),
        afterJobs(once("Task_ReturnFactualAccuracy", "dcs", context -> new ReturnFactualAccuracyForm.Submitted(true, context.now()))))));
    stages.add(new Stage("week 10: the final report", When.milestone("FINAL_REPORT_EXPECTED", hour.negated()), List.of(
        once("Task_RecordFinalReport", "dcs", context -> new RecordFinalReportForm.Submitted(context.now(), "Final",
            context.nextWorkingDay(context.today().plusDays(1)))))));
    stages.add(new Stage("publication, the action plan, the debrief", When.milestone("PUBLICATION", hour), List.of(
        once("Task_RecordPublication", "bu", context -> new RecordPublicationForm.Submitted(context.milestone("PUBLICATION"),
            "https://reports.ofsted.gov.uk/york", false)),
        eachAgency("Task_ContributeActions", Actor.LEAD, context -> new ContributeActionsForm.Submitted("Plan/" + context.agency(), 2)),
        eachAgency("Task_SignOffActions", Actor.SENIOR, context -> new SignOffActionsForm.Submitted("approve", null)),
        once("Task_SubmitActionPlan", "bu", context -> new SubmitActionPlanForm.Submitted(true, context.now(), "Plan", true)),
        once("Task_HoldLessonsLearned", "bu", context -> new LessonsLearnedForm.Submitted(context.now(), "Lessons")))));
    return new InspectionScript(stages, List.of());
  }

  private static String firstNonStatutory(Inspection inspection) {
    return inspection.agencies().stream().filter(a -> !inspection.statutoryPartners().contains(a)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no agency but the statutory partners to comment"));
  }

  /** The agency's known-to-agency sheet: each offered row (a child and a question) answered as {@code answer} says for its child. */
  public static Map<String, Object> knownToAgency(Context context, Function<String, String> answer) {
    String child = Key.<KnownToAgencyReturns.Answer>nameOf(KnownToAgencyReturns.Answer::child);
    return rows(context, Key.<KnownToAgencyForm.Submitted>nameOf(KnownToAgencyForm.Submitted::knownToAgencyAnswers), Map.of(
        Key.<KnownToAgencyReturns.Answer>nameOf(KnownToAgencyReturns.Answer::answer), row -> answer.apply(row.path(child).asText())));
  }

  // ---------------------------------------------------------------- variations

  public List<Stage> stages() {
    return stages.stream().filter(stage -> !stage.steps().isEmpty()).toList();
  }

  public List<Step> steps() {
    return stages().stream().flatMap(stage -> stage.steps().stream()).toList();
  }

  public Step step(String name) {
    return steps().stream().filter(step -> step.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step " + name + " in the script"));
  }

  private InspectionScript mapSteps(Function<Step, Step> change) {
    List<Stage> changed = new ArrayList<>();
    for (Stage stage : stages) {
      List<Step> steps = new ArrayList<>();
      for (Step step : stage.steps()) {
        Step now = change.apply(step);
        if (now != null) {
          steps.add(now);
        }
      }
      changed.add(new Stage(stage.name(), stage.when(), steps));
    }
    return new InspectionScript(changed, late);
  }

  /** Without these steps (left undone: their tasks wait, or their windows close by their timers). */
  public InspectionScript without(String... stepNames) {
    Set<String> names = Set.of(stepNames);
    names.forEach(this::step);
    return mapSteps(step -> names.contains(step.name()) ? null : step);
  }

  /**
   * A silent agency: nothing {@code agency} does is done. Its copies of the steps done per agency are left,
   * and the steps its people do once (the Audit Chair, say, when the Chair is its lead) are left undone.
   */
  public InspectionScript silent(String agency) {
    return mapSteps(step -> {
      if (step.perAgency()) {
        Function<Inspection, List<String>> others = inspection -> step.agencies().apply(inspection).stream()
            .filter(a -> !a.equals(agency)).toList();
        return new Step(step.name(), step.taskKey(), step.actor(), others, step.perChild(), step.afterJobs(), step.values());
      }
      return step.actor().role() == Role.USER && step.actor().user().startsWith(agency + ".") ? null : step;
    });
  }

  /** The step submitting other values. */
  public InspectionScript with(String stepName, Function<Context, ? extends Object> values) {
    step(stepName);
    return mapSteps(step -> step.name().equals(stepName)
        ? new Step(step.name(), step.taskKey(), step.actor(), step.agencies(), step.perChild(), step.afterJobs(), values::apply)
        : step);
  }

  /**
   * {@code step} done right after the step named {@code after} (a variant path: e.g. the report returned
   * once, then a second version uploaded and approved).
   */
  public InspectionScript insertAfter(String after, Step step) {
    step(after);
    List<Stage> changed = new ArrayList<>();
    for (Stage stage : stages) {
      List<Step> steps = new ArrayList<>();
      for (Step existing : stage.steps()) {
        steps.add(existing);
        if (existing.name().equals(after)) {
          steps.add(step);
        }
      }
      changed.add(new Stage(stage.name(), stage.when(), steps));
    }
    return new InspectionScript(changed, late);
  }

  /**
   * The step (for a step per agency: that agency's copy of it, done after the others') done late: the clock
   * moves to {@code when} first, and the rest of its stage follows it.
   */
  public InspectionScript late(String stepName, String agency, When when) {
    step(stepName);
    List<Lateness> more = new ArrayList<>(late);
    more.add(new Lateness(stepName, agency, when));
    return new InspectionScript(stages, more);
  }

  /** Only the steps from {@code first} to {@code last}, inclusive, in the script's order. */
  public InspectionScript between(String first, String last) {
    List<String> names = steps().stream().map(Step::name).toList();
    int from = names.indexOf(step(first).name());
    int to = names.indexOf(step(last).name());
    Set<String> kept = new LinkedHashSet<>(names.subList(from, to + 1));
    return mapSteps(step -> kept.contains(step.name()) ? step : null);
  }

  // ---------------------------------------------------------------- running it

  /** Every stage of the script: the clock moved to the stage's time (if later), then its steps. */
  public void run(Inspection inspection, Performer performer) {
    for (Stage stage : stages()) {
      Instant at = timeOf(stage, inspection, performer);
      if (at.isAfter(performer.now())) {
        performer.moveTo(at);
      }
      runStage(stage, inspection, performer);
    }
  }

  /** Every step at the clock as it is (the clock left where the test put it; no stage waits for its time). */
  public void runNow(Inspection inspection, Performer performer) {
    stages().forEach(stage -> runStage(stage, inspection, performer));
  }

  /** When the stage is due for this inspection. */
  public Instant timeOf(Stage stage, Inspection inspection, Performer performer) {
    return stage.when().at(new StepContext(inspection, performer, null, null, null, null));
  }

  /** The stage's steps, at the clock as it is (a driver that moves one clock for many inspections). */
  public void runStage(Stage stage, Inspection inspection, Performer performer) {
    for (Step step : stage.steps()) {
      if (step.afterJobs()) {
        performer.runDueJobs(inspection.reference());
      }
      if (step.taskKey() == null) {
        @SuppressWarnings("unchecked")
        Map<String, Object> start = (Map<String, Object>) step.values().apply(new StepContext(inspection, performer, null, null, null, null));
        performer.start(step.actor().of(inspection, null), start);
        continue;
      }
      List<String> agencies = step.perAgency() ? new ArrayList<>(step.agencies().apply(inspection)) : new ArrayList<>(java.util.Collections.singletonList(null));
      Map<String, When> lateFor = new HashMap<>();
      for (Lateness lateness : late) {
        if (lateness.step().equals(step.name())) {
          lateFor.put(lateness.agency(), lateness.when());
        }
      }
      // the late agencies' copies after the others'
      agencies.sort((a, b) -> Boolean.compare(lateFor.containsKey(a), lateFor.containsKey(b)));
      for (String agency : agencies) {
        List<Integer> children = step.perChild() ? IntStream.rangeClosed(1, inspection.audited()).boxed().toList()
            : java.util.Collections.singletonList(null);
        for (Integer child : children) {
          String user = step.actor().of(inspection, agency);
          StepContext context = new StepContext(inspection, performer, user, step.taskKey(), agency, child);
          When when = lateFor.get(agency);
          if (when != null) {
            Instant at = when.at(context);
            if (at.isAfter(performer.now())) {
              performer.moveTo(at);
            }
          }
          performer.complete(user, inspection.reference(), step.taskKey(), agency, child, variables(step.values().apply(context)));
        }
      }
    }
  }

  /** The values a step submits, built for {@code context} (for a client that types them in a form). */
  public Object values(String stepName, Context context) {
    return step(stepName).values().apply(context);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> variables(Object values) {
    return values instanceof Record submitted ? FormValues.of(submitted) : (Map<String, Object>) values;
  }

  /** A context for building a step's values outside a run (e.g. for a form filled in a browser). */
  public static Context context(Inspection inspection, Performer performer, String user, String taskKey, String agency, Integer child) {
    return new StepContext(inspection, performer, user, taskKey, agency, child);
  }

  private record StepContext(Inspection inspection, Performer performer, String user, String taskKey, String agency,
                             Integer child) implements Context {
    @Override
    public Instant now() {
      return performer.now();
    }

    @Override
    public Instant milestone(String name) {
      return performer.milestone(inspection.reference(), name);
    }

    @Override
    public LocalDate nextWorkingDay(LocalDate day) {
      return performer.nextWorkingDay(day);
    }

    @Override
    public ZoneId zone() {
      return performer.zone();
    }

    @Override
    public JsonNode offered(String variable) {
      return performer.offered(user, inspection.reference(), taskKey, agency, child, variable);
    }

    @Override
    public Instant taskDue() {
      return performer.due(user, inspection.reference(), taskKey, agency, child);
    }
  }
}
