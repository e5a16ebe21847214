package uk.jtai.response.digest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks every {@code jtai.digest.poll-interval} whether today's digests are due, on every node: the
 * state is the outbox, not this node's memory, so a restart or a second node neither misses nor repeats
 * one (off in process tests, which call {@link DailyDigest#sendDue()} with the engine clock moved).
 */
@Component
@ConditionalOnProperty(name = "jtai.digest.poller.enabled", havingValue = "true", matchIfMissing = true)
public class DigestPoller {

  private final DailyDigest digest;

  public DigestPoller(DailyDigest digest) {
    this.digest = digest;
  }

  @Scheduled(fixedDelayString = "${jtai.digest.poll-interval}", initialDelayString = "${jtai.digest.poll-interval}")
  public void poll() {
    digest.sendDue();
  }
}
