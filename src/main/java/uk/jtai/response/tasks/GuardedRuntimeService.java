package uk.jtai.response.tasks;

import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.RuntimeServiceImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.runtime.RestartProcessInstanceBuilder;
import org.camunda.bpm.engine.runtime.SignalEventReceivedBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstantiationBuilder;

/**
 * The engine's runtime service with one rule of the product's: a process started from outside the service
 * (REST, Tasklist's start, a Java caller) is started as its start form says, with only its declared fields
 * (none for a process without a start form), at its start event. Starting somewhere inside a model, or
 * skipping its listeners and mappings, is for administrators. A process the service itself starts within
 * a step (a rehearsal's inspection, a called process) is its own business.
 */
public class GuardedRuntimeService extends RuntimeServiceImpl {

  private final FormSchemas schemas;

  public GuardedRuntimeService(FormSchemas schemas) {
    this.schemas = schemas;
  }

  @Override
  public ProcessInstantiationBuilder createProcessInstanceById(String processDefinitionId) {
    return new Guarded(this, processDefinitionId, null);
  }

  @Override
  public ProcessInstantiationBuilder createProcessInstanceByKey(String processDefinitionKey) {
    return new Guarded(this, null, processDefinitionKey);
  }

  /**
   * Messages and signals carry variables into a running process and move it on: the service sends them
   * itself (an issue of concern), never a signed-in user other than an administrator. A signal nobody
   * waits for would be "accepted" by the engine, so this is refused here rather than left to permissions.
   */
  @Override
  public MessageCorrelationBuilder createMessageCorrelation(String messageName) {
    refuseRestricted("send a message to a process");
    return super.createMessageCorrelation(messageName);
  }

  @Override
  public SignalEventReceivedBuilder createSignalEvent(String signalName) {
    refuseRestricted("send a signal");
    return super.createSignalEvent(signalName);
  }

  /** Restarting a finished process with instructions is a repair, for administrators. */
  @Override
  public RestartProcessInstanceBuilder restartProcessInstances(String processDefinitionId) {
    refuseRestricted("restart a process");
    return super.restartProcessInstances(processDefinitionId);
  }

  private void refuseRestricted(String what) {
    commandExecutor.execute(context -> {
      Authentication caller = GuardedTaskService.restrictedCaller(context);
      if (caller != null) {
        throw new AuthorizationException(caller.getUserId() + " may not " + what + ": only an administrator may");
      }
      return null;
    });
  }

  private static final class Guarded extends ProcessInstantiationBuilderImpl {

    private final GuardedRuntimeService service;

    Guarded(GuardedRuntimeService service, String processDefinitionId, String processDefinitionKey) {
      super(service.getCommandExecutor());
      this.service = service;
      this.processDefinitionId = processDefinitionId;
      this.processDefinitionKey = processDefinitionKey;
    }

    @Override
    public ProcessInstanceWithVariables executeWithVariablesInReturn(boolean skipCustomListeners, boolean skipIoMappings) {
      if (Context.getCommandContext() == null && (processDefinitionId != null || processDefinitionKey != null)) {
        commandExecutor.execute(context -> {
          boolean atActivities = !modificationBuilder.getModificationOperations().isEmpty();
          Authentication caller = GuardedTaskService.restrictedCaller(context);
          if (caller != null && (atActivities || skipCustomListeners || skipIoMappings)) {
            throw new AuthorizationException(caller.getUserId() + " may start a process only at its start event, "
                + "with its listeners and mappings: only an administrator may do otherwise");
          }
          ProcessDefinitionEntity definition = processDefinitionId != null
              ? context.getProcessEngineConfiguration().getDeploymentCache().findDeployedProcessDefinitionById(processDefinitionId)
              : context.getProcessEngineConfiguration().getDeploymentCache().findDeployedLatestProcessDefinitionByKey(processDefinitionKey);
          if (!atActivities) {
            SubmissionGuard.check(service.schemas.ofStart(context, definition).orElse(null), getVariables(), Set.of());
          }
          return null;
        });
      }
      return super.executeWithVariablesInReturn(skipCustomListeners, skipIoMappings);
    }
  }
}
