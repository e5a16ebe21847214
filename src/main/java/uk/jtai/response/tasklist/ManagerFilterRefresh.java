package uk.jtai.response.tasklist;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;

/**
 * Keeps the managers' filters' dates current: at start-up, then every {@code jtai.tasklist.refresh-interval}
 * (a filter is rewritten only when its day or overdue cut-off has passed, so just after midnight Europe/London
 * "Due today" moves on), on one node at a time (its lock, store/SchedulerLocks): two nodes rewriting the same
 * filters conflict. The dates live in the filters themselves, so any node, restarted or not, finds them stale
 * or current alike.
 */
@Component
@ConditionalOnProperty(name = "jtai.tasklist.refresh.enabled", havingValue = "true", matchIfMissing = true)
public class ManagerFilterRefresh {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ManagerFilterRefresh.class);

  private final ManagerFilters filters;

  public ManagerFilterRefresh(ManagerFilters filters) {
    this.filters = filters;
  }

  @EventListener(ApplicationReadyEvent.class)
  @SchedulerLock(name = "manager-filters", lockAtMostFor = "PT5M")
  public void atStartUp() {
    try {
      filters.refresh(EngineTime.now());
    } catch (RuntimeException e) {
      // Tasklist works without them; the next poll writes them.
      log.warn("Managers' Tasklist filters not refreshed at start-up, will retry: {}", e.toString());
    }
  }

  @Scheduled(fixedDelayString = "${jtai.tasklist.refresh-interval}", initialDelayString = "${jtai.tasklist.refresh-interval}")
  @SchedulerLock(name = "manager-filters", lockAtMostFor = "PT5M")
  public void poll() {
    filters.refresh(EngineTime.now());
  }
}
