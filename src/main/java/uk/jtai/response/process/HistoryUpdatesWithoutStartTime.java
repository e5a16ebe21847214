package uk.jtai.response.process;

import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.camunda.bpm.engine.impl.history.event.HistoricScopeInstanceEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;

/**
 * Camunda's database history handler, without re-reading what this node wrote. Before it updates the history row
 * of a process instance, activity instance or task that the command has not loaded, Camunda selects the row's
 * start time, so that the update can write the duration ({@code END_TIME_ - START_TIME_}); its update statements
 * never write the start time, and write the duration only when the event ends the instance. So:
 * <ul>
 *   <li>an update that does not end the instance (a task claimed or assigned, an activity instance whose task was
 *   assigned) is written without the read, which it used for nothing;</li>
 *   <li>an update that ends it takes the start time this node wrote when the instance started, if it still holds
 *   it: a start time never changes once written, so holding it is never stale on any number of nodes. An instance
 *   started on another node, before a restart or longer ago than the last {@value #HELD} starts is read as
 *   Camunda reads it. A start written in a transaction that then rolled back is held under an id that never ends.</li>
 * </ul>
 * Every row and every duration is as Camunda writes it. Issue 19: a user task's completion read the start times of
 * its task and of the activity instances it ended, 2.8 of the 72 statements per user task at 40 inspections.
 */
public class HistoryUpdatesWithoutStartTime extends DbHistoryEventHandler {

  /** Start times held, oldest dropped first: about 150 bytes each, 7 MB in all. */
  static final int HELD = 50_000;

  private final Map<String, Date> startTimes = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Date> eldest) {
      return size() > HELD;
    }
  });

  @Override
  protected void insertOrUpdate(HistoryEvent historyEvent) {
    if (!(historyEvent instanceof HistoricScopeInstanceEvent scope) || historyEvent.getId() == null) {
      super.insertOrUpdate(historyEvent);
      return;
    }
    if (isInitialEvent(historyEvent)) {
      super.insertOrUpdate(historyEvent);
      if (scope.getStartTime() != null) {
        startTimes.put(key(historyEvent), scope.getStartTime());
      }
      return;
    }
    DbEntityManager db = getDbEntityManager();
    if (db.getCachedEntity(historyEvent.getClass(), historyEvent.getId()) != null) {
      return; // loaded in this command: Camunda's own update of the loaded row stands
    }
    if (scope.getEndTime() == null) {
      db.merge(historyEvent);
      return;
    }
    Date started = startTimes.remove(key(historyEvent));
    if (started == null) {
      super.insertOrUpdate(historyEvent);
      return;
    }
    scope.setStartTime(started);
    db.merge(historyEvent);
  }

  /** A process instance and its activity instances can share an id; the kind of row keeps them apart. */
  private static String key(HistoryEvent event) {
    return event.getClass().getSimpleName() + ":" + event.getId();
  }
}
