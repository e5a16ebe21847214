package uk.jtai.response.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import uk.jtai.response.support.Http;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * A user task's {@code ${null}}-mapped fields are the task's own ({@link TaskLocalFields}): no engine variable
 * while the task is open, the submitted values kept only in the task's history, never the process's, and the
 * form never filled in from a process variable of the same name.
 */
class TaskLocalFieldsTest extends ProcessTestSupport {

  @LocalServerPort int port;
  private String reference;

  @BeforeEach
  void leadContactsAsked() {
    reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
  }

  @Test
  void anOpenTaskHasNoVariableForItsOwnFields() {
    Task police = agencyTask(reference, "Task_ConfirmLeadContact", "police");
    assertThat(runtime.createVariableInstanceQuery().activityInstanceIdIn(
            runtime.getActivityInstance(police.getProcessInstanceId()).getActivityInstances("Task_ConfirmLeadContact")[0].getId())
        .variableNameIn("confirmedContact", "contactName", "briefed").count())
        .as("no null-valued variables made for the form's fields").isZero();
    assertThat(tasks.getVariables(police.getId())).doesNotContainKeys("confirmedContact", "contactName", "briefed");
  }

  @Test
  void submittedValuesAreKeptInTheTasksHistoryNotInTheProcess() {
    Task police = agencyTask(reference, "Task_ConfirmLeadContact", "police");
    complete(police, Map.of("confirmedContact", "lead", "contactName", "Inspector Lead", "briefed", true));

    List<HistoricVariableInstance> kept = history.createHistoricVariableInstanceQuery().taskIdIn(police.getId()).list();
    assertThat(kept).extracting(HistoricVariableInstance::getName)
        .containsExactlyInAnyOrder("confirmedContact", "contactName", "briefed");
    assertThat(kept).filteredOn(v -> v.getName().equals("contactName")).extracting(HistoricVariableInstance::getValue)
        .containsExactly("Inspector Lead");
    assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(police.getProcessInstanceId())
        .variableNameIn("confirmedContact", "contactName", "briefed").count()).as("nothing left behind").isZero();
    assertThat(runtime.createVariableInstanceQuery().taskIdIn(police.getId()).count()).isZero();
    // The other agencies' confirmations are still to do, untouched by the police's values.
    Task health = agencyTask(reference, "Task_ConfirmLeadContact", "health");
    assertThat(tasks.getVariables(health.getId())).doesNotContainKeys("confirmedContact", "contactName", "briefed");
  }

  @Test
  void aDeputysEmailStaysWithTheAgencysTaskAndIsNeverShownToAnother() {
    Task police = agencyTask(reference, "Task_ConfirmLeadContact", "police");
    complete(police, Map.of("confirmedContact", "deputy", "contactName", "DS Deputy", "contactEmail", "deputy@police.example",
        "briefed", true));

    Task health = agencyTask(reference, "Task_ConfirmLeadContact", "health");
    assertThat(forms.getTaskFormVariables(health.getId())).as("health's own form").doesNotContainKey("contactEmail");
    assertThat(tasks.getVariables(health.getId())).doesNotContainKey("contactEmail");
    assertThat(history.createHistoricVariableInstanceQuery().taskIdIn(police.getId()).variableName("contactEmail")
        .singleResult().getValue()).isEqualTo("deputy@police.example");
  }

  @Test
  void aTasksOwnFieldIsNotFilledInFromAProcessVariableOfTheSameName() {
    Task police = agencyTask(reference, "Task_ConfirmLeadContact", "police");
    runtime.setVariable(police.getProcessInstanceId(), "contactName", "someone else's value");

    assertThat(forms.getTaskFormVariables(police.getId(), List.of("contactName", "briefed"), true))
        .doesNotContainKeys("contactName", "briefed");
  }
  @Test
  void anotherAgencyCannotCompleteTheTaskNorSlipOtherVariablesIn() {
    TestUsers.ensure(engine.getIdentityService(), "local-police", "police");
    TestUsers.ensure(engine.getIdentityService(), "local-health", "health");
    Http police = Http.as(port, "local-police", TestUsers.PASSWORD);
    Http health = Http.as(port, "local-health", TestUsers.PASSWORD);
    Task healthTask = agencyTask(reference, "Task_ConfirmLeadContact", "health");
    String submission = "{\"variables\":{\"confirmedContact\":{\"value\":\"lead\"},\"contactName\":{\"value\":\"Health Lead\"},"
        + "\"briefed\":{\"value\":true}}}";

    assertThat(police.post("/engine-rest/task/" + healthTask.getId() + "/complete", submission).statusCode())
        .as("someone else's task").isEqualTo(403);
    assertThat(health.post("/engine-rest/task/" + healthTask.getId() + "/claim", "{\"userId\":\"local-police\"}").statusCode())
        .as("claimed for another user").isIn(400, 403);
    var extra = health.post("/engine-rest/task/" + healthTask.getId() + "/complete", submission.replace("}}}",
        "},\"agency\":{\"value\":\"police\"},\"approved\":{\"value\":true}}}"));
    assertThat(extra.statusCode()).as("extra variables").isEqualTo(400);
    assertThat(agencyTask(reference, "Task_ConfirmLeadContact", "health")).as("still open").isNotNull();

    assertThat(health.post("/engine-rest/task/" + healthTask.getId() + "/complete", submission).statusCode()).isEqualTo(204);
    assertThat(history.createHistoricVariableInstanceQuery().taskIdIn(healthTask.getId()).variableName("contactName")
        .singleResult().getValue()).as("the owner's values kept with its task").isEqualTo("Health Lead");
  }
}
