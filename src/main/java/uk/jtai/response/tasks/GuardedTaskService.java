package uk.jtai.response.tasks;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Event;
import org.camunda.bpm.engine.variable.VariableMap;
import uk.jtai.response.process.Standing;

/**
 * The engine's task service with the product's rules at its doors (REST, Tasklist and Java callers alike):
 * <ul>
 *   <li>a completion (complete, resolve) carries only the fields of the task's deployed form, checked by
 *       {@link SubmissionGuard}; child-level fields reach the form's check, never the engine; one that meets
 *       a concurrent change of its inspection is tried again ({@link ConcurrentChange});</li>
 *   <li>a claim names the signed-in user; an assignee may give a task back;</li>
 *   <li>nobody but an administrator throws a BPMN error or escalation from a user task (the engine lets
 *       whoever may complete a task do so, which would end the step without its form);</li>
 *   <li>comments and attachments of a task are for the people the task is offered to (the engine checks
 *       nothing on them).</li>
 * </ul>
 * Everything else is the engine's own authorization. "Restricted" below is a signed-in user who is not an
 * administrator, outside the service's own work (which runs without authorization checks).
 */
public class GuardedTaskService extends TaskServiceImpl {

  private final FormSchemas schemas;

  public GuardedTaskService(FormSchemas schemas) {
    this.schemas = schemas;
  }

  @Override
  public void complete(String taskId) {
    complete(taskId, null);
  }

  @Override
  public void complete(String taskId, Map<String, Object> variables) {
    ConcurrentChange.triedAgain(commandExecutor, submission(schemas, taskId, variables,
        checked -> new CompleteTaskCmd(taskId, checked, false, false)));
  }

