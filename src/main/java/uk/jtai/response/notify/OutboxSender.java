package uk.jtai.response.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.annotation.PreDestroy;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.store.ClaimableQueue;
import uk.jtai.response.store.SideBySide;

/**
 * Delivers due outbox messages, oldest first. Each message is claimed by one node before it is sent and
 * marked sent straight after; a failed attempt is retried with back-off, and after the configured number
 * of attempts the message stays in the outbox as FAILED with its error (see docs/email-and-reminders.md).
 */
@Component
public class OutboxSender {

  private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

  private final OutboxRepository repository;
  private final JavaMailSender mailSender;
  private final MailProperties properties;
  private final String node = ClaimableQueue.nodeName();
  /** Hands the messages of a batch to the mail server {@code parallel-sends} conversations at a time. */
  private final SideBySide senders;

  /**
   * Jakarta Mail finds its stream provider again for every header encoded and every part written, through a
   * ServiceLoader that scans the class path's jars each time (jakartaee/mail-api#861): 5% of a national-scale
   * run's CPU. Named as a system property, it is one class look-up instead.
   */
  static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  public OutboxSender(OutboxRepository repository, JavaMailSender mailSender, MailProperties properties) {
    System.getProperties().putIfAbsent(STREAM_PROVIDER, org.eclipse.angus.mail.util.MailStreamProvider.class.getName());
    this.repository = repository;
    this.mailSender = mailSender;
    this.properties = properties;
    this.senders = new SideBySide("outbox-sender", properties.parallelSends());
  }

  @PreDestroy
  void stop() {
    senders.close();
  }

  /**
   * Sends what is due now; returns how many messages were delivered. The batch is claimed at once and dealt into
   * {@code parallel-sends} shares, each handed over on one conversation with the mail server
   * ({@link MailServerConversation}). Each message is sent holding its row's lock until it is marked sent (or its
   * failure recorded), in a transaction of its own, so that no other node takes it over while it is being handed to
   * the mail server, however long that takes. A message whose claim ran out and was taken by another node before
   * this one got to it is left to that node.
   */
  public int sendDue() {
    List<OutboxRepository.OutboxMessage> batch = repository.claimDue(node, EngineTime.now(), properties.claimTimeout(),
        properties.batchSize());
    return senders.sum(senders.shares(batch), this::sendShare);
  }

  /**
   * The messages of one share, one after another on one conversation; how many were delivered. A database failure
   * under one message (its row lock and status untouched) does not stop the others; the poll then fails as it did
   * when messages were sent one by one, and the message is claimed again later.
   */
  private int sendShare(List<OutboxRepository.OutboxMessage> share) {
    int delivered = 0;
    RuntimeException failure = null;
    try (MailServerConversation conversation = new MailServerConversation(mailSender)) {
      for (OutboxRepository.OutboxMessage message : share) {
        try {
          delivered += sendHolding(message, conversation) ? 1 : 0;
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          }
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return delivered;
  }

  /** Sends one message holding its row's lock; whether it was delivered. */
  private boolean sendHolding(OutboxRepository.OutboxMessage message, MailServerConversation conversation) {
    boolean[] delivered = {false};
    repository.whileHolding(message.id(), node, () -> delivered[0] = send(message, conversation));
    return delivered[0];
  }

  private boolean send(OutboxRepository.OutboxMessage message, MailServerConversation conversation) {
    long id = message.id();
    try {
      conversation.send(mime(message));
      repository.markSent(id, node, EngineTime.now());
      log.info("E-mail #{} ({}) sent for {}", id, message.template(), message.reference());
      return true;
    } catch (MailException | MessagingException e) {
      int attempts = message.attempts() + 1;
      boolean giveUp = attempts >= properties.maxAttempts();
      String error = describe(e);
      repository.markAttemptFailed(id, node, error, EngineTime.now().plus(properties.retryAfter(attempts)), giveUp);
      if (giveUp) {
        log.error("E-mail #{} ({}) for {} failed {} times and is left in the outbox as FAILED: {}",
            id, message.template(), message.reference(), attempts, error);
      } else {
        log.warn("E-mail #{} ({}) for {} not sent (attempt {}), will retry: {}",
            id, message.template(), message.reference(), attempts, error);
      }
      return false;
    }
  }

  private MimeMessage mime(OutboxRepository.OutboxMessage message) throws MessagingException {
    MimeMessage mime = mailSender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
    helper.setFrom(properties.from());
    helper.setTo(message.to().toArray(String[]::new));
    helper.setSubject(message.subject());
    helper.setText(message.body(), false);
    mime.setHeader("X-JTAI-Outbox-Id", Long.toString(message.id()));
    return mime;
  }

  /** The error's kind and message, never the e-mail's content. */
  private static String describe(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return ClaimableQueue.clip(e.getClass().getSimpleName() + ": " + root.getClass().getSimpleName()
        + (root.getMessage() != null ? " " + root.getMessage() : ""));
  }
}
