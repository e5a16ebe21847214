package uk.jtai.response.process;

import java.util.Set;
import org.camunda.bpm.engine.impl.bpmn.helper.BpmnProperties;
import org.camunda.bpm.engine.impl.core.model.CoreModelElement;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.migration.instance.MigratingActivityInstance;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * The history level {@code full} as this service keeps it: every event Camunda writes at that level except four kinds
 * nobody here reads (issue 19, "history kept where someone reads it").
 *
 * <ul>
 *   <li>Every earlier value of every variable: an {@code ACT_HI_DETAIL} row per change (about 8 SQL statements per user
 *   task). The product reads variables' current values ({@code ACT_HI_VARINST}: the board, the debrief, the purge),
 *   and no earlier value of a variable holding anything about a child is kept beyond the variable itself. Camunda
 *   asks the level about each such row ({@code DbHistoryEventHandler.shouldWriteHistoricDetail}).</li>
 *   <li>The steps a token only passes through: gateways and the none start and none end events of processes and
 *   sub-processes. Each was an activity-instance row inserted and updated (about 2 of the 4 activity instances per
 *   user task, 4 to 5 SQL statements). The product reads the history of user tasks ({@code ReturnCorrections}), and
 *   tests walk from a task up through its sub-processes and multi-instance bodies: those, call activities, service
 *   tasks and every event that waits or throws (timers, messages, escalations, terminate) keep their rows. Process
 *   tests, whose path assertions ({@code hasPassed}) read every step, keep them too
 *   ({@code jtai.history.pass-through-steps}).</li>
 *   <li>The multi-instance counters Camunda keeps as variables ({@code loopCounter}, {@code nrOfInstances},
 *   {@code nrOfActiveInstances}, {@code nrOfCompletedInstances}): engine bookkeeping, a history row inserted and read
 *   and updated at each change. Their runtime variables stay, so completion conditions and Cockpit see them.</li>
 *   <li>The job log's rows for a job created, deleted or run without error (a timer on every task with a deadline is
 *   created with it and deleted when it is done in time: two rows per task). Nothing reads the job log here, and the
 *   community edition's Cockpit does not show it. A job that fails keeps its row, with the error, beside the
 *   incident it may become. With {@code jtai.history.routine-job-log} the job log is written as Camunda writes it,
 *   each row naming the node that ran the job (the two-node runs count each node's share of the jobs from it).</li>
 * </ul>
 *
 * <p>It keeps the id and name of {@code full} (3): a database set up at that level starts unchanged, and the engine
 * resolves the configured name to the last level of that name, the custom one (configured in {@code EngineConfiguration}).
 * What is dropped is dropped consistently, the start and the end of the same step, every change of the same variable, so
 * no history row is updated that was not inserted.
 */
public class HistoryWhereRead extends HistoryLevelFull {

  /** Activity types (Camunda's {@code ACT_TYPE_}) whose instances a token only passes through. */
  static final Set<String> PASS_THROUGH = Set.of("exclusiveGateway", "parallelGateway", "inclusiveGateway",
      "eventBasedGateway", "complexGateway", "startEvent", "noneEndEvent");

  /** The variables Camunda keeps for a multi-instance activity's bookkeeping. */
  static final Set<String> LOOP_COUNTERS = Set.of("loopCounter", "nrOfInstances", "nrOfActiveInstances",
      "nrOfCompletedInstances");

  private static final Set<HistoryEventType> ACTIVITY_EVENTS = Set.of(HistoryEventTypes.ACTIVITY_INSTANCE_START,
      HistoryEventTypes.ACTIVITY_INSTANCE_END, HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE,
      HistoryEventTypes.ACTIVITY_INSTANCE_MIGRATE);

  private static final Set<HistoryEventType> VARIABLE_EVENTS = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
      HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_DELETE,
      HistoryEventTypes.VARIABLE_INSTANCE_MIGRATE);

  private static final Set<HistoryEventType> JOB_EVENTS_NOT_KEPT = Set.of(HistoryEventTypes.JOB_CREATE,
      HistoryEventTypes.JOB_DELETE, HistoryEventTypes.JOB_SUCCESS);

  private final boolean passThroughSteps;
  private final boolean routineJobLog;

  /**
   * @param passThroughSteps whether the steps a token only passes through keep their history too (process tests)
   * @param routineJobLog whether the job log keeps the rows of jobs created, deleted or run without error
   */
  public HistoryWhereRead(boolean passThroughSteps, boolean routineJobLog) {
    this.passThroughSteps = passThroughSteps;
    this.routineJobLog = routineJobLog;
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    // At parse time the entity is null: the listeners go on every activity, and each event is decided when it happens.
    if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL
        || !routineJobLog && JOB_EVENTS_NOT_KEPT.contains(eventType)) {
      return false;
    }
    if (entity instanceof VariableInstanceEntity variable && VARIABLE_EVENTS.contains(eventType)) {
      return !LOOP_COUNTERS.contains(variable.getName());
    }
    if (!passThroughSteps && ACTIVITY_EVENTS.contains(eventType)) {
      if (entity instanceof ExecutionEntity execution) {
        return !PASS_THROUGH.contains(typeOf(execution));
      }
      if (entity instanceof MigratingActivityInstance migrating && migrating.getSourceScope() != null) {
        return !PASS_THROUGH.contains(migrating.getSourceScope().getProperties().get(BpmnProperties.TYPE));
      }
    }
    return true;
  }

  /** The type of the step the event is about, found as Camunda's history producer finds it. */
  private static String typeOf(ExecutionEntity execution) {
    CoreModelElement step = execution.getActivity() != null ? execution.getActivity() : execution.getEventSource();
    return step == null ? null : step.getProperties().get(BpmnProperties.TYPE);
  }
}
