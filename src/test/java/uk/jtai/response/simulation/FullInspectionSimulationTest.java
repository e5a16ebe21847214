package uk.jtai.response.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleCalculator;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.digest.DailyDigest;
import uk.jtai.response.digest.DigestProperties;
import uk.jtai.response.movedeadline.ScheduleMover;
import uk.jtai.response.notify.OutboxSender;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.reminders.ReminderSender;
import uk.jtai.response.support.AsDemoUsers;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestSmtp;

/**
 * One inspection of each shipped theme (every file in {@code themes/}), from the notification to the
 * lessons-learned debrief that closes it, driven through the engine API as the demo users with the
 * engine clock moved through the weeks like a discrete-event simulation ({@link InspectionClock}).
 * Some deadlines are missed on purpose (one agency's lead-contact confirmation, another agency's
 * known-to-agency return, one statutory partner's approval past the day 9 warning, the response to
 * an issue of concern) so that their timers fire; the rest are met.
 *
 * <p>Checked: every timer that fired was due at the instant the inspection's schedule gives its
 * milestone (for the theme's milestones, as computed from the theme file and the working calendar)
 * and ran when the clock reached it, never before; every timer the models declare on the path taken
 * fired (none silently skipped); every e-mail that the product's rules call for was delivered
 * through SMTP exactly once to each of its recipients, and no other; none carries a child reference.
 */
