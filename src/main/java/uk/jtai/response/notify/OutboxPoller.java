package uk.jtai.response.notify;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Drains the outbox, batch after batch, every {@code jtai.mail.poll-interval} (off in process tests, which drain it themselves). */
@Component
@ConditionalOnProperty(name = "jtai.mail.sender.enabled", havingValue = "true", matchIfMissing = true)
public class OutboxPoller {

  private final OutboxSender sender;

  public OutboxPoller(OutboxSender sender) {
    this.sender = sender;
  }

  @Scheduled(fixedDelayString = "${jtai.mail.poll-interval}", initialDelayString = "${jtai.mail.poll-interval}")
  public void poll() {
    // Batch after batch until a batch delivers nothing: one batch per interval capped sending at batch-size
    // e-mails per poll-interval however many were waiting (a mail server that is down delivers nothing,
    // and each message then waits for its back-off).
    while (sender.sendDue() > 0) {
      // the next batch
    }
  }
}
