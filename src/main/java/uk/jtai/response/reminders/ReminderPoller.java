package uk.jtai.response.reminders;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Turns due reminders into e-mails every {@code jtai.reminders.poll-interval}, on every node (off in
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
    sender.sendDue();
  }
}
