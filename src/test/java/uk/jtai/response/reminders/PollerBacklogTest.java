package uk.jtai.response.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.notify.MailProperties;
import uk.jtai.response.notify.OutboxPoller;
import uk.jtai.response.notify.OutboxSender;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestSmtp;

/**
 * One poll of the reminders and one of the outbox deal with everything due, however many more than a
 * batch: they handled one batch per poll-interval, so reminders due together (a deadline shared by many
 * tasks, or by many inspections: the benchmark's 20 had thousands) went out minutes late.
 */
class PollerBacklogTest extends ProcessTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(TestSmtp.setup());

  @Autowired ReminderSender reminders;
  @Autowired ReminderProperties reminderProperties;
  @Autowired OutboxSender outbox;
  @Autowired MailProperties mailProperties;

  /** This test's inspections: other tests' rows in the same database are theirs (and may be claimed by them). */
  private final java.util.List<String> references = new java.util.ArrayList<>();

  private long dueReminders() {
    return count("jtai_reminder");
  }

  private long waitingEmails() {
    return count("jtai_outbox");
  }

  private long count(String table) {
    String mine = String.join(",", java.util.Collections.nCopies(references.size(), "?"));
    java.util.List<Object> params = new java.util.ArrayList<>(references);
    params.add(EngineTime.now().atOffset(ZoneOffset.UTC));
    return jdbc.queryForObject("select count(*) from " + table + " where reference in (" + mine + ") and status = 'PENDING' "
        + "and next_attempt_at <= ?", Long.class, params.toArray());
  }

  @Test
  void onePollSendsEveryDueReminderAndEveryWaitingEmailHoweverManyBatchesTheyFill() {
    for (int i = 0; i < 12; i++) {
      String reference = newReference();
      references.add(reference);
      startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    }
    // Days 1 and 2 pass with nothing done: every reminder and escalation of those days is due at once.
    moveClockTo("2027-05-26T10:00:00+01:00");
    assertThat(dueReminders()).as("more reminders due than two batches").isGreaterThan(2L * reminderProperties.batchSize());

    new ReminderPoller(reminders, withoutOutbox()).poll();

    assertThat(dueReminders()).isZero();
    assertThat(waitingEmails()).as("more e-mails waiting than one batch").isGreaterThan(mailProperties.batchSize());

    new OutboxPoller(outbox).poll();

    assertThat(waitingEmails()).isZero();
  }

  @Test
  void theRemindersOfAPollLeaveAtOnceNotAtTheOutboxsNextPoll() {
    for (int i = 0; i < 3; i++) {
      String reference = newReference();
      references.add(reference);
      startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    }
    moveClockTo("2027-05-26T10:00:00+01:00");
    assertThat(dueReminders()).isPositive();
    org.springframework.beans.factory.support.StaticListableBeanFactory beans =
        new org.springframework.beans.factory.support.StaticListableBeanFactory();
    beans.addBean("outboxPoller", new OutboxPoller(outbox));

    new ReminderPoller(reminders, beans.getBeanProvider(OutboxPoller.class)).poll();

    assertThat(dueReminders()).isZero();
    assertThat(waitingEmails()).as("sent in the same poll").isZero();
  }

  private static org.springframework.beans.factory.ObjectProvider<OutboxPoller> withoutOutbox() {
    return new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(OutboxPoller.class);
  }
}
