package uk.jtai.response.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceManager;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * A task's scopes' variables are loaded in one statement when an expression walks up from the task, and each
 * execution then holds exactly the variables Camunda's own load of it returns (a task's own variables are not its
 * execution's).
 */
class VariablesAheadTest extends ProcessTestSupport {

  @Test
  void walkingUpFromATaskLoadsEveryScopeAboveItInOneStatementAndEachHoldsWhatCamundaWouldLoad() {
    String reference = inspectionWithPartnersNotified();
    Task agencyTask = tasks.createTaskQuery().processInstanceBusinessKey(reference).list().stream()
        .filter(t -> runtime.getVariableLocal(t.getExecutionId(), "agency") == null)
        .filter(t -> runtime.getVariable(t.getExecutionId(), "agency") != null)
        .filter(t -> depth(t.getExecutionId()) >= 2).findFirst()
        .orElseThrow(() -> new AssertionError("no agency's task two executions below its process instance"));
    // A variable of the task itself: its row names the task's execution too, and is not that execution's variable.
    tasks.setVariableLocal(agencyTask.getId(), "aTaskOwnValue", "the task's, not its execution's");

    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired().execute(
        (CommandContext context) -> {
          ExecutionEntity execution = context.getExecutionManager().findExecutionById(agencyTask.getExecutionId());
          List<ExecutionEntity> chain = new ArrayList<>();
          for (ExecutionEntity e = execution; e != null; e = e.getParent()) {
            chain.add(e);
          }
          assertThat(execution.getVariable("agency")).as("found on a scope above the task's execution").isNotNull();
          assertThat(execution.getVariable("a variable no scope has")).isNull();

          VariablesAhead manager = (VariablesAhead) context.getSession(VariableInstanceManager.class);
          assertThat(manager.statements).as("one statement for the %d executions walked", chain.size()).isEqualTo(1);
          VariableInstanceManager camundas = new VariableInstanceManager();
          for (ExecutionEntity e : chain) {
            assertThat(values(e.getVariableInstancesLocal())).as("execution %s", e.getId())
                .isEqualTo(values(camundas.findVariableInstancesByExecutionId(e.getId())));
          }
          assertThat(execution.getVariableLocal("aTaskOwnValue")).as("the task's own variable").isNull();
          assertThat(manager.statements).as("nothing loaded twice").isEqualTo(1);
          return null;
        });
  }

  /** How many executions lie above this one in its process instance. */
  private int depth(String executionId) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> {
          int depth = 0;
          for (ExecutionEntity e = context.getExecutionManager().findExecutionById(executionId).getParent(); e != null;
               e = e.getParent()) {
            depth++;
          }
          return depth;
        });
  }

  private static Map<String, String> values(List<?> variables) {
    Map<String, String> byId = new TreeMap<>();
    variables.stream().map(VariableInstanceEntity.class::cast).forEach(v -> byId.put(v.getId(), v.getName() + " " + v.getSerializerName() + " " + v.getTextValue() + " "
        + v.getLongValue() + " " + v.getDoubleValue() + " " + v.getByteArrayValueId()));
    return byId;
  }
}
