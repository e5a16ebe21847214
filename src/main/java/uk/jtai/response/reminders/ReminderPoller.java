package uk.jtai.response.reminders;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Turns every due reminder into an e-mail, batch after batch, every {@code jtai.reminders.poll-interval}, on every node (off in
 * process tests, which call {@link ReminderSender#sendDue()} themselves with the engine clock moved).
 */
@Component
@ConditionalOnProperty(name = "jtai.reminders.poller.enabled", havingValue = "true", matchIfMissing = true)
public class ReminderPoller {

  private final ReminderSender sender;

  public ReminderPoller(ReminderSender sender) {
    this.sender = sender;
  }

  @Scheduled(fixedDelayString = "${jtai.reminders.poll-interval}", initialDelayString = "${jtai.reminders.poll-interval}")
  public void poll() {
    // Batch after batch until nothing is due: one batch per interval caps a node at batch-size reminders
    // per poll-interval (50 per 10 s), so a deadline shared by many tasks, or many inspections, sent its
    // reminders minutes late, and later the more there were.
    while (sender.sendDue() > 0) {
      // the next batch
    }
  }
}
