package uk.jtai.response.fieldworkmeetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * bpmn/fieldwork-meetings.bpmn: agencies' multi-agency meetings in the fieldwork week (guidance 11). Each test
 * starts the stage on its own, with what jtai-inspection passes in ({@link #startStage}).
 */
class FieldworkMeetingsProcessTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  static final List<String> AGENCIES = List.of("la", "police", "health", "probation", "education");

  static Map<String, Object> meetings(String json) {
    return Map.of("meetings", SpinValues.jsonValue(json).create(), "sentToLeadInspector", true);
  }

  static Map<String, Object> none() {
    return Map.of("noMeetings", true, "sentToLeadInspector", true);
  }

  @Test
  void everyAgencyGivesItsMeetingsInTheFieldworkWeekOrSaysItHasNone() {
    String reference = newReference();
    ProcessInstance meetings = startStage("fieldwork-meetings", reference, "domestic-abuse", NOTIFIED);
    assertThat(meetings).hasBusinessKey(reference).hasPassed("Event_MeetingsRequested", "Event_AgencyMeetingsRequested")
        .isWaitingAt("Task_GiveFieldworkMeetings");
    for (String agency : AGENCIES) {
      Task task = agencyTask(reference, "Task_GiveFieldworkMeetings", agency);
      assertThat(task).as(agency).hasCandidateGroup(agency)
          .hasDueDate(java.util.Date.from(instant("2027-05-28T17:00:00+01:00")));
      assertThat(tasks.getVariable(task.getId(), "meetingTypes").toString()).contains("MARAC");
    }
    // Fieldwork runs from day 11 (Tuesday 8 June; 31 May is a bank holiday) to day 15 (Monday 14 June).
    complete(agencyTask(reference, "Task_GiveFieldworkMeetings", "police"), meetings(
        "[{\"type\":\"MARAC\",\"when\":\"2027-06-09T10:00+01:00\",\"where\":\"West Offices\"},"
            + "{\"type\":\"MAPPA\",\"when\":\"2027-06-14T14:00+01:00\",\"where\":\"virtual\"}]"));
    for (String agency : List.of("la", "health", "probation", "education")) {
      complete(agencyTask(reference, "Task_GiveFieldworkMeetings", agency), none());
    }
    assertThat(meetings).hasPassed("Event_AgencyMeetingsGiven", "Event_AllMeetingsGiven").isEnded()
        .hasNotPassed("Task_EscalateFieldworkMeetings", "Event_FieldworkMeetingsEscalated", "Task_RecordStrategicMeeting");
  }

  /**
   * Serious youth violence's flowchart has a week 1 meeting for partners to explain their strategic arrangements
   * (paragraphs 51 and 52): LAIM records it by the end of that morning (day 5, 12:00 by default); the agencies'
   * own meetings do not wait for it, nor it for them. Domestic abuse's timetable has no such meeting (above: the
   * stage ends with the agencies' meetings).
   */
  @Test
  void seriousYouthViolencesMeetingOnStrategicArrangementsIsRecordedByLaim() {
    String reference = newReference();
    ProcessInstance meetings = startStage("fieldwork-meetings", reference, "serious-youth-violence", NOTIFIED);
    assertThat(meetings).isWaitingAt("Task_GiveFieldworkMeetings", "Task_RecordStrategicMeeting");
    Task record = task(reference, "Task_RecordStrategicMeeting");
    assertThat(record).hasCandidateGroup("laim").hasDueDate(java.util.Date.from(instant("2027-05-28T12:00:00+01:00")));

    moveClockTo("2027-05-28T11:00:00+01:00");
    assertThatThrownBy(() -> tasks.complete(record.getId(), Map.of("strategicMeetingAt", "2027-05-28T12:00:00+01:00")))
        .hasMessageContaining("strategicMeetingAt")
        .hasMessageContaining("partnersExplained: confirm that each partner explained its strategic arrangements");
    assertThat(task(reference, "Task_RecordStrategicMeeting")).as("still open, nothing kept").isNotNull();
    complete(record, Map.of("strategicMeetingAt", "2027-05-28T09:30:00+01:00", "partnersExplained", true));
    assertThat(meetings).hasPassed("Task_RecordStrategicMeeting").isWaitingAt("Task_GiveFieldworkMeetings");

    for (Task agency : openTasks(reference, "Task_GiveFieldworkMeetings")) {
      complete(agency, none());
    }
    assertThat(meetings).hasPassed("Gateway_MeetingsJoin", "Event_AllMeetingsGiven").isEnded();
  }

  @Test
  void aMeetingOutsideTheFieldworkWeekOrOfAnotherKindIsRefused() {
    String reference = newReference();
    ProcessInstance meetings = startStage("fieldwork-meetings", reference, "domestic-abuse", NOTIFIED);
    Task police = agencyTask(reference, "Task_GiveFieldworkMeetings", "police");

    assertThatThrownBy(() -> tasks.complete(police.getId(), meetings(
        "[{\"type\":\"Coffee morning\",\"when\":\"2027-06-01T10:00+01:00\",\"where\":\"\"}]")))
        .hasMessageContaining("meetings[0].type: must be one of MARAC, MAPPA")
        .hasMessageContaining("meetings[0].when: must be in the fieldwork week (2027-06-08 to 2027-06-14)")
        .hasMessageContaining("meetings[0].where: is required");
    assertThatThrownBy(() -> tasks.complete(police.getId(), Map.of("sentToLeadInspector", true)))
        .hasMessageContaining("list the meetings, or tick that there are none");
    assertThat(agencyTask(reference, "Task_GiveFieldworkMeetings", "police")).isNotNull();
    assertThat(meetings).isWaitingAt("Task_GiveFieldworkMeetings").hasNotPassed("Event_AgencyMeetingsGiven");
  }

  @Test
  void anAgencyThatHasNotAnsweredByTheDeadlineIsEscalatedToItsLeadDeputyAndTheBusinessUnit() {
    String reference = newReference();
    ProcessInstance meetings = startStage("fieldwork-meetings", reference, "domestic-abuse", NOTIFIED);
    for (String agency : List.of("la", "police", "health", "education")) {
      complete(agencyTask(reference, "Task_GiveFieldworkMeetings", agency), none());
    }
    moveClockTo("2027-05-28T16:59:59+01:00");
    assertThat(fireDueTimers(reference)).as("not before 17:00").isZero();
    moveClockTo("2027-05-28T17:00:01+01:00");
    assertThat(fireDueTimers(reference)).isEqualTo(1);
    assertThat(meetings).hasPassedInOrder("Timer_FieldworkMeetingsDue", "Task_EscalateFieldworkMeetings",
        "Event_FieldworkMeetingsEscalated").isWaitingAt("Task_GiveFieldworkMeetings");

    List<Map<String, Object>> escalations = outbox(reference, "task-overdue").stream()
        .filter(row -> ((String) row.get("subject")).contains("fieldwork week")).toList();
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients"))
        .isEqualTo("probation.lead@york.example,probation.deputy@york.example,cyscp@york.gov.uk");
    assertThat(agencyTask(reference, "Task_GiveFieldworkMeetings", "probation")).isNotNull();
  }
}
