package uk.jtai.response.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * A user task's {@code ${null}}-mapped fields are the task's own ({@link TaskLocalFields}): no engine variable
 * while the task is open, the submitted values kept only in the task's history, never the process's, and the
 * form never filled in from a process variable of the same name.
 */
class TaskLocalFieldsTest extends ProcessTestSupport {

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
  void aTasksOwnFieldIsNotFilledInFromAProcessVariableOfTheSameName() {
    Task police = agencyTask(reference, "Task_ConfirmLeadContact", "police");
    runtime.setVariable(police.getProcessInstanceId(), "contactName", "someone else's value");

    assertThat(forms.getTaskFormVariables(police.getId(), List.of("contactName", "briefed"), true))
        .doesNotContainKeys("contactName", "briefed");
  }
}
