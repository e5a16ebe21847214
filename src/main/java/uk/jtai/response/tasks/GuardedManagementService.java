package uk.jtai.response.tasks;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.ManagementServiceImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * The engine's management service with one rule of the product's: only an administrator runs a job by
 * hand. The engine checks the caller's permission inside the job's own execution, so a refused caller
 * still counted as the job failing: anyone could spend a timer's retries until it became an incident and
 * its deadline never fired.
 */
public class GuardedManagementService extends ManagementServiceImpl {

  public GuardedManagementService(org.camunda.bpm.engine.ProcessEngineConfiguration configuration) {
    super(configuration);
  }

  @Override
  public void executeJob(String jobId) {
    commandExecutor.execute(context -> {
      Authentication caller = GuardedTaskService.restrictedCaller(context);
      if (caller != null) {
        throw new AuthorizationException(caller.getUserId() + " may not run a job by hand: only an administrator may");
      }
      return null;
    });
    super.executeJob(jobId);
  }
}
