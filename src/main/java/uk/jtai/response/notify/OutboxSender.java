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
   * Conversations not in use, kept between batches (at most one per share sent at once): connecting cost more than
   * sending, and a drain of a burst is many batches in a row.
   */
  private final java.util.concurrent.BlockingQueue<MailServerConversation> open =
      new java.util.concurrent.LinkedBlockingQueue<>();

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
    endConversations();
  }

  /**
   * Ends the conversations with the mail server kept open between batches (the outbox poller calls it once the
   * outbox is drained): a burst's batches share their connections, and an idle node holds none.
   */
  public void endConversations() {
    for (MailServerConversation conversation = open.poll(); conversation != null; conversation = open.poll()) {
      conversation.close();
    }
  }

  /** How many conversations are open now, between batches. */
  int openConversations() {
    return open.size();
  }

  /**
   * Sends what is due now; returns how many messages were delivered. The batch is claimed at once and dealt into
   * {@code parallel-sends} shares, each handed over on one conversation with the mail server
   * ({@link MailServerConversation}), kept open for the next batch until {@link #endConversations}. Each message is sent holding its row's lock until it is marked sent (or its
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
    MailServerConversation conversation = open.poll();
    if (conversation == null) {
      conversation = new MailServerConversation(mailSender);
    }
    try {
      for (OutboxRepository.OutboxMessage message : share) {
        try {
          delivered += sendHolding(message, conversation) ? 1 : 0;
        } catch (RuntimeException e) {
          if (failure == null) {
            failure = e;
          }
        }
      }
    } finally {
      open.offer(conversation);
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
