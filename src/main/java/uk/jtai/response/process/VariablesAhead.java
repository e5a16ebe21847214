package uk.jtai.response.process;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceManager;

/**
 * Camunda's variable manager, which loads the variables of the executions above an execution together with the
 * execution's own, in one statement, instead of one statement per execution as an expression or listener walks up
 * through them.
 *
 * <p>Camunda loads an execution's variables the first time a command reads or writes one of them there, and a
 * variable not found on an execution is looked for on its parent. A user task of the product sits under its
 * per-agency and per-child scopes, so finding its inspection's reference, its agency or its child loaded each
 * execution between the task and its process instance separately: 6.2 loads a user task in the benchmark
 * (docs/benchmark.md), where bare Camunda's one task needs about one. Here the first load in a command also loads
 * every execution above it that the command has not loaded yet (their rows read, if the command does not hold them
 * yet, as the engine reads them when it walks up: all of the process instance's executions in one statement). Each
 * is then handed to the engine when it first asks, as the engine would have read it then: no command writes to the
 * database before it ends, and the rows are the engine's own entities, in its cache, as its own load returns them.
 * A load of some variables by name, and a second load of the same execution, are Camunda's own.
 *
 * <p>One manager per command ({@link #configure}); the statement is {@code variables-ahead.xml}, added to the
 * engine's MyBatis configuration once it is built ({@link #registerStatement}).
 */
public final class VariablesAhead extends VariableInstanceManager {

  static final String STATEMENT = "uk.jtai.response.process.VariablesAhead.selectVariablesByExecutionIds";
  private static final String MAPPER = "uk/jtai/response/process/variables-ahead.xml";
  /** The most executions one statement loads: deeper than any model's nesting. */
  static final int MOST = 16;

  /** Loaded ahead and not yet asked for, by execution. */
  private final Map<String, List<VariableInstanceEntity>> ahead = new HashMap<>();
  /** Executions whose variables this command has loaded (or has ahead). */
  private final Set<String> loaded = new HashSet<>();
  /** Statements this manager ran for executions' variables (for tests). */
  int statements;

  /** Before the engine is built: each command has its own manager, in place of Camunda's. */
  public static void configure(ProcessEngineConfigurationImpl configuration) {
    EngineSessions.replace(configuration, VariableInstanceManager.class, VariablesAhead::new);
  }

  /** Once the engine's MyBatis configuration exists: adds the statement (once). */
  public static void registerStatement(ProcessEngineConfigurationImpl configuration) {
    org.apache.ibatis.session.Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
    synchronized (mybatis) {
      if (mybatis.hasStatement(STATEMENT, false)) {
        return;
      }
      try (InputStream xml = VariablesAhead.class.getClassLoader().getResourceAsStream(MAPPER)) {
        if (xml == null) {
          throw new ProcessEngineException(MAPPER + " is missing from the classpath");
        }
        new XMLMapperBuilder(xml, mybatis, MAPPER, mybatis.getSqlFragments()).parse();
      } catch (IOException e) {
        throw new ProcessEngineException("Could not read " + MAPPER + ": " + e.getMessage(), e);
      }
    }
  }

  @Override
  public List<VariableInstanceEntity> findVariableInstancesByExecutionIdAndVariableNames(String executionId,
                                                                                         Collection<String> variableNames) {
    if (variableNames != null) {
      return super.findVariableInstancesByExecutionIdAndVariableNames(executionId, variableNames);
    }
    List<VariableInstanceEntity> mine = ahead.remove(executionId);
    if (mine != null) {
      return mine;
    }
    List<String> executions = withThoseAbove(executionId);
    loaded.addAll(executions);
    statements++;
    if (executions.size() == 1) {
      return super.findVariableInstancesByExecutionIdAndVariableNames(executionId, null);
    }
    Map<String, List<VariableInstanceEntity>> byExecution = new HashMap<>();
    executions.forEach(id -> byExecution.put(id, new ArrayList<>()));
    @SuppressWarnings("unchecked")
    List<VariableInstanceEntity> rows = getDbEntityManager().selectList(STATEMENT, executions);
    for (VariableInstanceEntity row : rows) {
      if (row.getTaskId() != null) {
        continue; // a task's own variable: not the execution's (variables-ahead.xml says why it is filtered here)
      }
      List<VariableInstanceEntity> its = byExecution.get(row.getExecutionId());
      if (its == null) {
        // A variable this command has moved to another execution (the engine's cached entity says so, not yet its row):
        // the engine's own load of this execution, as it would have been, and nothing ahead.
        loaded.removeAll(executions);
        loaded.add(executionId);
        return super.findVariableInstancesByExecutionIdAndVariableNames(executionId, null);
      }
      its.add(row);
    }
    mine = byExecution.remove(executionId);
    ahead.putAll(byExecution);
    return mine;
  }

  /**
   * The execution, and each execution above it in its process instance whose variables this command has not loaded,
   * nearest first.
   */
  private List<String> withThoseAbove(String executionId) {
    List<String> executions = new ArrayList<>();
    executions.add(executionId);
    DbEntityManager entities = getDbEntityManager();
    ExecutionEntity execution = entities.getCachedEntity(ExecutionEntity.class, executionId);
    while (execution != null && execution.getParentId() != null && executions.size() < MOST) {
      String parent = execution.getParentId();
      if (!loaded.contains(parent)) {
        executions.add(parent);
      }
      // The engine reads a parent it does not hold yet as it would a moment later, walking up: with the rest of its
      // process instance's executions, in one statement (Camunda's execution tree prefetch).
      execution = execution.getParent();
    }
    return executions;
  }
}
