package uk.jtai.response.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.script.InspectionScript;
import uk.jtai.response.script.InspectionScript.When;
import uk.jtai.response.support.ChildData;

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
// its own. As in security/StartupIT: its own engine name and no webapps, so that closing this context
// (after the class) leaves the shared context's engine and Tasklist alone.
@TestPropertySource(properties = {"spring.datasource.url=jdbc:h2:mem:jtai-simulation;DB_CLOSE_DELAY=-1",
    "camunda.bpm.process-engine-name=simulation", "camunda.bpm.webapp.enabled=false"})
@DirtiesContext
class FullInspectionSimulationIT extends SimulationSupport {

  private static final java.util.concurrent.atomic.AtomicInteger SERIES = new java.util.concurrent.atomic.AtomicInteger(700);

  @Autowired uk.jtai.response.reminders.ReminderPlan reminderPlan;
  @Autowired uk.jtai.response.notify.GroupRecipients groupRecipients;
  @Autowired uk.jtai.response.partnership.RoleContacts roles;

  /** Every shipped theme file, by its file name: a theme added to the directory is simulated too. */
  static Stream<String> shippedThemes() throws IOException {
    Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:themes/*.yaml");
    assertThat(files).isNotEmpty();
    return Arrays.stream(files).map(Resource::getFilename).map(name -> name.substring(0, name.length() - ".yaml".length())).sorted();
  }

  private Instant at(String milestone) {
    return planned.milestone(milestone).orElseThrow(() -> new AssertionError("no milestone " + milestone)).due();
  }

  private void runUntil(Instant instant) {
    clock.runUntil(instant);
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
    List<String> statutory = partnership.statutoryPartners().stream().map(a -> a.id()).toList();
    String approvalLate = statutory.get(statutory.size() - 1);
    String returnLate = theme.caseAuditAgencies().get(1);
    Instant notifiedAt = begin(theme);
    List<String> children = ChildData.references(SERIES.getAndAdd(50), first);

    // The script on time, but for the deadlines missed on purpose: one agency confirms its lead contact
    // after 17:00, another returns its known-to-agency sheet after the window, one statutory partner
    // approves the report after the day 9 warning, the police respond to the issue of concern late; no
    // comments on the draft (the window closes), Keeping in Touch left undecided and the planning themes
    // left open until their windows close.
    InspectionScript script = InspectionScript.onTime()
        .late("Task_ConfirmLeadContact", confirmationLate, When.milestone("AGENCIES_CONFIRMED_DUE", Duration.ofMinutes(10)))
        .late("Task_ReturnKnownToAgency", returnLate, When.milestone("KNOWN_TO_AGENCY_DUE", Duration.ofMinutes(5)))
        .without("Task_CommentOnDraft")
        .late("Task_ApproveAuditReport", approvalLate, When.milestone("AUDIT_REPORT_WARNING", Duration.ofHours(1)))
        .late("Task_RespondToConcern", InspectionScript.CONCERN_AGENCY, When.afterTaskDue(Duration.ofMinutes(5)))
        .late("Task_RecordConcernResponse", null, When.later(Duration.ofMinutes(5)))
        .without("Task_ArrangeKitMeetings", "Task_NameKitLeader", InspectionScript.PLANNING_FINISHED);
    InspectionClock.set(notifiedAt);
    script.run(demo.inspection(reference, theme, notifiedAt, children, audit),
        demo.performer(schedules, calendar, clock::runUntil, ref -> clock.runJobs()));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count()).as("inspection closed").isZero();
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
        // The week on site opens at day 11 by its timer; the planning themes now close with the findings record (at
        // FINDINGS less an hour in the script), before their own timer at FINDINGS.
        "Timer_FieldworkStarts");
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
   * open at the timer's instant fired once for it, and every intermediate timer once where it ended: none
   * silently skipped, none fired twice.
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
    // An intermediate timer (a stage opening at its milestone, after an event-based gateway) fired where it completed:
    // its activity instance begins only when the timer wins the gateway.
    for (HistoricProcessInstance process : history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list()) {
      BpmnModelInstance model = repository.getBpmnModelInstance(process.getProcessDefinitionId());
      for (org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent event
          : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent.class)) {
        if (event.getEventDefinitions().stream().noneMatch(TimerEventDefinition.class::isInstance)) {
          continue;
        }
        history.createHistoricActivityInstanceQuery().processInstanceId(process.getId()).activityId(event.getId()).finished()
            .list().stream().filter(instance -> !instance.isCanceled())
            .forEach(instance -> expected.merge(process.getId() + " " + event.getId(), 1, Integer::sum));
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
