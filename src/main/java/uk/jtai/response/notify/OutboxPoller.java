package uk.jtai.response.notify;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drains the outbox every {@code jtai.mail.poll-interval} (off in process tests, which drain it themselves). */
@Component
@ConditionalOnProperty(name = "jtai.mail.sender.enabled", havingValue = "true", matchIfMissing = true)
public class OutboxPoller {

  private final OutboxSender sender;

  public OutboxPoller(OutboxSender sender) {
    this.sender = sender;
  }

  @Scheduled(fixedDelayString = "${jtai.mail.poll-interval}", initialDelayString = "${jtai.mail.poll-interval}")
  public void poll() {
    sender.sendDue();
  }
}
