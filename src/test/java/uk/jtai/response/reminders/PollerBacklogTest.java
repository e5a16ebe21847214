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

  private long dueReminders() {
    return jdbc.queryForObject("select count(*) from jtai_reminder where status = 'PENDING' and next_attempt_at <= ?",
        Long.class, EngineTime.now().atOffset(ZoneOffset.UTC));
  }

  private long waitingEmails() {
    return jdbc.queryForObject("select count(*) from jtai_outbox where status = 'PENDING' and next_attempt_at <= ?",
        Long.class, EngineTime.now().atOffset(ZoneOffset.UTC));
  }

  @Test
  void onePollSendsEveryDueReminderAndEveryWaitingEmailHoweverManyBatchesTheyFill() {
    for (int i = 0; i < 12; i++) {
      startInspection(newReference(), "domestic-abuse", "2027-05-24T09:10:00+01:00");
    }
    // Days 1 and 2 pass with nothing done: every reminder and escalation of those days is due at once.
    moveClockTo("2027-05-26T10:00:00+01:00");
    assertThat(dueReminders()).as("more reminders due than two batches").isGreaterThan(2L * reminderProperties.batchSize());

    new ReminderPoller(reminders).poll();

    assertThat(dueReminders()).isZero();
    assertThat(waitingEmails()).as("more e-mails waiting than one batch").isGreaterThan(mailProperties.batchSize());

    new OutboxPoller(outbox).poll();

    assertThat(waitingEmails()).isZero();
  }
}
