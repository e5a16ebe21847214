package uk.jtai.response.notify;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import uk.jtai.response.store.ClaimableQueue;

/**
 * Drains the outbox, batch after batch, every {@code jtai.mail.poll-interval} (off in process tests, which drain it
 * themselves), and whenever a writer of many e-mails {@linkplain #wake wakes it}. A node's polls run one at a time.
 */
@Component
@ConditionalOnProperty(name = "jtai.mail.sender.enabled", havingValue = "true", matchIfMissing = true)
public class OutboxPoller {

  private static final Logger log = LoggerFactory.getLogger(OutboxPoller.class);

  private final OutboxSender sender;
  private final ExecutorService woken = Executors.newSingleThreadExecutor(work -> {
    Thread thread = new Thread(work, "outbox-woken");
    thread.setDaemon(true);
    return thread;
  });
  /** A woken poll is waiting to start: waking it again adds nothing. */
  private final AtomicBoolean wakeQueued = new AtomicBoolean();

  public OutboxPoller(OutboxSender sender) {
    this.sender = sender;
  }

  @Scheduled(fixedDelayString = "${jtai.mail.poll-interval}", initialDelayString = "${jtai.mail.poll-interval}")
  public synchronized void poll() {
    // Batch after batch until a batch delivers nothing: one batch per interval capped sending at batch-size
    // e-mails per poll-interval however many were waiting (a mail server that is down delivers nothing,
    // and each message then waits for its back-off).
    try {
      while (sender.sendDue() > 0) {
        // the next batch, on the same connections
      }
    } finally {
      sender.endConversations();
    }
  }

  /**
   * Polls on a thread of its own, now, while the caller goes on writing: the reminder poller wakes it after each
   * batch it writes, so a burst's first e-mails leave while its last are written, not at the outbox's next poll
   * (issue 19: up to its interval, 5 s, added to every reminder's lag). A poll starts after every wake.
   */
  public void wake() {
    if (wakeQueued.compareAndSet(false, true)) {
      woken.execute(() -> {
        wakeQueued.set(false);
        try {
          poll();
        } catch (RuntimeException e) {
          log.warn("Outbox poll failed, the next one will try again: {}", ClaimableQueue.clip(e.toString()));
        }
      });
    }
  }

  @PreDestroy
  void stop() {
    woken.shutdownNow();
  }
}
