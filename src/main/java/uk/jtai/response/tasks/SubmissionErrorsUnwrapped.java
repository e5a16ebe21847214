package uk.jtai.response.tasks;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The engine wraps whatever a task listener throws in a generic exception (ENGINE-03051), which the REST
 * API answers with 500. This interceptor, inside the command context, hands a refused submission on as
 * itself, so REST and Tasklist answer 400 with the field and the reason. The transaction still rolls back.
 */
public class SubmissionErrorsUnwrapped extends CommandInterceptor {

  @Override
  public <T> T execute(Command<T> command) {
    try {
      return next.execute(command);
    } catch (ProcessEngineException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof SubmissionRejectedException rejected) {
          throw rejected;
        }
        if (cause.getCause() == cause) {
          break;
        }
      }
      throw e;
    }
  }
}
