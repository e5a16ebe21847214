package uk.jtai.response.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.notify.GroupRecipients;
import uk.jtai.response.notify.MissedDeadlines;
import uk.jtai.response.partnership.Contact;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * Reminders before every deadline and an escalation at it, on the week-1 models: planned when a task is
 * created, sent once each at their time to the task's group, skipped once the task is done, moved with the
 * task's due date; the models' own escalations are not doubled.
 */
class ReminderProcessTest extends ProcessTestSupport {

  // Monday 24 May 2027: day 1. Day 2 is Tuesday 25 May; day 5 Friday 28 May.
  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @Autowired ReminderSender sender;
  @Autowired ReminderPlan plan;
  @Autowired GroupRecipients groupRecipients;
  @Autowired ReminderRepository repository;

  /** Every reminder due at the engine clock, of every inspection in the database (as the poller would). */
  private void sendAllDue() {
    while (sender.sendDue() > 0) {
      // batch after batch
    }
  }

  /** The task's reminder rows, earliest first: kind, send_at (as Instant) and status. */
  private List<Map<String, Object>> reminders(Task task) {
    return jdbc.queryForList("select kind, send_at, status, outcome from jtai_reminder where task_id = ? order by send_at, id",
        task.getId());
  }

  private List<String> plannedTimes(Task task, String status) {
    return reminders(task).stream().filter(row -> status.equals(row.get("status")))
        .map(row -> row.get("kind") + " " + instantOf(row.get("send_at"))).toList();
  }

  private static Instant instantOf(Object timestamp) {
    if (timestamp instanceof java.time.OffsetDateTime odt) {
      return odt.toInstant();
    }
    return ((java.sql.Timestamp) timestamp).toInstant();
  }

  private List<Map<String, Object>> mails(String reference, String template, String taskName) {
    return outbox(reference, template).stream().filter(row -> ((String) row.get("subject")).contains(taskName)).toList();
  }

  @Test
  void aTaskGetsARemindTheWorkingDayBeforeAndTwoHoursBeforeAndAnEscalationAtItsDeadline() {
    TestUsers.ensure(engine.getIdentityService(), "rem-laim", "laim");
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    Task setUp = task(reference, "Task_RecordSetUpDiscussion"); // LAIM, day 2 17:00, no timer in the model

    assertThat(plannedTimes(setUp, "PENDING")).containsExactly(
        "REMINDER " + instant("2027-05-24T17:00:00+01:00"),
        "REMINDER " + instant("2027-05-25T15:00:00+01:00"),
        "DEADLINE " + instant("2027-05-25T17:00:00+01:00"));

    moveClockTo("2027-05-24T16:59:00+01:00");
    sendAllDue();
    assertThat(mails(reference, "task-reminder", "set-up discussion")).isEmpty();

    moveClockTo("2027-05-24T17:00:00+01:00");
    sendAllDue();
    sendAllDue();
    List<Map<String, Object>> reminders = mails(reference, "task-reminder", "set-up discussion");
    assertThat(reminders).as("sent once, however often the sender runs").hasSize(1);
    assertThat((String) reminders.get(0).get("recipients")).contains("rem-laim@test.example")
        .doesNotContain("york.example");
    assertThat((String) reminders.get(0).get("subject"))
        .isEqualTo("JTAI " + reference + ": reminder - due by 17:00 on Tuesday 25 May - Record the set-up discussion with the lead inspector");
    assertThat((String) reminders.get(0).get("body")).contains("https://jtai.test/camunda/app/tasklist/default/#/?task=" + setUp.getId())
        .contains("Set-up discussion with the lead inspector held and recorded");

    moveClockTo("2027-05-25T15:00:00+01:00");
    sendAllDue();
    assertThat(mails(reference, "task-reminder", "set-up discussion")).hasSize(2);

    moveClockTo("2027-05-25T17:00:00+01:00");
    sendAllDue();
    List<Map<String, Object>> escalations = mails(reference, "task-overdue", "set-up discussion");
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients")).as("no agency: the DCS, and the Business Unit")
        .isEqualTo("dcs@york.example,cyscp@york.gov.uk");
    assertThat((String) runtime.getVariable(calledProcess(reference, "jtai-inspection").getId(), "missedDeadlines"))
        .contains("SET_UP_DISCUSSION_DUE (Set-up discussion with the lead inspector held and recorded)")
        .contains("SCRUTINEER_NOTIFIED_DUE (DCS has made sure the Independent Scrutineer is notified)");
    assertThat(plannedTimes(setUp, "SENT")).hasSize(3);
    assertThat(task(reference, "Task_RecordSetUpDiscussion")).as("the task stays open").isNotNull();
  }