// Its own in-memory database: the daily digest and the pollers cover every inspection in a database, so in
// the shared one other tests' inspections would be simulated for weeks too; here the simulation meets only
// its own. As in security/StartupTest: its own engine name and no webapps, so that closing this context
// (after the class) leaves the shared context's engine and Tasklist alone.
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:jtai-simulation;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=simulation", "camunda.bpm.webapp.enabled=false"})
@DirtiesContext
class FullInspectionSimulationTest extends ProcessTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(TestSmtp.setup());

  /** A Monday; the whole timetable follows from it through the theme file and the working calendar. */
  private static final String NOTIFIED_AT = "2027-05-24T09:10:00+01:00";
  private static final java.util.concurrent.atomic.AtomicInteger SERIES = new java.util.concurrent.atomic.AtomicInteger(700);

  @Autowired Partnership partnership;
  @Autowired ThemeRegistry themes;
  @Autowired ScheduleCalculator calculator;
  @Autowired ScheduleRepository schedules;
  @Autowired ScheduleMover models;
  @Autowired WorkingCalendar calendar;
  @Autowired ReminderSender reminderSender;
  @Autowired DailyDigest digest;
  @Autowired DigestProperties digestProperties;
  @Autowired OutboxSender outboxSender;
  @Autowired uk.jtai.response.reminders.ReminderPlan reminderPlan;
  @Autowired uk.jtai.response.notify.GroupRecipients groupRecipients;
  @Autowired uk.jtai.response.partnership.RoleContacts roles;

  /** Every shipped theme file, by its file name: a theme added to the directory is simulated too. */
  static Stream<String> shippedThemes() throws IOException {
    Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:themes/*.yaml");
    assertThat(files).isNotEmpty();
    return Arrays.stream(files).map(Resource::getFilename).map(name -> name.substring(0, name.length() - ".yaml".length())).sorted();
  }

  private AsDemoUsers demo;
  private InspectionClock clock;
  private InspectionSchedule planned;
  private String reference;

  private Instant at(String milestone) {
    return planned.milestone(milestone).orElseThrow(() -> new AssertionError("no milestone " + milestone)).due();
  }

  private void runUntil(Instant instant) {
    clock.runUntil(instant);
  }

  private void work(String user, String taskKey, Map<String, Object> variables) {
    demo.work(user, reference, taskKey, variables);
    clock.runJobs();
  }

  private static String iso(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toString();
  }

  private Instant stored(String milestone) {
    return schedules.due(reference, milestone).orElseThrow(() -> new AssertionError("no stored milestone " + milestone));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shippedThemes")
  void anInspectionRunsFromNotificationToClosingWithEveryTimerOnTimeAndEveryEmailOnce(String themeId) throws Exception {
    Theme theme = themes.theme(themeId);
    List<String> agencies = theme.agencies();
    int first = theme.selection().first().max();
    int audit = theme.selection().audit().max();
    String confirmationLate = agencies.get(agencies.size() - 1);
    String returnLate = agencies.get(1);
    reference = newReference();
    Instant notifiedAt = instant(NOTIFIED_AT);
    planned = calculator.compute(reference, theme, notifiedAt);
    demo = new AsDemoUsers(engine, partnership);
    clock = new InspectionClock(engine, jdbc, schedules, models, reminderSender, digest, outboxSender,
        digestProperties.time(), calendar.zone(), reference);
    List<String> children = ChildData.references(SERIES.getAndAdd(50), first);

    // Day 1: the notification and the cascade; one agency confirms its lead contact after 17:00.
    InspectionClock.set(notifiedAt);
    ProcessInstance inspection = demo.notify(reference, themeId, NOTIFIED_AT);
    runUntil(at("PARTNERS_NOTIFIED_DUE").minus(Duration.ofHours(2)));
    work("bu", "Task_NotifyPartners", Map.of("contactsCurrent", true));
    demo.everyoneSeesOnlyTheirOwnTasks(reference);
    for (String agency : agencies) {
      if (!agency.equals(confirmationLate)) {
        work(agency + ".lead", "Task_ConfirmLeadContact", Map.of("confirmedContact", "lead",
            "contactName", agency + " lead", "briefed", true));
      }
      work(agency + ".deputy", "Task_GiveFieldworkMeetings", Map.of("noMeetings", true, "sentToLeadInspector", true));
    }
    work("dcs", "Task_ConfirmScrutineerNotified", Map.of("scrutineerNotified", true,
        "scrutineerNotifiedHow", "telephone", "scrutineerNotifiedAt", iso(clock.now())));
    work("laim", "Task_RecordSetUpDiscussion", Map.of("setUpDiscussionAt", iso(clock.now()),
        "statutoryPartnersAttended", true, "annexARequestReceived", true, "concernsArrangementsAgreed", true));
    runUntil(at("AGENCIES_CONFIRMED_DUE").plus(Duration.ofMinutes(10)));
    work(confirmationLate + ".lead", "Task_ConfirmLeadContact", Map.of("confirmedContact", "lead",
        "contactName", confirmationLate + " lead", "briefed", true));

    // Day 2: Annex A.
    runUntil(at("ANNEX_A_DUE").minus(Duration.ofHours(2)));
    demo.submitAnnexA(reference);
    clock.runJobs();

    // The first selection; one agency returns its known-to-agency sheet after the window.
    runUntil(at("TWENTY_SELECTED").minus(Duration.ofHours(7)));
    work("laim", "Task_RecordFirstSelection", Map.of("firstSelectionEntry", ChildData.lines(children)));
    demo.everyoneSeesOnlyTheirOwnTasks(reference);
    for (String agency : agencies) {
      if (!agency.equals(returnLate)) {
        demo.answerKnownToAgency(agency, reference);
        clock.runJobs();
      }
    }
    runUntil(stored("KNOWN_TO_AGENCY_DUE").plus(Duration.ofMinutes(5)));
    demo.answerKnownToAgency(returnLate, reference);
    clock.runJobs();
    work("laim", "Task_ForwardReturns", Map.of("returnsSentToInspectors", true, "returnsSentAt", iso(clock.now())));

    // The audit selection, the tool, the audits and their sign-off, the pack, the Audit Day's roles, evidence.
    runUntil(at("SIX_SELECTED_DUE").minus(Duration.ofHours(1)));
    work("laim", "Task_RecordAuditSelection", Map.of("auditSelectionEntry", ChildData.lines(children.subList(0, audit))));
    work("bu", "Task_SendAuditTool", Map.of("auditToolAvailable", true));
    runUntil(at("AUDIT_TOOL_DUE").plus(Duration.ofHours(1)));
    for (String agency : agencies) {
      demo.auditAndSignOff(agency, reference, audit);
      clock.runJobs();
    }
    work("bu", "Task_CompileAuditPack", Map.of("auditPackSent", true, "auditPackLocation", "Pack"));
    work("bu", "Task_AppointAuditRoles", Map.of("auditChair", "police.lead", "auditAuthor", "bu"));
    demo.everyoneSeesOnlyTheirOwnTasks(reference);
    for (String agency : agencies) {
      demo.provideEvidence(agency, reference);
      clock.runJobs();
    }

    // Days 7 to 9: the Audit Day, the report; one statutory partner approves after the 12:00 warning.
    runUntil(at("AUDIT_DAY_RECORDED_DUE").minus(Duration.ofHours(2)));
    work("police.lead", "Task_RecordAuditDay", Map.of("auditDayHeld", true,
        "attendedAgencies", SpinValues.jsonValue(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(agencies)).create()));
    runUntil(at("REPORT_DRAFT_DUE").minus(Duration.ofHours(7)));
    work("bu", "Task_UploadReportDraft", Map.of("newReportVersion", 1, "newReportLocation", "Report v1"));
    runUntil(stored("REPORT_COMMENTS_DUE").plus(Duration.ofMinutes(30))); // no comments: the window closes
    List<String> statutory = partnership.statutoryPartners().stream().map(a -> a.id()).toList();
    String approvalLate = statutory.get(statutory.size() - 1);
    for (String partner : statutory) {
      if (!partner.equals(approvalLate)) {
        work(partner + ".deputy", "Task_ApproveAuditReport", Map.of("reportDecision", "approve", "qualityAssured", true));
      }
    }
    runUntil(at("AUDIT_REPORT_WARNING").plus(Duration.ofHours(1)));
    work(approvalLate + ".deputy", "Task_ApproveAuditReport", Map.of("reportDecision", "approve", "qualityAssured", true));
    work("laim", "Task_SubmitAuditReport", Map.of("reportSubmitted", true, "reportSubmittedAt", iso(clock.now())));
    work("laim", "Task_RecordOnSiteProgramme", Map.of("programmeAgreedAt", iso(clock.now()), "programmeLocation", "Timetable"));

    // Day 10: arrangements, the presentation; an issue of concern whose response comes late.
    runUntil(at("CHILDREN_AND_FAMILIES_DUE").minus(Duration.ofHours(7)));
    for (String agency : agencies) {
      work(agency + ".deputy", "Task_ConfirmChildrenAndFamilies", Map.of("arrangementsConfirmed", true,
          "arrangementsContact", agency + " family liaison"));
    }
    work("bu", "Task_UpdateContextPresentation", Map.of("presentationUpdated", true, "presentationLocation", "Context"));
    work("laim", "Task_RecordIssueOfConcern", Map.of("concernAgency", "police", "concernSummary", "A concern"));
    Task respond = demo.find(demo.senior("police"), reference, "Task_RespondToConcern");
    Instant responseDue = respond.getDueDate().toInstant();
    runUntil(responseDue.plus(Duration.ofMinutes(5)));
    work(demo.senior("police"), "Task_RespondToConcern", Map.of("agencyResponse", "Resolved"));
    runUntil(clock.now().plus(Duration.ofMinutes(5)));
    work("laim", "Task_RecordConcernResponse", Map.of("responseRecordedOnTemplate", true, "responseGivenAt", iso(clock.now())));

    // Fieldwork: Keeping in Touch left undecided and the planning themes left open until their windows close.
    runUntil(at("FIELDWORK_START").plus(Duration.ofHours(3)));
    work("laim", "Task_RecordLeadersMeeting", Map.of("leadersMeetingAt", iso(at("FIELDWORK_START"))));
    work("laim", "Task_RecordPlanningThemes", Map.of("planningDay", at("FIELDWORK_START").atZone(calendar.zone()).toLocalDate().toString(),
        "planningThemes", "Joint working"));
    runUntil(at("FINDINGS").minus(Duration.ofHours(1)));
    work("laim", "Task_RecordFindings", Map.of("findingsFedBackAt", iso(clock.now())));

    // After fieldwork: the draft, factual accuracy, the final report, publication, the action plan, the debrief.
    runUntil(at("DRAFT_REPORT_EXPECTED").minus(Duration.ofHours(1)));
    work("dcs", "Task_RecordDraftReport", Map.of("draftArrivedAt", iso(clock.now()), "draftReportLocation", "Draft"));
    for (String agency : agencies) {
      work(agency + ".lead", "Task_SendFactualAccuracy", Map.of("noFactualComments", true));
    }
    work("dcs", "Task_ReturnFactualAccuracy", Map.of("factualAccuracyReturned", true, "factualAccuracyReturnedAt", iso(clock.now())));
    runUntil(at("FINAL_REPORT_EXPECTED").minus(Duration.ofHours(1)));
    LocalDate publicationDay = calendar.nextWorkingDay(clock.now().atZone(calendar.zone()).toLocalDate().plusDays(1));
    work("dcs", "Task_RecordFinalReport", Map.of("finalArrivedAt", iso(clock.now()), "finalReportLocation", "Final",
        "publicationDate", publicationDay.toString()));
    runUntil(stored("PUBLICATION").plus(Duration.ofHours(1)));
    work("bu", "Task_RecordPublication", Map.of("publishedAt", iso(stored("PUBLICATION")),
        "reportUrl", "https://reports.ofsted.gov.uk/york", "priorityAction", false));
    for (String agency : agencies) {
      demo.contributeActions(agency, reference);
      clock.runJobs();
    }
    work("bu", "Task_SubmitActionPlan", Map.of("actionPlanSubmitted", true, "actionPlanSubmittedAt", iso(clock.now()),
        "actionPlanLocation", "Plan", "reportedToGovernance", true));
    work("bu", "Task_HoldLessonsLearned", Map.of("debriefHeldAt", iso(clock.now()), "lessonsLocation", "Lessons"));
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(inspection.getId()).count()).as("inspection closed").isZero();
    Instant closed = clock.now();
    runUntil(closed.plus(Duration.ofDays(3))); // nothing more may happen
    assertThat(jdbc.queryForObject("select count(*) from jtai_reminder where reference = ? and status = 'PENDING'",
        Integer.class, reference)).as("reminders left pending after the inspection closed").isZero();

    everyTimerFiredAtItsMilestone(theme);
    everyTimerOnThePathFired();
    everyExpectedEmailWasDeliveredOnce(theme, closed, children);
  }

  /** Each fired timer was due at its milestone's instant in the schedule, and ran at that instant. */
  private void everyTimerFiredAtItsMilestone(Theme theme) {
    List<InspectionClock.Firing> firings = clock.firings();
    assertThat(firings).extracting(InspectionClock.Firing::timerId).contains("Timer_AgencyConfirmationDue",
        "Timer_KnownToAgencyDue", "Timer_AuditReportWarning", "Timer_ConcernResponseDue", "Timer_KitWindowCloses",
        "Timer_FieldworkEnds");
    for (InspectionClock.Firing firing : firings) {
      String what = firing.timerId() + (firing.agency() == null ? "" : " (" + firing.agency() + ")");
      assertThat(firing.executedAt()).as(what + " ran at its due instant, not before").isEqualTo(firing.due());
      if (firing.milestone() != null) {
        assertThat(firing.due()).as(what + " due at " + firing.milestone()).isEqualTo(firing.milestoneDueThen());
        if (theme.milestone(firing.milestone()).isPresent()) {
          assertThat(firing.due()).as(what + " due at the theme's " + firing.milestone()).isEqualTo(at(firing.milestone()));
        }
      } else {
        assertThat(firing.due()).as(what + " due when the task it watches is due").isEqualTo(firing.attachedTaskDue());
      }
    }
  }

  /**
   * Every timer boundary event of the models that ran for this inspection whose task (or subprocess) was
   * open at the timer's instant fired once for it: none silently skipped.
   */
  private void everyTimerOnThePathFired() {
    Map<String, Integer> expected = new HashMap<>();
    for (HistoricProcessInstance process : history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list()) {
      BpmnModelInstance model = repository.getBpmnModelInstance(process.getProcessDefinitionId());
      Map<String, String> milestones = models.milestonesOf(process.getProcessDefinitionId());
      for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
        if (boundary.getEventDefinitions().stream().noneMatch(TimerEventDefinition.class::isInstance)) {
          continue;
        }
        // A timer on a multi-instance activity is on its body: one for all its instances.
        String scopeId = boundary.getAttachedTo().getLoopCharacteristics() == null ? boundary.getAttachedTo().getId()
            : boundary.getAttachedTo().getId() + "#multiInstanceBody";
        for (HistoricActivityInstance scope : history.createHistoricActivityInstanceQuery().processInstanceId(process.getId())
            .activityId(scopeId).list()) {
          Instant due = milestones.containsKey(boundary.getId()) ? stored(milestones.get(boundary.getId()))
              : history.createHistoricTaskInstanceQuery().activityInstanceIdIn(scope.getId()).singleResult().getDueDate().toInstant();
          boolean openAtDue = scope.getStartTime().toInstant().isBefore(due)
              && (scope.getEndTime() == null || !scope.getEndTime().toInstant().isBefore(due));
          if (openAtDue) {
            expected.merge(process.getId() + " " + boundary.getId(), 1, Integer::sum);
          }
        }
      }
    }
    Map<String, Integer> fired = new HashMap<>();
    clock.firings().forEach(f -> fired.merge(f.processInstanceId() + " " + f.timerId(), 1, Integer::sum));
    assertThat(fired).as("timers fired, by process instance and timer").isEqualTo(expected);
  }

  private void everyExpectedEmailWasDeliveredOnce(Theme theme, Instant closed, List<String> children) throws Exception {
    List<ExpectedEmails.Expected> expected = new ExpectedEmails(engine, reminderPlan, groupRecipients, roles, partnership,
        schedules, calendar, digestProperties.time()).of(reference, theme, planned, clock.firings(), closed);
    List<Map<String, Object>> rows = outbox(reference);
    List<Map<String, Object>> unmatched = new ArrayList<>(rows);
    List<ExpectedEmails.Expected> missing = new ArrayList<>();
    for (ExpectedEmails.Expected mail : expected) {
      Map<String, Object> row = unmatched.stream().filter(mail::matches).findFirst().orElse(null);
      if (row == null) {
        missing.add(mail);
      } else {
        unmatched.remove(row);
      }
    }
    List<String> wrong = new ArrayList<>(missing.stream().map(m -> "missing: " + m).toList());
    unmatched.forEach(r -> wrong.add("unexpected: " + r.get("TEMPLATE") + " to " + r.get("RECIPIENTS") + ": " + r.get("SUBJECT")));
    assertThat(wrong).as("expected e-mails not written to the outbox, and e-mails nothing called for (duplicates or strays)")
        .isEmpty();

    Map<Long, Integer> copies = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      String[] id = message.getHeader("X-JTAI-Outbox-Id");
      if (id != null) {
        copies.merge(Long.parseLong(id[0]), 1, Integer::sum);
      }
    }
    for (Map<String, Object> row : rows) {
      long id = ((Number) row.get("ID")).longValue();
      assertThat(row.get("STATUS")).as("e-mail #" + id).isEqualTo("SENT");
      assertThat(copies.get(id)).as("copies delivered of " + row.get("TEMPLATE") + " #" + id + ", one per recipient")
          .isEqualTo(((String) row.get("RECIPIENTS")).split(",").length);
      for (String child : children) {
        assertThat((String) row.get("SUBJECT") + row.get("BODY")).as("e-mail #" + id).doesNotContain(child);
      }
    }
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (message.getSubject().contains(reference)) {
        String content = message.getSubject() + message.getContent();
        children.forEach(child -> assertThat(content).doesNotContain(child));
      }
    }
    assertThat(rows).extracting(r -> r.get("TEMPLATE")).contains("agency-notification", "agency-task", "task-overdue",
        "task-reminder", "audit-tool-available", "audit-report-warning", "issue-of-concern", "final-report-embargo", "daily-digest");
  }
}
