package uk.jtai.response.tasks;

import java.util.Collection;
import java.util.Map;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * The engine's form service with the product's rules: a task form's submission is checked like a
 * completion ({@link GuardedTaskService}), a start form's against the process's start form; and a task's
 * form variables include its {@link TaskViews}, evaluated for whoever may read the task (the engine has
 * checked that before any view is evaluated).
 */
public class GuardedFormService extends FormServiceImpl {

  private final FormSchemas schemas;

  public GuardedFormService(FormSchemas schemas) {
    this.schemas = schemas;
  }

  @Override
  public void submitTaskForm(String taskId, Map<String, Object> properties) {
    ConcurrentChange.triedAgain(commandExecutor, GuardedTaskService.submission(schemas, taskId, properties,
        checked -> new SubmitTaskFormCmd(taskId, checked, false, false)));
  }

  @Override
  public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties, boolean deserializeValues) {
    return ConcurrentChange.triedAgain(commandExecutor, GuardedTaskService.submission(schemas, taskId, properties,
        checked -> new SubmitTaskFormCmd(taskId, checked, true, deserializeValues)));
  }

  @Override
  public ProcessInstance submitStartForm(String processDefinitionId, Map<String, Object> properties) {
    return submitStartForm(processDefinitionId, null, properties);
  }

  @Override
  public ProcessInstance submitStartForm(String processDefinitionId, String businessKey, Map<String, Object> properties) {
    return commandExecutor.execute(context -> {
      if (processDefinitionId == null) {
        return new SubmitStartFormCmd(null, businessKey, properties).execute(context); // the engine says what is wrong
      }
      ProcessDefinitionEntity definition = context.getProcessEngineConfiguration().getDeploymentCache()
          .findDeployedProcessDefinitionById(processDefinitionId);
      SubmissionGuard.Checked checked = SubmissionGuard.check(schemas.ofStart(context, definition).orElse(null), properties,
          java.util.Set.of());
      return new SubmitStartFormCmd(processDefinitionId, businessKey, checked.engine()).execute(context);
    });
  }

  @Override
  public VariableMap getTaskFormVariables(String taskId, Collection<String> formVariables, boolean deserializeObjectValues) {
    return commandExecutor.execute(context -> {
      VariableMap variables = new GetTaskFormVariablesCmd(taskId, formVariables, deserializeObjectValues).execute(context);
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      // A task's own fields start empty, never filled in from a process variable of the same name.
      TaskLocalFields.of(task).forEach(variables::remove);
      for (Map.Entry<String, Expression> view : TaskViews.of(task).entrySet()) {
        if (formVariables == null || formVariables.contains(view.getKey())) {
          Object value = context.runWithoutAuthorization(() -> view.getValue().getValue(task));
          variables.putValueTyped(view.getKey(), TaskViews.typed(value, deserializeObjectValues));
        }
      }
      return variables;
    });
  }
}