  @Override
  public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables, boolean deserializeValues) {
    return ConcurrentChange.triedAgain(commandExecutor, submission(schemas, taskId, variables,
        checked -> new CompleteTaskCmd(taskId, checked, true, deserializeValues)));
  }

  @Override
  public void resolveTask(String taskId) {
    resolveTask(taskId, null);
  }

  @Override
  public void resolveTask(String taskId, Map<String, Object> variables) {
    ConcurrentChange.triedAgain(commandExecutor, submission(schemas, taskId, variables, checked -> new ResolveTaskCmd(taskId, checked)));
  }

  /**
   * A command that checks the submission to {@code taskId} against its form, then runs {@code inner} with
   * the fields the engine may keep, the whole submission held for the form's check. The caller must be
   * allowed to work on the task before its submission is even read.
   */
  static <T> Command<T> submission(FormSchemas schemas, String taskId, Map<String, ?> variables,
                                   Function<VariableMap, Command<T>> inner) {
    return context -> {
      TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
      if (task == null) {
        return inner.apply(null).execute(context); // the engine says what is wrong
      }
      for (CommandChecker checker : context.getProcessEngineConfiguration().getCommandCheckers()) {
        checker.checkTaskWork(task);
      }
      SubmissionGuard.Checked checked = SubmissionGuard.check(schemas.ofTask(context, task).orElse(null), variables,
          Standing.NAMES);
      return Submissions.during(taskId, checked.submitted(),
          () -> inner.apply(TaskLocalFields.keepOwnOnTask(task, checked.engine())).execute(context));
    };
  }

  @Override
  public void claim(String taskId, String userId) {
    commandExecutor.execute(context -> {
      Authentication caller = restrictedCaller(context);
      if (caller != null && userId != null && !userId.equals(caller.getUserId())) {
        throw new AuthorizationException("A task can be claimed only by the signed-in user for themselves ("
            + caller.getUserId() + "), not for " + userId);
      }
      return new ClaimTaskCmd(taskId, userId).execute(context);
    });
  }

  @Override
  public void setAssignee(String taskId, String userId) {
    commandExecutor.execute(context -> {
      Authentication caller = restrictedCaller(context);
      if (caller != null) {
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (userId == null && task != null && caller.getUserId().equals(task.getAssignee())) {
          // Giving back one's own task (Tasklist's "unclaim"): the engine would ask for TASK_ASSIGN.
          return context.runWithoutAuthorization(() -> new AssignTaskCmd(taskId, null).execute(context));
        }
        if (userId != null && !userId.equals(caller.getUserId())) {
          throw new AuthorizationException("A task can be assigned only by an administrator (" + caller.getUserId()
              + " may claim a task for themselves)");
        }
      }
      return new AssignTaskCmd(taskId, userId).execute(context);
    });
  }

  @Override
  public void delegateTask(String taskId, String userId) {
    refuseRestricted("delegate a task");
    super.delegateTask(taskId, userId);
  }

  @Override
  public void setOwner(String taskId, String userId) {
    refuseRestricted("change a task's owner");
    super.setOwner(taskId, userId);
  }

  @Override
  public void addCandidateUser(String taskId, String userId) {
    refuseRestricted("offer a task to another user");
    super.addCandidateUser(taskId, userId);
  }

  @Override
  public void addCandidateGroup(String taskId, String groupId) {
    refuseRestricted("offer a task to another group");
    super.addCandidateGroup(taskId, groupId);
  }

  @Override
  public void addUserIdentityLink(String taskId, String userId, String identityLinkType) {
    refuseRestricted("link a user to a task");
    super.addUserIdentityLink(taskId, userId, identityLinkType);
  }

  @Override
  public void addGroupIdentityLink(String taskId, String groupId, String identityLinkType) {
    refuseRestricted("link a group to a task");
    super.addGroupIdentityLink(taskId, groupId, identityLinkType);
  }

  @Override
  public void deleteCandidateUser(String taskId, String userId) {
    refuseRestricted("change who a task is offered to");
    super.deleteCandidateUser(taskId, userId);
  }

  @Override
  public void deleteCandidateGroup(String taskId, String groupId) {
    refuseRestricted("change who a task is offered to");
    super.deleteCandidateGroup(taskId, groupId);
  }

  @Override
  public void deleteUserIdentityLink(String taskId, String userId, String identityLinkType) {
    refuseRestricted("change who a task is offered to");
    super.deleteUserIdentityLink(taskId, userId, identityLinkType);
  }

  @Override
  public void deleteGroupIdentityLink(String taskId, String groupId, String identityLinkType) {
    refuseRestricted("change who a task is offered to");
    super.deleteGroupIdentityLink(taskId, groupId, identityLinkType);
  }

  @Override
  public void handleBpmnError(String taskId, String errorCode, String errorMessage, Map<String, Object> variables) {
    refuseRestricted("end a step with a BPMN error");
    super.handleBpmnError(taskId, errorCode, errorMessage, variables);
  }

  @Override
  public void handleBpmnError(String taskId, String errorCode, String errorMessage) {
    handleBpmnError(taskId, errorCode, errorMessage, null);
  }

  @Override
  public void handleBpmnError(String taskId, String errorCode) {
    handleBpmnError(taskId, errorCode, null, null);
  }

  @Override
  public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
    refuseRestricted("escalate from a step");
    super.handleEscalation(taskId, escalationCode, variables);
  }

  @Override
  public void handleEscalation(String taskId, String escalationCode) {
    handleEscalation(taskId, escalationCode, null);
  }

  // Comments and attachments: the engine checks no permission on them at all.

  @Override
  public Comment createComment(String taskId, String processInstanceId, String message) {
    requireTaskPeople(taskId, processInstanceId);
    return super.createComment(taskId, processInstanceId, message);
  }

  @Override
  public void addComment(String taskId, String processInstanceId, String message) {
    createComment(taskId, processInstanceId, message);
  }

  @Override
  public List<Comment> getTaskComments(String taskId) {
    requireTaskPeople(taskId, null);
    return super.getTaskComments(taskId);
  }

  @Override
  public Comment getTaskComment(String taskId, String commentId) {
    requireTaskPeople(taskId, null);
    return super.getTaskComment(taskId, commentId);
  }

  @Override
  public List<Event> getTaskEvents(String taskId) {
    requireTaskPeople(taskId, null);
    return super.getTaskEvents(taskId);
  }

  @Override
  public void updateTaskComment(String taskId, String commentId, String message) {
    requireTaskPeople(taskId, null);
    super.updateTaskComment(taskId, commentId, message);
  }

  @Override
  public void deleteTaskComment(String taskId, String commentId) {
    requireTaskPeople(taskId, null);
    super.deleteTaskComment(taskId, commentId);
  }

  @Override
  public void deleteTaskComments(String taskId) {
    requireTaskPeople(taskId, null);
    super.deleteTaskComments(taskId);
  }

  @Override
  public List<Comment> getProcessInstanceComments(String processInstanceId) {
    refuseRestricted("read a process's comments");
    return super.getProcessInstanceComments(processInstanceId);
  }

  @Override
  public void updateProcessInstanceComment(String processInstanceId, String commentId, String message) {
    refuseRestricted("change a process's comments");
    super.updateProcessInstanceComment(processInstanceId, commentId, message);
  }

  @Override
  public void deleteProcessInstanceComment(String processInstanceId, String commentId) {
    refuseRestricted("change a process's comments");
    super.deleteProcessInstanceComment(processInstanceId, commentId);
  }

  @Override
  public void deleteProcessInstanceComments(String processInstanceId) {
    refuseRestricted("change a process's comments");
    super.deleteProcessInstanceComments(processInstanceId);
  }

  @Override
  public Attachment createAttachment(String attachmentType, String taskId, String processInstanceId, String attachmentName,
                                     String attachmentDescription, InputStream content) {
    requireTaskPeople(taskId, processInstanceId);
    return super.createAttachment(attachmentType, taskId, processInstanceId, attachmentName, attachmentDescription, content);
  }

  @Override
  public Attachment createAttachment(String attachmentType, String taskId, String processInstanceId, String attachmentName,
                                     String attachmentDescription, String url) {
    requireTaskPeople(taskId, processInstanceId);
    return super.createAttachment(attachmentType, taskId, processInstanceId, attachmentName, attachmentDescription, url);
  }

  @Override
  public List<Attachment> getTaskAttachments(String taskId) {
    requireTaskPeople(taskId, null);
    return super.getTaskAttachments(taskId);
  }

  @Override
  public Attachment getTaskAttachment(String taskId, String attachmentId) {
    requireTaskPeople(taskId, null);
    return super.getTaskAttachment(taskId, attachmentId);
  }

  @Override
  public InputStream getTaskAttachmentContent(String taskId, String attachmentId) {
    requireTaskPeople(taskId, null);
    return super.getTaskAttachmentContent(taskId, attachmentId);
  }

  @Override
  public void deleteTaskAttachment(String taskId, String attachmentId) {
    requireTaskPeople(taskId, null);
    super.deleteTaskAttachment(taskId, attachmentId);
  }

  @Override
  public Attachment getAttachment(String attachmentId) {
    refuseRestricted("read an attachment outside its task");
    return super.getAttachment(attachmentId);
  }

  @Override
  public InputStream getAttachmentContent(String attachmentId) {
    refuseRestricted("read an attachment outside its task");
    return super.getAttachmentContent(attachmentId);
  }

  @Override
  public void deleteAttachment(String attachmentId) {
    refuseRestricted("delete an attachment outside its task");
    super.deleteAttachment(attachmentId);
  }

  @Override
  public void saveAttachment(Attachment attachment) {
    refuseRestricted("change an attachment outside its task");
    super.saveAttachment(attachment);
  }

  @Override
  public List<Attachment> getProcessInstanceAttachments(String processInstanceId) {
    refuseRestricted("read a process's attachments");
    return super.getProcessInstanceAttachments(processInstanceId);
  }

  private void refuseRestricted(String what) {
    commandExecutor.execute(context -> {
      Authentication caller = restrictedCaller(context);
      if (caller != null) {
        throw new AuthorizationException(caller.getUserId() + " may not " + what + ": only an administrator may");
      }
      return null;
    });
  }

  /** Comments and attachments of a task: only for the people it is (or was) offered or assigned to. */
  private void requireTaskPeople(String taskId, String processInstanceId) {
    commandExecutor.execute(context -> {
      Authentication caller = restrictedCaller(context);
      if (caller == null) {
        return null;
      }
      if (taskId == null) {
        throw new AuthorizationException(caller.getUserId() + " may comment or attach only on a task of their own");
      }
      if (!involves(context, taskId, processInstanceId, caller)) {
        throw new AuthorizationException(caller.getUserId() + " may not read or change the comments and attachments of task "
            + taskId + ": it is not offered to them");
      }
      return null;
    });
  }

  /** The signed-in user when the product's rules apply to them: authorization on, not an administrator. */
  static Authentication restrictedCaller(CommandContext context) {
    Authentication caller = context.getAuthentication();
    if (caller == null || caller.getUserId() == null || !context.getProcessEngineConfiguration().isAuthorizationEnabled()
        || !context.isAuthorizationCheckEnabled() || context.getAuthorizationManager().isCamundaAdmin(caller)) {
      return null;
    }
    return caller;
  }

  /**
   * Whether the task is (or, finished, was) offered or assigned to the caller: a candidate group of theirs,
   * or them as candidate, assignee or owner. Read without the caller's authorization.
   */
  static boolean involves(CommandContext context, String taskId, String processInstanceId, Authentication caller) {
    Set<String> groups = caller.getGroupIds() == null ? Set.of() : Set.copyOf(caller.getGroupIds());
    String user = caller.getUserId();
    return context.runWithoutAuthorization(() -> {
      TaskEntity task = context.getTaskManager().findTaskById(taskId);
      if (task != null) {
        if (processInstanceId != null && !processInstanceId.equals(task.getProcessInstanceId())) {
          return false;
        }
        return user.equals(task.getAssignee()) || user.equals(task.getOwner()) || task.getIdentityLinks().stream()
            .anyMatch(link -> user.equals(link.getUserId()) || link.getGroupId() != null && groups.contains(link.getGroupId()));
      }
      HistoricTaskInstance finished = context.getProcessEngineConfiguration().getHistoryService()
          .createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
      if (finished == null || processInstanceId != null && !processInstanceId.equals(finished.getProcessInstanceId())) {
        return false;
      }
      return user.equals(finished.getAssignee()) || user.equals(finished.getOwner())
          || context.getProcessEngineConfiguration().getHistoryService().createHistoricIdentityLinkLogQuery().taskId(taskId)
              .list().stream().anyMatch(link -> user.equals(link.getUserId())
                  || link.getGroupId() != null && groups.contains(link.getGroupId()));
    });
  }
}
