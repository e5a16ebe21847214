package uk.jtai.response.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.notify.OutboxSender;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestSmtp;

/** Reminders and escalations through a real SMTP server (GreenMail) that goes away and comes back. */
class ReminderDeliveryTest extends ProcessTestSupport {

  @RegisterExtension
  static GreenMailExtension smtp = new GreenMailExtension(TestSmtp.setup());

  @Autowired ReminderSender reminders;
  @Autowired OutboxSender outboxSender;

  private void remindersDue() {
    while (reminders.sendDue() > 0) {
      // batch after batch
    }
  }

  private void drainOutbox() {
    while (outboxSender.sendDue() > 0) {
      // batch after batch
    }
  }

  /** Outbox id to number of recipients, for the inspection's e-mails. */
  private Map<Long, Integer> outboxRecipients(String reference) {
    Map<Long, Integer> expected = new TreeMap<>();
    for (Map<String, Object> row : outbox(reference)) {
      expected.put(((Number) row.get("id")).longValue(), ((String) row.get("recipients")).split(",").length);
    }
    return expected;
  }

  /** Outbox id to copies received (one per recipient), for those ids; {@code seen} collects the ids. */
  private Map<Long, Integer> received(Map<Long, Integer> ids, List<Long> arrivalOrder) throws Exception {
    Map<Long, Integer> copies = new TreeMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      long id = Long.parseLong(message.getHeader("X-JTAI-Outbox-Id")[0]);
      if (ids.containsKey(id)) {
        copies.merge(id, 1, Integer::sum);
        if (!arrivalOrder.contains(id)) {
          arrivalOrder.add(id);
        }
      }
    }
    return copies;
  }

  @Test
  void whileTheMailServerIsDownDeadlinesPassAndWhenItIsBackEveryEmailArrivesExactlyOnce() throws Exception {
    String reference = inspectionWithPartnersNotified();
    drainOutbox(); // the agencies' notifications, before the outage

    smtp.stop();
    for (String time : List.of("2027-05-24T15:00:00+01:00", "2027-05-24T17:00:01+01:00", "2027-05-25T15:00:00+01:00",
        "2027-05-25T17:00:01+01:00")) {
      moveClockTo(time);
      remindersDue();
      fireDueTimers(reference);
      drainOutbox();
    }
    List<Map<String, Object>> waiting = outbox(reference).stream().filter(row -> "PENDING".equals(row.get("status"))).toList();
    assertThat(waiting).as("reminders and escalations of day 1 and day 2, all waiting").hasSizeGreaterThan(15)
        .extracting(row -> row.get("template")).contains("task-reminder", "task-overdue");

    smtp.start();
    ClockUtil.setCurrentTime(java.util.Date.from(EngineTime.now().plus(Duration.ofHours(1)))); // past the back-off
    drainOutbox();
    drainOutbox();

    // GreenMail forgets what it received before it stopped: count what waited for it.
    List<Long> afterOutage = waiting.stream().map(row -> ((Number) row.get("id")).longValue()).toList();
    Map<Long, Integer> expected = new TreeMap<>(outboxRecipients(reference));
    expected.keySet().retainAll(afterOutage);
    List<Long> order = new ArrayList<>();
    Map<Long, Integer> copies = received(expected, order);
    assertThat(copies).as("each e-mail once to each recipient: none lost, none repeated")
        .isEqualTo(expected);
    assertThat(order).as("every one that waited").containsExactlyInAnyOrderElementsOf(afterOutage);
    assertThat(outbox(reference)).extracting(row -> row.get("status")).containsOnly("SENT");
  }

  @Test
  void twoNodesTurningTheSameDueRemindersIntoEmailsWriteEachOnce() throws Exception {
    String reference = inspectionWithPartnersNotified();
    moveClockTo("2027-05-25T17:00:01+01:00");
    long due = jdbc.queryForObject("select count(*) from jtai_reminder where reference = ? and status = 'PENDING' "
        + "and next_attempt_at <= ?", Long.class, reference, EngineTime.now().atOffset(java.time.ZoneOffset.UTC));

    ExecutorService pool = Executors.newFixedThreadPool(2);
    Callable<Integer> node = () -> {
      int handled = 0;
      for (int n; (n = reminders.sendDue()) > 0; ) {
        handled += n;
      }
      return handled;
    };
    List<Future<Integer>> results = pool.invokeAll(List.of(node, node));
    pool.shutdown();
    assertThat(due).isGreaterThan(10);
    long written = jdbc.queryForObject("select count(*) from jtai_outbox o join jtai_reminder r "
        + "on o.dedup_key = concat('reminder:', cast(r.id as varchar(20))) where r.reference = ?", Long.class, reference);
    long sent = jdbc.queryForObject("select count(*) from jtai_reminder where reference = ? and status = 'SENT'", Long.class, reference);
    assertThat(written).as("one e-mail per sent reminder").isEqualTo(sent);
    assertThat(jdbc.queryForObject("select count(*) from jtai_reminder where reference = ? and status = 'PENDING' "
        + "and next_attempt_at <= ?", Long.class, reference, EngineTime.now().atOffset(java.time.ZoneOffset.UTC))).isZero();
    assertThat(results.get(0).get() + results.get(1).get()).as("every due reminder claimed once in all")
        .isGreaterThanOrEqualTo((int) due);
  }
}
