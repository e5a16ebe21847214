package uk.jtai.response.reminders;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.jtai.response.notify.OutboxPoller;

/**
 * Turns every due reminder into an e-mail, batch after batch, every {@code jtai.reminders.poll-interval}, on every node (off in
 * process tests, which call {@link ReminderSender#sendDue()} themselves with the engine clock moved).
 */
@Component
@ConditionalOnProperty(name = "jtai.reminders.poller.enabled", havingValue = "true", matchIfMissing = true)
public class ReminderPoller {

  private final ReminderSender sender;
  private final ObjectProvider<OutboxPoller> outbox;

  public ReminderPoller(ReminderSender sender, ObjectProvider<OutboxPoller> outbox) {
    this.sender = sender;
    this.outbox = outbox;
  }

  @Scheduled(fixedDelayString = "${jtai.reminders.poll-interval}", initialDelayString = "${jtai.reminders.poll-interval}")
  public void poll() {
    // Batch after batch until nothing is due: one batch per interval caps a node at batch-size reminders
    // per poll-interval (50 per 10 s), so a deadline shared by many tasks, or many inspections, sent its
    // reminders minutes late, and later the more there were.
    int written = 0;
    for (int batch = sender.sendDue(); batch > 0; batch = sender.sendDue()) {
      written += batch;
      // The e-mails just written start to leave while the next batch is written.
      outbox.ifAvailable(OutboxPoller::wake);
    }
    if (written > 0) {
      // The e-mails just written go out now, not at the outbox's next poll (up to its interval later): every
      // reminder waited for two polls in turn. A node's outbox polls run one at a time; each message is sent once.
      outbox.ifAvailable(OutboxPoller::poll);
    }
  }
}
