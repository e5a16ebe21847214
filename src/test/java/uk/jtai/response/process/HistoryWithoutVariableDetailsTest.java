package uk.jtai.response.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * History where someone reads it (issue 19): variables keep their history row with the current value, tasks and
 * activities theirs, the user operation log who completed what; no ACT_HI_DETAIL row per change of a variable.
 */
class HistoryWithoutVariableDetailsTest extends ProcessTestSupport {

  @Autowired HistoryService history;

  @Test
  void aCompletedTaskLeavesItsVariablesTaskAndOperationLogInHistoryButNoDetailPerChange() {
    String reference = newReference();
    ProcessInstance meetings = startStage("fieldwork-meetings", reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    Task police = agencyTask(reference, "Task_GiveFieldworkMeetings", "police");
    engine.getIdentityService().setAuthentication("police.lead", java.util.List.of("police"));
    try {
      tasks.complete(police.getId(), Map.of("noMeetings", true, "sentToLeadInspector", true));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }

    assertThat(history.createHistoricDetailQuery().processInstanceId(meetings.getId()).count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(meetings.getId()).variableName("reference")
        .singleResult().getValue()).isEqualTo(reference);
    assertThat(history.createHistoricTaskInstanceQuery().taskId(police.getId()).finished().count()).isOne();
    assertThat(history.createUserOperationLogQuery().taskId(police.getId()).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
        .singleResult().getUserId()).isEqualTo("police.lead");
  }
}
