package uk.jtai.response.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.BetweenInspectionsTestSupport;
import uk.jtai.response.tasks.SubmissionRejectedException;

/**
 * bpmn/partnership-contacts.bpmn and partnership-contacts-quarterly.bpmn: every quarter each agency
 * confirms its lead contact and deputies are current and briefed (guidance 18.5); the Business Unit
 * sees the answers.
 */
class PartnershipContactsProcessTest extends BetweenInspectionsTestSupport {

  static final List<String> AGENCIES = List.of("la", "police", "health", "health-acute", "health-mental",
      "health-ambulance", "probation", "yjs", "education");

  private static Map<String, Object> current() {
    return Map.of("contactsCurrent", "current", "briefed", true);
  }

  /** The quarter's timer fires (as the job executor would) and the check begins. */
  private String quarterBegins(String when) {
    moveClockTo(when);
    Job quarter = management.createJobQuery().processDefinitionKey("partnership-contacts-quarterly").timers().singleResult();
    assertThat(quarter).as("the quarterly timer is scheduled from deployment").isNotNull();
    management.executeJob(quarter.getId());
    return runtime.createProcessInstanceQuery().processDefinitionKey("partnership-contacts").list().stream()
        .map(ProcessInstance::getBusinessKey).filter(key -> key.startsWith("CONTACTS-")).sorted().reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void everyQuarterEachAgencyConfirmsItsContactsAndTheBusinessUnitSeesTheAnswers() {
    String key = quarterBegins("2027-07-01T09:00:00+01:00");
    assertThat(key).startsWith("CONTACTS-2027-07-01");
    assertThat(management.createJobQuery().processDefinitionKey("partnership-contacts-quarterly").timers().singleResult())
        .as("the next quarter is scheduled").isNotNull();
    for (String agency : AGENCIES) {
      Task task = agencyTask(key, "Task_ConfirmContacts", agency);
      assertThat(task).as(agency).isNotNull();
      assertThat(task.getDueDate().toInstant()).as("10 working days").isEqualTo(instant("2027-07-15T17:00:00+01:00"));
    }
    Task police = agencyTask(key, "Task_ConfirmContacts", "police");
    assertThat(police.getName()).isEqualTo("Confirm your lead contact and deputies (Police)");
    assertThat((String) tasks.getVariable(police.getId(), "currentContacts"))
        .contains("Lead contact: Police lead contact, police.lead@york.example")
        .contains("Senior approver: Assistant Chief Constable, North Yorkshire Police");
    assertThat(outbox(key, "between-inspections-task")).hasSize(AGENCIES.size());

    for (String agency : AGENCIES) {
      Task task = agencyTask(key, "Task_ConfirmContacts", agency);
      complete(task, agency.equals("health")
          ? Map.of("contactsCurrent", "changes", "contactChanges", "New deputy: Designated Nurse, designated.nurse@nhs.example", "briefed", true)
          : current());
    }
    fireDueTimers(key);

    ProcessInstance check = runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult();
    assertThat(check).hasPassed("Event_AllAgenciesAnswered").isWaitingAt("Task_ReviewContacts");
    Task review = task(key, "Task_ReviewContacts");
    List<Map<String, String>> answers = table(review, "contactAnswers");
    assertThat(answers).hasSize(AGENCIES.size());
    assertThat(answers).filteredOn(row -> row.get("agency").equals("Health")).singleElement()
        .satisfies(row -> assertThat(row.get("answer")).isEqualTo("Changes: New deputy: Designated Nurse, designated.nurse@nhs.example"));
    assertThat(answers).filteredOn(row -> row.get("agency").equals("Police")).singleElement()
        .satisfies(row -> assertThat(row).containsEntry("answer", "Current").containsEntry("briefed", "Yes"));
    assertThat(tasks.getVariable(review.getId(), "contactsMissing")).isEqualTo("");

    assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of()))
        .hasMessageContaining("partnershipUpdated: agencies asked for changes: confirm the partnership file has been updated");
    complete(review, Map.of("partnershipUpdated", true));
    assertThat(check).isEnded().hasPassed("Event_ContactsReviewed");
  }

  @Test
  void theBusinessUnitCanAskAtAnyTimeAndALateAgencyIsEscalated() {
    moveClockTo("2027-05-10T10:00:00+01:00");
    String key = startWithForm("partnership-contacts", Map.of()).getBusinessKey();
    assertThat(key).startsWith("CONTACTS-2027-05-10");
    AGENCIES.stream().filter(agency -> !agency.equals("yjs"))
        .forEach(agency -> complete(agencyTask(key, "Task_ConfirmContacts", agency), current()));
    moveClockTo("2027-05-24T17:00:01+01:00");
    fireDueTimers(key);

    List<Map<String, Object>> escalations = outbox(key, "task-overdue");
    assertThat(escalations).hasSize(1);
    assertThat(escalations.get(0).get("recipients")).isEqualTo("yjs.lead@york.example,yjs.deputy@york.example,cyscp@york.gov.uk");
    Task review = task(key, "Task_ReviewContacts");
    assertThat(tasks.getVariable(review.getId(), "contactsMissing")).isEqualTo("Youth Justice Service");
    assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of()))
        .hasMessageContaining("proceedWithoutAll: not every agency has answered (Youth Justice Service)");
    complete(review, Map.of("proceedWithoutAll", true));
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
  }

  @Test
  void anAgencySaysWhatToChangeAndThatItsPeopleAreBriefed() {
    moveClockTo("2027-05-10T10:00:00+01:00");
    String key = startWithForm("partnership-contacts", Map.of()).getBusinessKey();
    Task police = agencyTask(key, "Task_ConfirmContacts", "police");
    assertThatThrownBy(() -> tasks.complete(police.getId(), Map.of("contactsCurrent", "changes", "contactChanges", " ")))
        .isInstanceOf(SubmissionRejectedException.class)
        .hasMessageContaining("contactChanges: is required")
        .hasMessageContaining("briefed: confirm that the lead contact and deputies are briefed");
    assertThatThrownBy(() -> tasks.complete(police.getId(), Map.of("contactsCurrent", "maybe", "briefed", true)))
        .hasMessageContaining("contactsCurrent: must be one of current, changes");
    assertThat(agencyTask(key, "Task_ConfirmContacts", "police")).isNotNull();
  }
}
