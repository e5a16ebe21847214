package uk.jtai.response.purge;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.CollectionUtil;

/**
 * Deletes from the engine's history what people wrote or attached about children in an inspection's
 * processes, through the engine's own managers in one transaction: Tasklist comments on tasks and process
 * instances (with their full messages), attachments with their content, every historic variable and
 * variable update or form-field detail with its bytes, the operation-log entries of comments and
 * attachments (an update or deletion keeps the old message, an attachment its name), and annotations
 * written on the operation log. The rest of the history, the audit trail of which step ran, who did it and
 * when, stays. Its processes: those with the inspection's reference as business key, a rehearsal's control
 * process ({@code <reference>-CONTROL}), and everything they called. Runs without authorization checks:
 * the purge is the service's own act, and its callers decide who may cause it.
 */
final class EngineRecordsPurge implements Command<Void> {

  private static final Set<String> TEXT_ENTITIES = Set.of(EntityTypes.COMMENT, EntityTypes.ATTACHMENT);

  private final String reference;

  EngineRecordsPurge(String reference) {
    this.reference = reference;
  }

  @Override
  public Void execute(CommandContext context) {
    return context.runWithoutAuthorization(() -> purge(context));
  }

  private Void purge(CommandContext context) {
    HistoryService history = context.getProcessEngineConfiguration().getHistoryService();
    List<String> instances = processInstances(history);
    for (List<String> part : CollectionUtil.partition(instances, DbSqlSessionFactory.MAXIMUM_NUMBER_PARAMS)) {
      // A task's comment or attachment may carry no process instance id (REST adds one only when asked):
      // the "task" variants find them through the process's historic tasks.
      context.getCommentManager().deleteCommentsByProcessInstanceIds(part);
      context.getCommentManager().deleteCommentsByTaskProcessInstanceIds(part);
      context.getAttachmentManager().deleteAttachmentsByProcessInstanceIds(part);
      context.getAttachmentManager().deleteAttachmentsByTaskProcessInstanceIds(part);
      context.getHistoricDetailManager().deleteHistoricDetailsByProcessInstanceIds(part);
      context.getHistoricDetailManager().deleteHistoricDetailsByTaskProcessInstanceIds(part);
      context.getHistoricVariableInstanceManager().deleteHistoricVariableInstanceByProcessInstanceIds(part);
      context.getHistoricVariableInstanceManager().deleteHistoricVariableInstancesByTaskProcessInstanceIds(part);
    }
    Set<String> annotated = new LinkedHashSet<>();
    for (String instance : instances) {
      for (UserOperationLogEntry entry : history.createUserOperationLogQuery().processInstanceId(instance).list()) {
        if (TEXT_ENTITIES.contains(entry.getEntityType())) {
          history.deleteUserOperationLogEntry(entry.getId());
        } else if (entry.getAnnotation() != null) {
          annotated.add(entry.getOperationId());
        }
      }
    }
    annotated.forEach(history::clearAnnotationForOperationLogById);
    return null;
  }

  /** The inspection's (or rehearsal's) process instances in history, running or ended, and all they called. */
  private List<String> processInstances(HistoryService history) {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> roots = new LinkedHashSet<>();
    for (HistoricProcessInstance keyed : history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKeyIn(reference, reference + InspectionPurge.CONTROL_SUFFIX).list()) {
      ids.add(keyed.getId());
      roots.add(keyed.getRootProcessInstanceId() == null ? keyed.getId() : keyed.getRootProcessInstanceId());
    }
    for (String root : roots) {
      history.createHistoricProcessInstanceQuery().rootProcessInstanceId(root).list().forEach(called -> ids.add(called.getId()));
    }
    return List.copyOf(ids);
  }
}
