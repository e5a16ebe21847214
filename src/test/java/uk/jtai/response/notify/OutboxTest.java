package uk.jtai.response.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.partnership.Contact;
import uk.jtai.response.support.ProcessTestSupport;

/** The one e-mail outbox against a real SMTP server (GreenMail). */
class OutboxTest extends ProcessTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(uk.jtai.response.support.TestSmtp.setup());

  @Autowired Outbox outbox;
  @Autowired OutboxSender sender;
  @Autowired OutboxRepository repository;
  @Autowired JavaMailSender mailSender;
  @Autowired MailProperties properties;

  @BeforeEach
  void emptyOutbox() {
    jdbc.update("delete from jtai_outbox");
  }

  private Mail mail(String reference, String to) {
    return Mail.about(reference, "task-overdue")
        .to(new Contact("Recipient", to))
        .task("Submit the Annex A child-level lists", "https://jtai.test/camunda/app/tasklist/default/#/?task=1")
        .due(Instant.parse("2027-05-25T16:00:00Z"), java.time.ZoneId.of("Europe/London"), "Annex A child-level lists submitted")
        .partnership("City of York Safeguarding Children Partnership", "CYSCP Business Unit", "cyscp@york.gov.uk");
  }

  private void inTransaction(Runnable work) {
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> {
          work.run();
          return null;
        });
  }

  @Test
  void aMessageIsRenderedInBritishEnglishWithTheDeadlineInLocalTimeAndALink() throws Exception {
    inTransaction(() -> outbox.enqueue(mail("JTAI-2027-05-MAIL", "bu@test.example")));
    assertThat(sender.sendDue()).isEqualTo(1);
    MimeMessage received = smtp.getReceivedMessages()[0];
    assertThat(received.getSubject()).isEqualTo("JTAI JTAI-2027-05-MAIL: deadline missed - Submit the Annex A child-level lists");
    String body = (String) received.getContent();
    assertThat(body).contains("17:00 on Tuesday 25 May").contains("https://jtai.test/camunda/app/tasklist/default/#/?task=1")
        .contains("CYSCP Business Unit");
    assertThat(received.getHeader("X-JTAI-Outbox-Id")).hasSize(1);
  }

  @Test
  void aStepThatRollsBackLeavesNoEmail() {
    assertThatThrownBy(() -> inTransaction(() -> {
      outbox.enqueue(mail("JTAI-2027-05-ROLLBACK", "bu@test.example"));
      throw new IllegalStateException("the step fails after writing its e-mail");
    })).hasMessageContaining("the step fails");
    assertThat(jdbc.queryForObject("select count(*) from jtai_outbox", Integer.class)).isZero();
    assertThat(sender.sendDue()).isZero();
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void eachMessageIsSentOnceHoweverOftenTheSenderRuns() {
    inTransaction(() -> {
      for (int i = 0; i < 3; i++) {
        outbox.enqueue(mail("JTAI-2027-05-ONCE", "r" + i + "@test.example"));
      }
    });
    assertThat(sender.sendDue()).isEqualTo(3);
    assertThat(sender.sendDue()).isZero();
    assertThat(smtp.getReceivedMessages()).hasSize(3);
  }

  @Test
  void aWokenPollerSendsWhatIsWaitingOnAThreadOfItsOwnAndAWakeDuringAPollIsNotLost() throws Exception {
    OutboxPoller poller = new OutboxPoller(sender);
    try {
      inTransaction(() -> outbox.enqueue(mail("JTAI-2027-05-WOKEN", "w0@test.example")));
      poller.wake();
      awaitReceived(1);
      inTransaction(() -> {
        for (int i = 1; i < 4; i++) {
          outbox.enqueue(mail("JTAI-2027-05-WOKEN", "w" + i + "@test.example"));
        }
      });
      poller.wake();
      poller.wake();
      awaitReceived(4);
      assertThat(jdbc.queryForObject("select count(*) from jtai_outbox where status = 'SENT'", Integer.class)).isEqualTo(4);
    } finally {
      poller.stop();
    }
  }

  /** Waits (up to a minute) until GreenMail holds {@code count} messages; fails if more arrive or too few. */
  private void awaitReceived(int count) throws InterruptedException {
    for (int i = 0; i < 600 && smtp.getReceivedMessages().length < count; i++) {
      Thread.sleep(100);
    }
    assertThat(smtp.getReceivedMessages()).hasSize(count);
  }

  @Test
  void theBatchesOfADrainShareTheirConnectionsWhichEndWithIt() {
    inTransaction(() -> {
      for (int i = 0; i < 12; i++) {
        outbox.enqueue(mail("JTAI-2027-05-CONVERSATIONS", "c" + i + "@test.example"));
      }
    });
    MailProperties twoSharesOfThree = new MailProperties(properties.from(), properties.pollInterval(), 6,
        properties.claimTimeout(), properties.firstRetry(), properties.maxRetryInterval(), properties.maxAttempts(), 2);
    OutboxSender twoAtATime = new OutboxSender(repository, mailSender, twoSharesOfThree);
    try {
      assertThat(twoAtATime.sendDue()).isEqualTo(6);
      assertThat(twoAtATime.openConversations()).as("kept for the next batch").isBetween(1, 2);
      assertThat(twoAtATime.sendDue()).isEqualTo(6);
      assertThat(twoAtATime.openConversations()).as("the same, not more").isBetween(1, 2);
      assertThat(twoAtATime.sendDue()).isZero();
      twoAtATime.endConversations();
      assertThat(twoAtATime.openConversations()).isZero();
      assertThat(smtp.getReceivedMessages()).hasSize(12);
    } finally {
      twoAtATime.stop();
    }
  }

  @Test
  void theSameEventEnqueuedTwiceIsOneEmail() {
    inTransaction(() -> outbox.enqueue(mail("JTAI-2027-05-DEDUP", "a@test.example").once("overdue:42")));
    inTransaction(() -> outbox.enqueue(mail("JTAI-2027-05-DEDUP", "a@test.example").once("overdue:42")));
    assertThat(sender.sendDue()).isEqualTo(1);
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void twoNodesDrainingTheSameOutboxSendEachMessageOnce() throws Exception {
    int count = 60;
    inTransaction(() -> {
      for (int i = 0; i < count; i++) {
        outbox.enqueue(mail("JTAI-2027-05-NODES", "n" + i + "@test.example"));
      }
    });
    MailProperties batchOfAll = new MailProperties(properties.from(), properties.pollInterval(), count,
        properties.claimTimeout(), properties.firstRetry(), properties.maxRetryInterval(), properties.maxAttempts());
    OutboxSender nodeA = new OutboxSender(repository, mailSender, batchOfAll);
    OutboxSender nodeB = new OutboxSender(repository, mailSender, batchOfAll);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<Integer>> results = pool.invokeAll(List.<Callable<Integer>>of(nodeA::sendDue, nodeB::sendDue));
    pool.shutdown();
    int sent = 0;
    for (Future<Integer> result : results) {
      sent += result.get();
    }
    assertThat(sent).isEqualTo(count);
    assertThat(smtp.getReceivedMessages()).hasSize(count);
    List<String> recipients = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      recipients.add(message.getAllRecipients()[0].toString());
    }
    assertThat(recipients).doesNotHaveDuplicates();
    assertThat(jdbc.queryForObject("select count(*) from jtai_outbox where status = 'SENT'", Integer.class)).isEqualTo(count);
  }

  @Test
  void twoNodesEachSendingFourAtATimeSendEachMessageOnce() throws Exception {
    int count = 60;
    inTransaction(() -> {
      for (int i = 0; i < count; i++) {
        outbox.enqueue(mail("JTAI-2027-05-PARALLEL", "q" + i + "@test.example"));
      }
    });
    MailProperties fourAtATime = new MailProperties(properties.from(), properties.pollInterval(), 25,
        properties.claimTimeout(), properties.firstRetry(), properties.maxRetryInterval(), properties.maxAttempts(), 4);
    OutboxSender nodeA = new OutboxSender(repository, mailSender, fourAtATime);
    OutboxSender nodeB = new OutboxSender(repository, mailSender, fourAtATime);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Callable<Integer> drainA = () -> drain(nodeA);
    Callable<Integer> drainB = () -> drain(nodeB);
    List<Future<Integer>> results = pool.invokeAll(List.of(drainA, drainB));
    pool.shutdown();
    int sent = 0;
    for (Future<Integer> result : results) {
      sent += result.get();
    }
    nodeA.stop();
    nodeB.stop();
    assertThat(sent).isEqualTo(count);
    List<String> recipients = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      recipients.add(message.getAllRecipients()[0].toString());
    }
    assertThat(recipients).hasSize(count).doesNotHaveDuplicates();
    assertThat(jdbc.queryForObject("select count(*) from jtai_outbox where status = 'SENT'", Integer.class)).isEqualTo(count);
  }

  /** As the poller drains: batch after batch until one delivers nothing. */
  /**
   * Polls as the node's poller does, poll after poll, until nothing is left pending: a poll that delivers nothing
   * (its batch was all taken over by the other node) ends the poller's loop until its next interval, not for good.
   */
  private int drain(OutboxSender sender) throws InterruptedException {
    int sent = 0;
    while (true) {
      int batch = sender.sendDue();
      sent += batch;
      if (batch == 0) {
        if (jdbc.queryForObject("select count(*) from jtai_outbox where status = 'PENDING'", Integer.class) == 0) {
          return sent;
        }
        Thread.sleep(5);
      }
    }
  }

  @Test
  void aNodeHandingAMessageToTheMailServerPastItsClaimKeepsItAndTheOtherNodeSendsTheRest() throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-05-24T09:00:00Z")));
    int count = 5;
    inTransaction(() -> {
      for (int i = 0; i < count; i++) {
        outbox.enqueue(mail("JTAI-2027-05-PAUSE", "p" + i + "@test.example"));
      }
    });
    MailProperties batchOfAll = new MailProperties(properties.from(), properties.pollInterval(), count,
        properties.claimTimeout(), properties.firstRetry(), properties.maxRetryInterval(), properties.maxAttempts());
    OutboxSender other = new OutboxSender(repository, mailSender, batchOfAll);
    int[] sentByOther = {0};
    // The first node's mail server answers so slowly that its claim on the whole batch runs out; meanwhile
    // the other node drains the outbox.
    JavaMailSender slow = org.mockito.Mockito.mock(JavaMailSender.class, org.mockito.AdditionalAnswers.delegatesTo(mailSender));
    org.mockito.Mockito.doAnswer(call -> {
      if (sentByOther[0] == 0) {
        ClockUtil.setCurrentTime(Date.from(EngineTime.now().plus(properties.claimTimeout()).plusSeconds(1)));
        sentByOther[0] = other.sendDue();
      }
      mailSender.send((MimeMessage) call.getArgument(0));
      return null;
    }).when(slow).send(org.mockito.ArgumentMatchers.any(MimeMessage.class));
    OutboxSender paused = new OutboxSender(repository, slow, batchOfAll);

    int sentByPaused = paused.sendDue();

    assertThat(sentByPaused).as("the message it was handing over").isEqualTo(1);
    assertThat(sentByOther[0]).as("the rest, not the one being handed over").isEqualTo(count - 1);
    List<String> recipients = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      recipients.add(message.getAllRecipients()[0].toString());
    }
    assertThat(recipients).hasSize(count).doesNotHaveDuplicates();
    assertThat(jdbc.queryForObject("select count(*) from jtai_outbox where status = 'SENT'", Integer.class)).isEqualTo(count);
  }

  @Test
  void whileSmtpIsDownMailWaitsAndThenArrivesOnceOldestFirst() throws Exception {
    // Oldest first holds for a node sending one message at a time; with parallel-sends the messages of one batch
    // are handed over side by side, in no promised order (docs/email-and-reminders.md).
    OutboxSender sender = new OutboxSender(repository, mailSender, new MailProperties(properties.from(),
        properties.pollInterval(), properties.batchSize(), properties.claimTimeout(), properties.firstRetry(),
        properties.maxRetryInterval(), properties.maxAttempts(), 1));
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-05-24T09:00:00Z")));
    smtp.stop();
    inTransaction(() -> {
      outbox.enqueue(mail("JTAI-2027-05-OUTAGE", "first@test.example"));
      outbox.enqueue(mail("JTAI-2027-05-OUTAGE", "second@test.example"));
    });
    assertThat(sender.sendDue()).isZero();
    assertThat(jdbc.queryForList("select status, attempts, last_error from jtai_outbox order by id"))
        .allSatisfy(row -> {
          assertThat(row.get("status")).isEqualTo("PENDING");
          assertThat(row.get("attempts")).isEqualTo(1);
          assertThat((String) row.get("last_error")).isNotBlank();
        });

    smtp.start();
    assertThat(sender.sendDue()).as("not before the back-off has passed").isZero();
    ClockUtil.setCurrentTime(Date.from(EngineTime.now().plus(Duration.ofMinutes(2))));
    assertThat(sender.sendDue()).isEqualTo(2);
    assertThat(sender.sendDue()).isZero();
    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("first@test.example");
    assertThat(received[1].getAllRecipients()[0].toString()).isEqualTo("second@test.example");
  }

  @Test
  void aMessageThatKeepsFailingStaysInTheOutboxAsFailedWithItsError() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-05-24T09:00:00Z")));
    smtp.stop();
    inTransaction(() -> outbox.enqueue(mail("JTAI-2027-05-FAILING", "x@test.example")));
    MailProperties twoAttempts = new MailProperties(properties.from(), properties.pollInterval(), 10,
        properties.claimTimeout(), Duration.ofSeconds(1), Duration.ofSeconds(1), 2);
    OutboxSender impatient = new OutboxSender(repository, mailSender, twoAttempts);
    impatient.sendDue();
    ClockUtil.setCurrentTime(Date.from(EngineTime.now().plusSeconds(5)));
    impatient.sendDue();
    var row = jdbc.queryForMap("select status, attempts, last_error from jtai_outbox");
    assertThat(row.get("status")).isEqualTo("FAILED");
    assertThat(row.get("attempts")).isEqualTo(2);
    assertThat((String) row.get("last_error")).contains("MailSendException");
    smtp.start();
  }

  @Test
  void backOffDoublesUpToItsCap() {
    MailProperties backOff = new MailProperties("x@test.example", Duration.ofSeconds(5), 10, Duration.ofMinutes(2),
        Duration.ofSeconds(30), Duration.ofMinutes(30), 60);
    assertThat(backOff.retryAfter(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backOff.retryAfter(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(backOff.retryAfter(3)).isEqualTo(Duration.ofMinutes(2));
    assertThat(backOff.retryAfter(20)).isEqualTo(Duration.ofMinutes(30));
  }
}
