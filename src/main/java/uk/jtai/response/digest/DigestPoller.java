package uk.jtai.response.digest;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks every {@code jtai.digest.poll-interval} whether today's digests are due, on one node at a time
 * (its lock, store/SchedulerLocks): the state is the outbox, not this node's memory, so a restart or a
 * second node neither misses nor repeats one (off in process tests, which call {@link DailyDigest#sendDue()}
 * with the engine clock moved).
 */
@Component
@ConditionalOnProperty(name = "jtai.digest.poller.enabled", havingValue = "true", matchIfMissing = true)
public class DigestPoller {

  private final DailyDigest digest;

  public DigestPoller(DailyDigest digest) {
    this.digest = digest;
  }

  @Scheduled(fixedDelayString = "${jtai.digest.poll-interval}", initialDelayString = "${jtai.digest.poll-interval}")
  @SchedulerLock(name = "daily-digest", lockAtMostFor = "PT10M")
  public void poll() {
    digest.sendDue();
  }
}