  @Test
  void aTaskCompletedBeforeItsRemindersSendsNothingMore() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    Task setUp = task(reference, "Task_RecordSetUpDiscussion");
    moveClockTo("2027-05-24T14:00:00+01:00");
    complete(setUp, Map.of("setUpDiscussionAt", "2027-05-24T13:30:00+01:00", "statutoryPartnersAttended", true,
        "annexARequestReceived", true, "concernsArrangementsAgreed", true));

    assertThat(reminders(setUp)).as("nothing written as the task completes").extracting(row -> row.get("status"))
        .containsOnly("PENDING");

    moveClockTo("2027-05-24T17:00:00+01:00"); // the first reminder's time
    sendAllDue();
    assertThat(reminders(setUp)).as("withdrawn as it falls due, the later ones when they do")
        .extracting(row -> row.get("status") + " " + row.get("outcome"))
        .containsExactly("CANCELLED task ended", "PENDING null", "PENDING null");

    moveClockTo("2027-05-25T17:30:00+01:00");
    sendAllDue();
    assertThat(mails(reference, "task-reminder", "set-up discussion")).isEmpty();
    assertThat(mails(reference, "task-overdue", "set-up discussion")).isEmpty();
    assertThat(reminders(setUp)).extracting(row -> row.get("status") + " " + row.get("outcome"))
        .containsOnly("CANCELLED task ended");
    assertThat(String.valueOf(runtime.getVariable(calledProcess(reference, "jtai-inspection").getId(), "missedDeadlines")))
        .as("nothing missed on this task").doesNotContain("SET_UP_DISCUSSION_DUE");
  }

  @Test
  void aDeadlineTheThemeSetsItsOwnRemindersForGetsThoseOnly() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    // PARTNERS_NOTIFIED_DUE (12:00) has reminders: [PT1H] in the theme file.
    assertThat(plannedTimes(task(reference, "Task_NotifyPartners"), "PENDING")).containsExactly(
        "REMINDER " + instant("2027-05-24T11:00:00+01:00"),
        "DEADLINE " + instant("2027-05-24T12:00:00+01:00"));
    // SCRUTINEER_NOTIFIED_DUE (17:00): the working day before is before the task existed; two hours before remains.
    assertThat(plannedTimes(task(reference, "Task_ConfirmScrutineerNotified"), "PENDING")).containsExactly(
        "REMINDER " + instant("2027-05-24T15:00:00+01:00"),
        "DEADLINE " + instant("2027-05-24T17:00:00+01:00"));
  }

  @Test
  void remindersOutsideWorkingHoursOrOnNonWorkingDaysAreNotPlanned() {
    Instant created = instant("2027-05-20T09:00:00+01:00");
    // Day 2 at 09:30: the working day before at 09:30 is kept, 07:30 is outside working hours.
    assertThat(plan.plan(new TaskDeadline("R", "t", null, instant("2027-05-25T09:30:00+01:00"), true, null), created))
        .extracting(ReminderPlan.Planned::sendAt).containsExactly(instant("2027-05-24T09:30:00+01:00"));
    // Tuesday 1 June 2027 follows the Spring bank holiday and a weekend: the working day before is Friday.
    assertThat(plan.plan(new TaskDeadline("R", "t", null, instant("2027-06-01T17:00:00+01:00"), false, null), created))
        .extracting(p -> p.kind() + " " + p.sendAt()).containsExactly(
            "REMINDER " + instant("2027-05-28T17:00:00+01:00"),
            "REMINDER " + instant("2027-06-01T15:00:00+01:00"),
            "DEADLINE " + instant("2027-06-01T17:00:00+01:00"));
  }

  @Test
  void aTaskTheModelEscalatesIsRemindedButNotEscalatedTwice() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    Task annexA = task(reference, "Task_SubmitAnnexA"); // has Timer_AnnexADue and its ${escalate} step
    assertThat(plannedTimes(annexA, "PENDING")).containsExactly(
        "REMINDER " + instant("2027-05-24T17:00:00+01:00"),
        "REMINDER " + instant("2027-05-25T15:00:00+01:00"));

    moveClockTo("2027-05-25T17:00:01+01:00");
    sendAllDue();
    fireDueTimers(reference);
    sendAllDue();
    assertThat(mails(reference, "task-reminder", "Annex A")).hasSize(2);
    List<Map<String, Object>> escalations = mails(reference, "task-overdue", "Annex A");
    assertThat(escalations).as("the model's escalation only").hasSize(1);
    assertThat(escalations.get(0).get("recipients")).isEqualTo("dcs@york.example,cyscp@york.gov.uk");
    assertThat((String) runtime.getVariable(calledProcess(reference, "jtai-inspection").getId(), "missedDeadlines"))
        .as("the model's escalation marks the inspection for Cockpit too")
        .contains("ANNEX_A_DUE (Annex A child-level lists submitted)");
  }

  /**
   * The agency is stored with the reminder when it is planned; a reminder planned before the agency was stored
   * (its column null) reads it from the task, with the same result.
   */
  @ParameterizedTest(name = "planned before the agency was stored: {0}")
  @ValueSource(booleans = {false, true})
  void anAgencyTaskMissingItsDeadlineIsEscalatedToTheAgencysSeniorAndTheBusinessUnit(boolean plannedBeforeAgencyStored) {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    Task meetings = agencyTask(reference, "Task_GiveFieldworkMeetings", "police");
    assertThat(plannedTimes(meetings, "PENDING")).as("the model escalates it").noneMatch(row -> row.startsWith("DEADLINE"));

    // Every agency task of week 1 has its model escalation; an agency task without one gets this.
    TaskDeadline withoutTimer = new TaskDeadline(reference, meetings.getId(), "FIELDWORK_MEETINGS_DUE",
        meetings.getDueDate().toInstant(), false, "police");
    repository.insert(withoutTimer, List.of(new ReminderPlan.Planned(ReminderPlan.Kind.DEADLINE, withoutTimer.due())),
        EngineTime.now());
    if (plannedBeforeAgencyStored) {
      jdbc.update("update jtai_reminder set agency = null where task_id = ? and kind = 'DEADLINE'", meetings.getId());
    }
    moveClockTo("2027-05-28T17:00:00+01:00");
    sendAllDue();
    List<Map<String, Object>> escalations = mails(reference, "task-overdue", "fieldwork week");
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients")).isEqualTo("police.senior@york.example,cyscp@york.gov.uk");
    assertThat((String) escalations.get(0).get("subject")).contains("(Police)");
    assertThat((String) runtime.getVariable(calledProcess(reference, "jtai-inspection").getId(), "missedDeadlines")).contains(
        "FIELDWORK_MEETINGS_DUE (Multi-agency meetings in the fieldwork week given to the lead inspector): Police");
  }

  @Test
  void laimsLateRecordOfAnAgencysConcernResponseGoesToTheDcsNotToThatAgencysSenior() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-24T11:00:00+01:00");
    complete(task(reference, "Task_RecordIssueOfConcern"), Map.of("concernAgency", "police", "concernSummary", "A concern"));
    moveClockTo("2027-05-24T13:00:00+01:00");
    complete(agencyTask(reference, "Task_RespondToConcern", "police-senior"), Map.of("agencyResponse", "Resolved"));
    Task record = task(reference, "Task_RecordConcernResponse");
    assertThat(tasks.getVariable(record.getId(), "agency")).as("the task sees the concern's agency").isEqualTo("police");

    moveClockTo("2027-05-24T15:00:01+01:00");
    sendAllDue();
    List<Map<String, Object>> escalations = mails(reference, "task-overdue", "Record the response given to the inspectors");
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients")).as("LAIM's task: the DCS and the Business Unit")
        .isEqualTo("dcs@york.example,cyscp@york.gov.uk");
    assertThat((String) runtime.getVariable(calledProcess(reference, "jtai-inspection").getId(), "missedDeadlines"))
        .as("recorded as LAIM's miss, not the police's").contains("Record the response given to the inspectors")
        .doesNotContain(": Police");
  }

  @Test
  void changingATasksDueDateMovesItsReminders() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-24T10:00:00+01:00");
    Task setUp = task(reference, "Task_RecordSetUpDiscussion");
    // As a moved milestone does (issue 6): the task's due date through TaskService, which fires "update".
    setUp.setDueDate(Date.from(instant("2027-05-26T12:00:00+01:00")));
    tasks.saveTask(setUp);

    assertThat(plannedTimes(setUp, "PENDING")).containsExactly(
        "REMINDER " + instant("2027-05-25T12:00:00+01:00"),
        "REMINDER " + instant("2027-05-26T10:00:00+01:00"),
        "DEADLINE " + instant("2027-05-26T12:00:00+01:00"));
    assertThat(plannedTimes(setUp, "CANCELLED")).hasSize(3);

    // Another change that is not the due date (a claim) leaves the plan as it is.
    tasks.claim(setUp.getId(), "test-admin");
    assertThat(plannedTimes(setUp, "PENDING")).hasSize(3);

    moveClockTo("2027-05-25T12:00:00+01:00");
    sendAllDue();
    List<Map<String, Object>> sent = mails(reference, "task-reminder", "set-up discussion");
    assertThat(sent).hasSize(1);
    assertThat((String) sent.get(0).get("subject")).contains("due by 12:00 on Wednesday 26 May");
    moveClockTo("2027-05-25T17:00:00+01:00");
    sendAllDue();
    assertThat(mails(reference, "task-overdue", "set-up discussion")).as("the old deadline has gone").isEmpty();
    moveClockTo("2027-05-26T12:00:00+01:00");
    sendAllDue();
    assertThat(mails(reference, "task-overdue", "set-up discussion")).hasSize(1);
  }

  @Test
  void aDueDateChangedBehindTheEnginesBackIsFollowedWhenTheReminderFallsDue() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    Task setUp = task(reference, "Task_RecordSetUpDiscussion");
    jdbc.update("update act_ru_task set due_date_ = ? where id_ = ?",
        java.sql.Timestamp.from(instant("2027-05-26T17:00:00+01:00")), setUp.getId());

    moveClockTo("2027-05-24T17:00:00+01:00");
    sendAllDue();
    assertThat(mails(reference, "task-reminder", "set-up discussion")).as("not for the old due date").isEmpty();
    assertThat(plannedTimes(setUp, "PENDING")).containsExactly(
        "REMINDER " + instant("2027-05-25T17:00:00+01:00"),
        "REMINDER " + instant("2027-05-26T15:00:00+01:00"),
        "DEADLINE " + instant("2027-05-26T17:00:00+01:00"));
  }

  @Test
  void aGroupWithoutUsersWithAnEmailIsRemindedThroughThePartnershipsMailbox() {
    assertThat(groupRecipients.of(List.of("yjs-senior"))).extracting(Contact::email)
        .containsExactly("yjs.senior@york.example");
    assertThat(groupRecipients.of(List.of("yjs"))).extracting(Contact::email)
        .containsExactly("yjs.lead@york.example", "yjs.deputy@york.example");
    TestUsers.ensure(engine.getIdentityService(), "rem-yjs-senior", "yjs-senior");
    assertThat(groupRecipients.of(List.of("yjs-senior"))).extracting(Contact::email)
        .containsExactly("rem-yjs-senior@test.example");
    assertThat(groupRecipients.of(List.of("no-such-group"))).extracting(Contact::email)
        .as("nobody else: the Business Unit").containsExactly("cyscp@york.gov.uk");
  }

  @Test
  void missedDeadlinesAreListedOnceEachAndAnEndedInspectionIsLeftAlone() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    MissedDeadlines missed = new MissedDeadlines(engine);
    missed.record(reference, "ANNEX_A_DUE (Annex A child-level lists submitted)");
    missed.record(reference, "ANNEX_A_DUE (Annex A child-level lists submitted)");
    missed.record(reference, "AUDIT_TOOL_DUE (Multi-Agency Audit Tool and Chronology sent to partners)");
    String instance = calledProcess(reference, "jtai-inspection").getId();
    assertThat(runtime.getVariable(instance, "missedDeadlines")).isEqualTo(
        "ANNEX_A_DUE (Annex A child-level lists submitted)\nAUDIT_TOOL_DUE (Multi-Agency Audit Tool and Chronology sent to partners)");
    runtime.deleteProcessInstance(instance, "test");
    missed.record(reference, "FINDINGS (Inspection findings fed back to the partnership)");
  }
}
