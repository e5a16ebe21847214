package uk.jtai.response.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * bpmn/fieldwork.bpmn, days 9 and 10: the on-site programme and the arrangements with children and families. Each
 * test starts the stage on its own, with what jtai-inspection passes in ({@link #startStage}).
 */
class FieldworkProcessTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  static final List<String> AGENCIES = List.of("la", "police", "health", "probation", "education");

  static Map<String, Object> arrangements() {
    return Map.of("arrangementsConfirmed", true, "arrangementsContact", "Family liaison lead");
  }

  @Test
  void laimRecordsTheProgrammeAndEveryAgencyConfirmsItsArrangementsByDay10() {
    String reference = newReference();
    ProcessInstance fieldwork = startStage("fieldwork", reference, "domestic-abuse", NOTIFIED);
    assertThat(fieldwork).hasBusinessKey(reference).isWaitingAt("Task_RecordOnSiteProgramme", "Task_ConfirmChildrenAndFamilies");
    Task programme = task(reference, "Task_RecordOnSiteProgramme");
    assertThat(programme).hasCandidateGroup("laim").hasDueDate(java.util.Date.from(instant("2027-06-04T17:00:00+01:00")));
    for (String agency : AGENCIES) {
      assertThat(agencyTask(reference, "Task_ConfirmChildrenAndFamilies", agency).getDueDate().toInstant())
          .as("day 10 is Monday 7 June").isEqualTo(instant("2027-06-07T17:00:00+01:00"));
    }
    moveClockTo("2027-06-04T16:00:00+01:00");
    complete(programme, Map.of("programmeAgreedAt", "2027-06-04T15:00:00+01:00", "programmeLocation", "Timetable v3"));
    for (String agency : AGENCIES) {
      complete(agencyTask(reference, "Task_ConfirmChildrenAndFamilies", agency), arrangements());
    }
    assertThat(fieldwork).hasPassed("Task_RecordOnSiteProgramme", "Task_ConfirmChildrenAndFamilies")
        .isWaitingAt("Task_UpdateContextPresentation");
  }

  @Test
  void anAgencyWithoutArrangementsAtTheEndOfDay10IsEscalated() {
    String reference = newReference();
    ProcessInstance fieldwork = startStage("fieldwork", reference, "domestic-abuse", NOTIFIED);
    for (String agency : List.of("la", "police", "health", "probation")) {
      complete(agencyTask(reference, "Task_ConfirmChildrenAndFamilies", agency), arrangements());
    }
    moveClockTo("2027-06-07T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(fieldwork).isWaitingAt("Task_ConfirmChildrenAndFamilies");
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("children and parents"))
        .singleElement().satisfies(row -> assertThat(row.get("recipients"))
            .isEqualTo("education.lead@york.example,education.deputy@york.example,cyscp@york.gov.uk"));
    assertThat(agencyTask(reference, "Task_ConfirmChildrenAndFamilies", "education")).isNotNull();
  }

  @Test
  void anArrangementWithoutWhoArrangesItIsRefused() {
    String reference = newReference();
    ProcessInstance fieldwork = startStage("fieldwork", reference, "domestic-abuse", NOTIFIED);
    Task police = agencyTask(reference, "Task_ConfirmChildrenAndFamilies", "police");
    assertThatThrownBy(() -> tasks.complete(police.getId(), Map.of("arrangementsConfirmed", true)))
        .hasMessageContaining("arrangementsContact: is required");
    assertThat(fieldwork).isWaitingAt("Task_ConfirmChildrenAndFamilies");
  }

  @Test
  void withoutTheContextPresentationTheLeadersMeetingKeepingInTouchAndTheFindingsStillHappen() {
    String reference = newReference();
    ProcessInstance fieldwork = startStage("fieldwork", reference, "domestic-abuse", NOTIFIED);
    assertThat(fieldwork).isWaitingAt("Task_UpdateContextPresentation", "Timer_FieldworkStarts");
    moveClockTo("2027-06-07T17:00:01+01:00"); // PRESENTATION_DUE, day 10: the Business Unit is silent
    fireDueTimers(reference);
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("presentation"))
        .as("escalated once").hasSize(1);
    assertThat(task(reference, "Task_RecordLeadersMeeting")).as("not before the inspectors arrive").isNull();

    moveClockTo("2027-06-08T09:00:01+01:00"); // FIELDWORK_START, day 11
    fireDueTimers(reference);
    assertThat(fieldwork).hasPassed("Timer_FieldworkStarts", "Gateway_FieldweekSplit").isWaitingAt("Task_UpdateContextPresentation",
        "Task_RecordLeadersMeeting", "Task_RecordPlanningThemes", "Task_ArrangeKitMeetings", "Task_RecordFindings");
    Task findings = task(reference, "Task_RecordFindings");
    assertThat(findings.getDueDate().toInstant()).isEqualTo(instant("2027-06-14T17:00:00+01:00"));

    moveClockTo("2027-06-08T12:00:00+01:00");
    complete(task(reference, "Task_RecordLeadersMeeting"), Map.of("leadersMeetingAt", "2027-06-08T10:00:00+01:00"));
    complete(task(reference, "Task_ArrangeKitMeetings"), Map.of("kitDecision", "none"));
    complete(task(reference, "Task_RecordPlanningThemes"), Map.of("planningFinished", true));
    moveClockTo("2027-06-14T16:00:00+01:00");
    complete(task(reference, "Task_RecordFindings"), Map.of("findingsFedBackAt", "2027-06-14T15:30:00+01:00"));

    assertThat(fieldwork).hasPassed("Task_RecordFindings", "Task_CloseFieldwork", "Event_FieldworkDone")
        .hasNotPassed("Task_EscalateFindings").isEnded();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(fieldwork.getId())
        .taskDefinitionKey("Task_UpdateContextPresentation").singleResult().getDeleteReason())
        .as("never done: withdrawn with the end of fieldwork").isNotEqualTo("completed");
    assertThat(openTasks(reference, "Task_ConfirmChildrenAndFamilies")).isEmpty();
  }

  @Test
  void fieldworkEndsAtTheFindingsMilestoneWhenNothingIsRecorded() {
    String reference = newReference();
    ProcessInstance fieldwork = startStage("fieldwork", reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-06-08T09:00:01+01:00");
    fireDueTimers(reference);
    moveClockTo("2027-06-14T17:00:01+01:00"); // FINDINGS: every timer due at once, the stage closes
    fireDueTimers(reference);
    assertThat(fieldwork).hasPassed("Task_EscalateFindings", "Task_CloseFieldwork", "Event_FieldworkDone").isEnded();
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("findings"))
        .as("escalated once").hasSize(1);
    assertThat(task(reference, "Task_RecordFindings")).isNull();
  }
}
