package uk.jtai.response.purge;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Purges the child-level data of every inspection that has closed (its jtai-inspection process ended),
 * every {@code jtai.purge.interval}, on one node at a time (its lock, store/SchedulerLocks). State is in
 * the database, so a restart or a second node neither misses nor double-counts one; the history
 * time-to-live (P180D) is the backstop for the rest.
 */
@Component
@ConditionalOnProperty(name = "jtai.purge.sweeper.enabled", havingValue = "true", matchIfMissing = true)
public class PurgeSweeper {

  private static final Logger log = LoggerFactory.getLogger(PurgeSweeper.class);

  private final InspectionPurge purge;

  public PurgeSweeper(InspectionPurge purge) {
    this.purge = purge;
  }

  @Scheduled(fixedDelayString = "${jtai.purge.interval:PT10M}", initialDelayString = "${jtai.purge.interval:PT10M}")
  @SchedulerLock(name = "purge-sweeper", lockAtMostFor = "PT30M")
  public void sweep() {
    for (String reference : purge.closedAndNotPurged()) {
      try {
        purge.purge(reference, "inspection closed");
      } catch (RuntimeException e) {
        log.error("Purge of inspection {} failed; it will be tried again: {}", reference, e.toString());
      }
    }
  }
}
