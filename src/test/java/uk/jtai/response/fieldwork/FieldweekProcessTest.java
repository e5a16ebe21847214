package uk.jtai.response.fieldwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.benchmarking.BenchmarkingRepository;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * bpmn/fieldwork.bpmn, week 3 (guidance section 13): the context presentation, the day 11 meeting, the
 * daily planning themes, optional Keeping in Touch meetings and the findings. Notified Monday 24 May
 * 2027: day 11 is Tuesday 8 June, Keeping in Touch on 9 to 11 June, findings on Monday 14 June.
 */
class FieldweekProcessTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";

  @Autowired Fieldwork fieldwork;
  @Autowired BenchmarkingRepository benchmarkingRepository;

  @BeforeEach
  void people() {
    TestUsers.ensure(engine.getIdentityService(), "fw-chair", "police");
    TestUsers.ensure(engine.getIdentityService(), "fw-author", "business-unit");
  }

  private String atFieldwork() {
    String reference = newReference();
    reachWeek2(reference, "domestic-abuse", NOTIFIED, 20, 6);
    runWeek2(reference, "fw-chair", "fw-author");
    return reference;
  }

  @Test
  void fieldworkWithPlanningThemesKeepingInTouchMeetingsAndFindings() {
    String reference = atFieldwork();
    Task presentation = task(reference, "Task_UpdateContextPresentation");
    assertThat(presentation.getDueDate().toInstant()).isEqualTo(instant("2027-06-07T17:00:00+01:00"));
    complete(presentation, Map.of("presentationUpdated", true, "presentationLocation", "JTAI folder/Context DA v4"));

    moveClockTo("2027-06-08T12:00:00+01:00");
    fireDueTimers(reference); // FIELDWORK_START: the week on site opens
    complete(task(reference, "Task_RecordLeadersMeeting"), Map.of("leadersMeetingAt", "2027-06-08T10:00:00+01:00",
        "contextPresented", true));
    complete(task(reference, "Task_RecordPlanningThemes"), Map.of("planningDay", "2027-06-08",
        "planningThemes", "Practitioners describe good joint working with Probation on risk."));
    complete(task(reference, "Task_RecordPlanningThemes"), Map.of("planningDay", "2027-06-09",
        "planningThemes", "Questions about MARAC attendance by schools."));
    assertThat(fieldwork.planningEntries(reference)).isEqualTo(2);

    Task arrange = task(reference, "Task_ArrangeKitMeetings");
    assertThat(tasks.getVariable(arrange.getId(), "kitDayChoices").toString())
        .contains("Wednesday 9 June").contains("Friday 11 June").doesNotContain("Tuesday 8 June");
    complete(arrange, Map.of("kitDecision", "arrange", "kitDays", SpinValues.jsonValue("[\"2027-06-09\",\"2027-06-10\"]").create(),
        "kitAgencies", SpinValues.jsonValue("[\"police\",\"health\"]").create()));
    assertThat(openTasks(reference, "Task_NameKitLeader")).hasSize(2);
    complete(agencyTask(reference, "Task_NameKitLeader", "police"), Map.of("kitLeaderName", "A. Chief", "kitLeaderRole", "ACC"));
    complete(agencyTask(reference, "Task_NameKitLeader", "health"), Map.of("kitLeaderName", "D. Nurse", "kitLeaderRole", "Designated Nurse"));

    complete(task(reference, "Task_RecordPlanningThemes"), Map.of("planningFinished", true));
    moveClockTo("2027-06-14T17:30:00+01:00");
    complete(task(reference, "Task_RecordFindings"), Map.of("findingsFedBackAt", "2027-06-14T16:00:00+01:00"));

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("fieldwork").finished().count()).isEqualTo(1);
    assertThat(task(reference, "Task_RecordDraftReport")).as("after fieldwork follows").isNotNull();

    // The next inspection on the theme starts from this presentation. (Other tests in this shared database
    // record benchmarking presentations on the theme at later engine times; this checks the fieldwork path.)
    jdbc.update("update jtai_benchmarking set presentation = null, presentation_at = null where theme = 'domestic-abuse'");
    String next = atFieldwork();
    assertThat(tasks.getVariable(task(next, "Task_UpdateContextPresentation").getId(), "presentationLocation"))
        .isEqualTo("JTAI folder/Context DA v4");
  }

  /**
   * Section 12: each partner collates the themes from its practitioners' discussions with inspectors, a day at a
   * time; LAIM sees them when recording the planning meeting. Each agency's loop is its own; an agency with nothing
   * to collate is not recorded as having missed anything when fieldwork ends.
   */
  @Test
  void eachPartnerCollatesItsThemesAndLaimSeesThemWhenRecordingTheMeeting() {
    String reference = atFieldwork();
    complete(task(reference, "Task_UpdateContextPresentation"), Map.of("presentationUpdated", true, "presentationLocation", "P"));
    moveClockTo("2027-06-08T12:00:00+01:00");
    fireDueTimers(reference); // FIELDWORK_START: the week on site opens
    List<Task> collating = openTasks(reference, "Task_CollatePlanningThemes");
    assertThat(collating).extracting(t -> tasks.getIdentityLinksForTask(t.getId()).get(0).getGroupId())
        .containsExactlyInAnyOrder("la", "police", "health", "probation", "education");
    collating.forEach(t -> assertThat(t).hasDueDate(java.util.Date.from(instant("2027-06-14T17:00:00+01:00"))));
    assertThat(forms.getTaskFormVariables(task(reference, "Task_RecordPlanningThemes").getId())
        .getValue("partnersPlanningThemes", String.class)).isEqualTo("No partner has collated any themes yet.");

    complete(agencyTask(reference, "Task_CollatePlanningThemes", "police"), Map.of("planningDay", "2027-06-08",
        "planningThemes", "Officers describe delays in strategy discussions out of hours."));
    assertThat(agencyTask(reference, "Task_CollatePlanningThemes", "police")).as("comes back for the next day").isNotNull();
    complete(agencyTask(reference, "Task_CollatePlanningThemes", "health"), Map.of("planningDay", "2027-06-08",
        "planningThemes", "Health visitors were not invited to the MARAC.", "planningFinished", true));
    assertThat(agencyTask(reference, "Task_CollatePlanningThemes", "health")).as("Health has nothing more").isNull();
    assertThat(agencyTask(reference, "Task_CollatePlanningThemes", "police")).as("the Police's loop is its own").isNotNull();
    Task bad = agencyTask(reference, "Task_CollatePlanningThemes", "la");
    assertThatThrownBy(() -> tasks.complete(bad.getId(), Map.of("planningDay", "2027-06-01", "planningThemes", "x")))
        .hasMessageContaining("planningDay: must be a day of fieldwork (2027-06-08 to 2027-06-14)");
    assertThatThrownBy(() -> tasks.complete(bad.getId(), Map.of("planningDay", "2027-06-08", "planningThemes", "x",
        "agency", "police"))).hasMessageContaining("agency");

    String gathered = forms.getTaskFormVariables(task(reference, "Task_RecordPlanningThemes").getId())
        .getValue("partnersPlanningThemes", String.class);
    assertThat(gathered).isEqualTo("Police, 2027-06-08: Officers describe delays in strategy discussions out of hours.\n\n"
        + "Health, 2027-06-08: Health visitors were not invited to the MARAC.");
    complete(task(reference, "Task_RecordPlanningThemes"), Map.of("planningDay", "2027-06-08",
        "planningThemes", "Out-of-hours strategy discussions; MARAC invitations."));
    assertThat(fieldwork.planningEntries(reference)).as("LAIM's own record").isEqualTo(1);
    assertThat(fieldwork.collatedEntries(reference, "police")).isEqualTo(1);
    assertThat(fieldwork.collatedEntries(reference, "health")).isEqualTo(1);
    ProcessInstance stage = calledProcess(reference, "fieldwork");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(stage.getId()).variableName("planningThemes").count())
        .as("child-level: kept in the product's table, never in the engine").isZero();

    complete(task(reference, "Task_RecordLeadersMeeting"), Map.of("leadersMeetingAt", "2027-06-08T10:00:00+01:00"));
    moveClockTo("2027-06-14T17:30:00+01:00");
    complete(task(reference, "Task_RecordFindings"), Map.of("findingsFedBackAt", "2027-06-14T16:00:00+01:00"));
    assertThat(openTasks(reference, "Task_CollatePlanningThemes")).as("closed with fieldwork").isEmpty();
    String root = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).processDefinitionKey("jtai-inspection")
        .singleResult().getId();
    assertThat(String.valueOf(runtime.getVariable(root, "missedDeadlines"))).as("nothing to collate is not a miss")
        .doesNotContain("Collate").doesNotContain("practitioners");
  }

  @Test
  void fieldworkWithoutKeepingInTouchMeetingsOrPlanningThemes() {
    String reference = atFieldwork();
    complete(task(reference, "Task_UpdateContextPresentation"), Map.of("presentationUpdated", true, "presentationLocation", "P"));
    moveClockTo("2027-06-08T12:00:00+01:00");
    fireDueTimers(reference); // FIELDWORK_START: the week on site opens
    complete(task(reference, "Task_RecordLeadersMeeting"), Map.of("leadersMeetingAt", "2027-06-08T10:00:00+01:00"));

    moveClockTo("2027-06-11T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(task(reference, "Task_ArrangeKitMeetings")).as("the Keeping in Touch window has closed").isNull();
    assertThat(openTasks(reference, "Task_NameKitLeader")).isEmpty();

    moveClockTo("2027-06-14T16:30:00+01:00");
    complete(task(reference, "Task_RecordFindings"), Map.of("findingsFedBackAt", "2027-06-14T16:00:00+01:00"));
    moveClockTo("2027-06-14T17:00:01+01:00");
    fireDueTimers(reference);
    assertThat(task(reference, "Task_RecordPlanningThemes")).as("closes when fieldwork ends").isNull();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("fieldwork").finished().count()).isEqualTo(1);
    assertThat(fieldwork.planningEntries(reference)).isZero();
  }

  @Test
  void keepingInTouchMeetingsAreOnlyOnTuesdayToThursdayOfWeek3AndPlanningThemesOnlyInFieldwork() {
    String reference = atFieldwork();
    complete(task(reference, "Task_UpdateContextPresentation"), Map.of("presentationUpdated", true, "presentationLocation", "P"));
    moveClockTo("2027-06-08T12:00:00+01:00");
    fireDueTimers(reference); // FIELDWORK_START: the week on site opens
    complete(task(reference, "Task_RecordLeadersMeeting"), Map.of("leadersMeetingAt", "2027-06-08T10:00:00+01:00"));
    Task arrange = task(reference, "Task_ArrangeKitMeetings");
    assertThatThrownBy(() -> tasks.complete(arrange.getId(), Map.of("kitDecision", "arrange",
        "kitDays", SpinValues.jsonValue("[\"2027-06-14\"]").create(), "kitAgencies", SpinValues.jsonValue("[]").create())))
        .hasMessageContaining("kitDays: Keeping in Touch meetings are on 2027-06-09 to 2027-06-11")
        .hasMessageContaining("kitAgencies: choose the agencies asked to send a senior leader");
    Task planning = task(reference, "Task_RecordPlanningThemes");
    assertThatThrownBy(() -> tasks.complete(planning.getId(), Map.of("planningDay", "2027-06-01", "planningThemes", "x")))
        .hasMessageContaining("planningDay: must be a day of fieldwork (2027-06-08 to 2027-06-14)");
  }

  @Test
  void theContextPresentationStartsFromTheLatestBenchmarkingPresentation() {
    String key = "BENCHMARKING-DOMESTIC-ABUSE-FIELDWORK-TEST";
    Instant recorded = instant("2031-03-03T10:00:00Z");
    benchmarkingRepository.insert(key, "domestic-abuse", recorded, "Template", "bu", recorded);
    benchmarkingRepository.recordPresentation(key, "CYSCP JTAI folder / Presentation - domestic abuse 2031", "bu", recorded);
    try {
      String reference = atFieldwork();
      assertThat(tasks.getVariable(task(reference, "Task_UpdateContextPresentation").getId(), "presentationLocation"))
          .as("recorded by the Business Unit's benchmarking analysis after any update in an inspection")
          .isEqualTo("CYSCP JTAI folder / Presentation - domestic abuse 2031");
    } finally {
      jdbc.update("delete from jtai_benchmarking where benchmarking_key = ?", key);
    }
  }

  @Test
  void theFindingsComeOnDay15WhoeverIsLateAndWhatWasNotDoneIsRecordedAsMissed() {
    String reference = atFieldwork();
    ProcessInstance stage = calledProcess(reference, "fieldwork");
    // Nobody does anything in week 3: no presentation, no record of the leaders' meeting, no findings record.
    for (String at : List.of("2027-06-07T17:00:01+01:00", "2027-06-08T09:00:01+01:00", "2027-06-08T17:00:01+01:00",
        "2027-06-11T17:00:01+01:00")) {
      moveClockTo(at);
      fireDueTimers(reference);
    }
    assertThat(task(reference, "Task_RecordFindings")).as("open since day 11, whoever is late").isNotNull();
    assertThat(task(reference, "Task_UpdateContextPresentation")).as("still open to be done late").isNotNull();
    moveClockTo("2027-06-14T17:00:01+01:00"); // FINDINGS, day 15
    fireDueTimers(reference);

    assertThat(stage).hasPassed("Task_EscalateFindings", "Task_CloseFieldwork", "Event_FieldworkDone").isEnded();
    assertThat(outbox(reference, "task-overdue")).filteredOn(row -> ((String) row.get("subject")).contains("findings"))
        .as("escalated once").hasSize(1);
    assertThat(task(reference, "Task_RecordDraftReport")).as("after fieldwork follows").isNotNull();
    String missed = (String) runtime.getVariable(runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey("jtai-inspection").singleResult().getId(), "missedDeadlines");
    assertThat(missed).contains("FINDINGS (Inspection findings fed back to the partnership)")
        .contains("PRESENTATION_DUE (Partnership context presentation checked and updated)")
        .contains("LEADERS_MEETING_DUE (Meeting with senior leaders on the first day of fieldwork recorded)")
        .doesNotContain("planning");
    assertThat(missed.split("\n")).as("each miss once").doesNotHaveDuplicates();
  }
}
