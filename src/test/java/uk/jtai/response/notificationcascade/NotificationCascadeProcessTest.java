package uk.jtai.response.notificationcascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.tasks.SubmissionRejectedException;

/**
 * bpmn/notification-cascade.bpmn: day 1 of the guidance (section 11). Each test starts the stage on its own,
 * with what jtai-inspection passes in ({@link #startStage}).
 */
class NotificationCascadeProcessTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00";
  static final List<String> AGENCIES = List.of("la", "police", "health", "probation", "education");

  static Map<String, Object> confirmation(String who, String name) {
    return "deputy".equals(who)
        ? Map.of("confirmedContact", who, "contactName", name, "contactEmail", name.replace(' ', '.') + "@stand-in.example", "briefed", true)
        : Map.of("confirmedContact", who, "contactName", name, "briefed", true);
  }

  private String notifyPartners() {
    String reference = newReference();
    ProcessInstance cascade = startStage("notification-cascade", reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    assertThat(cascade).hasPassed("Task_NotifyPartners").isWaitingAt("Task_ConfirmLeadContact");
    return reference;
  }

  @Test
  void everyAgencyConfirmsItsLeadContactOnTimeAndTheCascadeEnds() {
    String reference = newReference();
    ProcessInstance cascade = startStage("notification-cascade", reference, "domestic-abuse", NOTIFIED);
    assertThat(cascade).hasBusinessKey(reference).hasPassed("Event_CascadeStarted", "Gateway_CascadeSplit")
        .isWaitingAt("Task_ConfirmScrutineerNotified", "Task_NotifyPartners", "Task_RecordSetUpDiscussion");
    assertThat(task(reference, "Task_NotifyPartners")).hasCandidateGroup("business-unit");
    assertThat(openTasks(reference, "Task_ConfirmLeadContact")).as("no agency is asked before the Business Unit notifies").isEmpty();

    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));

    for (String agency : AGENCIES) {
      Task confirm = agencyTask(reference, "Task_ConfirmLeadContact", agency);
      assertThat(confirm).as(agency).hasCandidateGroup(agency)
          .hasDueDate(java.util.Date.from(instant("2027-05-24T17:00:00+01:00")));
    }
    assertThat(agencyTask(reference, "Task_ConfirmLeadContact", "police").getName())
        .isEqualTo("Confirm your lead contact is available and briefed (Police) \u2013 " + reference + ", due day 1");
    List<Map<String, Object>> notifications = outbox(reference, "agency-notification");
    assertThat(notifications).hasSize(AGENCIES.size());
    assertThat(notifications).extracting(row -> row.get("recipients"))
        .contains("police.lead@york.example,police.deputy@york.example");
    assertThat((String) notifications.get(0).get("body")).contains("https://jtai.test/camunda/app/tasklist/default/#/?task=")
        .contains("17:00 on Monday 24 May");
    // All multi-agency partners are notified (guidance 11): the Youth Justice Service, which the domestic-abuse
    // theme does not name, and the health providers CQC did not name are told for information, with no task and no link.
    List<Map<String, Object>> informed = outbox(reference, "partner-informed");
    assertThat(informed).extracting(row -> row.get("recipients")).containsExactlyInAnyOrder("yjs.lead@york.example,yjs.deputy@york.example",
        "health-acute.lead@york.example,health-acute.deputy@york.example", "health-mental.lead@york.example,health-mental.deputy@york.example",
        "health-ambulance.lead@york.example,health-ambulance.deputy@york.example");
    informed = informed.stream().filter(row -> ((String) row.get("recipients")).startsWith("yjs")).toList();
    assertThat((String) informed.get(0).get("body")).contains("Dear Youth Justice Service lead contact and deputy")
        .contains("Local Authority, Police, Health, Probation, Education").doesNotContain("?task=");
    assertThat(openTasks(reference, "Task_ConfirmLeadContact")).extracting(t -> tasks.getVariable(t.getId(), "agency"))
        .doesNotContain("yjs");

    moveClockTo("2027-05-24T11:00:00+01:00");
    for (String agency : AGENCIES) {
      complete(agencyTask(reference, "Task_ConfirmLeadContact", agency), confirmation("lead", agency + " lead"));
    }
    complete(task(reference, "Task_ConfirmScrutineerNotified"), Map.of("scrutineerNotified", true,
        "scrutineerNotifiedHow", "telephone", "scrutineerNotifiedAt", "2027-05-24T09:30:00+01:00"));
    complete(task(reference, "Task_RecordSetUpDiscussion"), Map.of("setUpDiscussionAt", "2027-05-24T10:30:00+01:00",
        "statutoryPartnersAttended", true, "annexARequestReceived", true, "concernsArrangementsAgreed", true));

    assertThat(cascade).hasPassed("Event_AgencyConfirmed", "Gateway_CascadeJoin", "Event_CascadeComplete").isEnded()
        .hasNotPassed("Timer_AgencyConfirmationDue", "Task_EscalateAgencyConfirmation");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(cascade.getId())
        .variableName("leadContact_police").singleResult().getValue()).isEqualTo("police lead (lead contact)");
    assertThat(outbox(reference, "task-overdue")).isEmpty();
  }

  @Test
  void anAgencyThatHasNotConfirmedByTheDeadlineIsEscalatedToItsDeputyAndTheBusinessUnitAndTheTaskStaysOpen() {
    String reference = notifyPartners();
    for (String agency : AGENCIES) {
      if (!agency.equals("police")) {
        complete(agencyTask(reference, "Task_ConfirmLeadContact", agency), confirmation("deputy", agency + " deputy"));
      }
    }
    moveClockTo("2027-05-24T16:59:00+01:00");
    assertThat(fireDueTimers(reference)).isZero();

    moveClockTo("2027-05-24T17:00:01+01:00");
    assertThat(fireDueTimers(reference)).isEqualTo(1);

    Task police = agencyTask(reference, "Task_ConfirmLeadContact", "police");
    assertThat(police).as("the task stays open").isNotNull();
    List<Map<String, Object>> escalations = outbox(reference, "task-overdue");
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients")).isEqualTo("police.deputy@york.example,cyscp@york.gov.uk");
    assertThat((String) escalations.get(0).get("subject")).contains(reference).contains("(Police)");
    assertThat((String) escalations.get(0).get("body")).contains("17:00 on Monday 24 May")
        .contains("https://jtai.test/camunda/app/tasklist/default/#/?task=" + police.getId());

    complete(police, confirmation("lead", "Late but briefed"));
    assertThat(calledProcess(reference, "notification-cascade"))
        .hasPassedInOrder("Timer_AgencyConfirmationDue", "Task_EscalateAgencyConfirmation", "Event_AgencyConfirmationEscalated")
        .hasPassed("Event_AgencyConfirmed").isWaitingAt("Task_ConfirmScrutineerNotified", "Task_RecordSetUpDiscussion");
    assertThat(openTasks(reference, "Task_ConfirmLeadContact")).isEmpty();
  }

  @Test
  void aConfirmationThatTheContactIsNotBriefedIsRefusedAndTheTaskStaysOpen() {
    String reference = notifyPartners();
    Task police = agencyTask(reference, "Task_ConfirmLeadContact", "police");

    assertThatThrownBy(() -> tasks.complete(police.getId(),
        Map.of("confirmedContact", "someone", "contactName", " ", "briefed", false)))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("confirmedContact: must be one of lead, deputy")
        .hasMessageContaining("contactName: is required")
        .hasMessageContaining("briefed: confirm that the contact is available and briefed");

    assertThat(agencyTask(reference, "Task_ConfirmLeadContact", "police")).isNotNull();
    assertThat(runtime.getVariable(calledProcess(reference, "notification-cascade").getId(), "leadContact_police")).isNull();
  }

  @Test
  void theScrutineerCannotHaveBeenNotifiedBeforeTheInspectionOrInTheFuture() {
    String reference = newReference();
    ProcessInstance cascade = startStage("notification-cascade", reference, "domestic-abuse", NOTIFIED);
    Task dcs = task(reference, "Task_ConfirmScrutineerNotified");

    assertThatThrownBy(() -> tasks.complete(dcs.getId(), Map.of("scrutineerNotified", true,
        "scrutineerNotifiedHow", "telephone", "scrutineerNotifiedAt", "2027-05-21T09:30:00+01:00")))
        .hasMessageContaining("scrutineerNotifiedAt: is before the day the inspection was notified");
    assertThatThrownBy(() -> tasks.complete(dcs.getId(), Map.of("scrutineerNotified", true,
        "scrutineerNotifiedHow", "telephone", "scrutineerNotifiedAt", "2027-05-24T15:00:00+01:00")))
        .hasMessageContaining("scrutineerNotifiedAt: is in the future");
    assertThatThrownBy(() -> tasks.complete(dcs.getId(), Map.of()))
        .hasMessageContaining("scrutineerNotified: confirm that the Independent Scrutineer has been notified");
    assertThat(cascade).isWaitingAt("Task_ConfirmScrutineerNotified").hasNotPassed("Gateway_CascadeJoin");
  }

  @Test
  void theSetUpDiscussionIsRecordedOnlyOnceHeldAndWithTheAnnexARequest() {
    String reference = newReference();
    ProcessInstance cascade = startStage("notification-cascade", reference, "domestic-abuse", NOTIFIED);
    Task laim = task(reference, "Task_RecordSetUpDiscussion");
    assertThatThrownBy(() -> tasks.complete(laim.getId(), Map.of("setUpDiscussionAt", "2027-05-25T14:00:00+01:00",
        "statutoryPartnersAttended", true, "concernsArrangementsAgreed", true)))
        .hasMessageContaining("setUpDiscussionAt: is in the future")
        .hasMessageContaining("annexARequestReceived");
    assertThat(cascade).isWaitingAt("Task_RecordSetUpDiscussion");
  }
}
