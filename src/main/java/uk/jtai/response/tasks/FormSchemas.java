package uk.jtai.response.tasks;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cmd.GetDeployedStartFormCmd;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The schema of each step's deployed form, read from the deployment once per process definition (a
 * definition's forms never change: a changed form is a new deployment, so a new definition id).
 */
public final class FormSchemas {

  private final ConcurrentMap<String, Optional<FormSchema>> schemas = new ConcurrentHashMap<>();

  /** The task's form, inside a command; empty for a task without one (a task outside any process). */
  public Optional<FormSchema> ofTask(CommandContext context, TaskEntity task) {
    if (task.getProcessDefinitionId() == null) {
      return Optional.empty();
    }
    return schemas.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
        key -> read(context, () -> new GetDeployedTaskFormCmd(task.getId()).execute(context)));
  }

  /** The start form of a process definition, inside a command; empty when the process has none. */
  public Optional<FormSchema> ofStart(CommandContext context, ProcessDefinitionEntity definition) {
    return schemas.computeIfAbsent(definition.getId() + "#start",
        key -> read(context, () -> new GetDeployedStartFormCmd(definition.getId()).execute(context)));
  }

  private static Optional<FormSchema> read(CommandContext context, java.util.concurrent.Callable<java.io.InputStream> form) {
    try {
      return Optional.of(FormSchema.read(context.runWithoutAuthorization(form)));
    } catch (ProcessEngineException noDeployedForm) {
      return Optional.empty();
    }
  }
}
