package uk.jtai.response.process;

import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;

/**
 * The engine's history as Camunda writes it at level {@code full}, without one part nobody reads here: the
 * {@code ACT_HI_DETAIL} row written for every change of every variable (each value a variable ever had). The
 * product reads the history of process instances, activities, tasks, candidate groups and variables' current
 * values ({@code ACT_HI_VARINST}: the board, the debrief, the purge); Cockpit and Tasklist in the community
 * edition show runtime variables and the user operation log, both kept. Dropping the details saves about 8 SQL
 * statements per user task (issue 19, measured by the benchmark), and no earlier value of a variable holding
 * anything about a child is kept beyond the variable itself. The level stays {@code full}, so a database set
 * up at that level starts unchanged and the user operation log (who claimed, completed or changed what) stays.
 */
public class HistoryWithoutVariableDetails extends DbHistoryEventHandler {

  @Override
  protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity historyEvent) {
    return false;
  }
}
