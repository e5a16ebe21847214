package uk.jtai.response.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.OutboxRepository;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.ActingContacts;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.tasks.OpenTaskOwners;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.ProcessTestSupport;

/** The 08:00 digest to the Business Unit, the DCS and the LAIM, once per working day of a running inspection. */
class DailyDigestTest extends ProcessTestSupport {

  static final String NOTIFIED = "2027-05-24T09:10:00+01:00"; // Monday

  @Autowired DailyDigest digest;
  @Autowired DataSource dataSource;
  @Autowired WorkingCalendar calendar;
  @Autowired Partnership partnership;
  @Autowired Outbox outbox;
  @Autowired OutboxRepository outboxRows;
  @Autowired TaskLinks links;
  @Autowired DigestProperties digestProperties;
  @Autowired PlatformTransactionManager transactions;
  @Autowired ActingContacts acting;
  @Autowired OpenTaskOwners taskOwners;

  private List<Map<String, Object>> digests(String reference) {
    return outbox(reference, "daily-digest");
  }

  @Test
  void at0800OnEachWorkingDayTheBusinessUnitTheDcsAndTheLaimGetOneDigest() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    digest.sendDue();
    assertThat(digests(reference)).as("day 1: notified after 08:00, so not running at 08:00").isEmpty();

    moveClockTo("2027-05-25T07:59:00+01:00");
    digest.sendDue();
    assertThat(digests(reference)).isEmpty();

    moveClockTo("2027-05-25T08:00:00+01:00");
    digest.sendDue();
    digest.sendDue();
    List<Map<String, Object>> sent = digests(reference);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).get("recipients")).isEqualTo("cyscp@york.gov.uk,dcs@york.example,inspection.manager@york.example");
    assertThat((String) sent.get(0).get("subject")).isEqualTo("JTAI " + reference + ": daily digest for Tuesday 25 May 2027");
    String body = (String) sent.get(0).get("body");
    assertThat(body)
        .contains("Police: 3 open, 1 overdue") // lead contact, fieldwork meetings, the senior's approval of the evidence
        .contains("overdue: Confirm your lead contact is available and briefed (Police) (due 17:00 on Monday 24 May)")
        .contains("Director of Children's Services: 1 open, 1 overdue")
        .contains("Local Authority: 4 open, 1 overdue") // lead contact, Annex A, fieldwork meetings, evidence approval
        .contains("17:00 Annex A child-level lists submitted")
        .contains("17:00 Set-up discussion with the lead inspector held and recorded")
        .contains("https://jtai.test/camunda/app/tasklist/default/")
        .contains("https://jtai.test/inspections/" + reference + "/board")
        .contains("https://jtai.test/inspections/" + reference + "/timeline.svg")
        .doesNotContain("Business Unit: ");

    moveClockTo("2027-05-29T08:30:00+01:00"); // Saturday
    digest.sendDue();
    moveClockTo("2027-05-31T08:30:00+01:00"); // Spring bank holiday
    digest.sendDue();
    assertThat(digests(reference)).hasSize(1);
    moveClockTo("2027-06-01T11:00:00+01:00"); // a node that was down at 08:00 sends it when it runs that day
    digest.sendDue();
    assertThat(digests(reference)).hasSize(2);
  }

  @Test
  void theDigestNamesTasksAndCountsNeverAChild() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    submitAnnexA(reference);
    moveClockTo("2027-05-26T10:00:00+01:00");
    List<String> children = ChildData.references(77, 20);
    complete(task(reference, "Task_RecordFirstSelection"), Map.of("firstSelectionEntry", String.join("\n", children)));

    moveClockTo("2027-05-27T08:00:00+01:00");
    digest.sendDue();
    String body = (String) digests(reference).get(0).get("body");
    assertThat(body).contains("Say which of the selected children are known to your agency (Police)");
    assertThat(children).noneMatch(body::contains);
  }

  @Test
  void aTaskCompletedWhileTheDigestIsWrittenIsLeftOutAndTheDigestStillGoes() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-24T10:00:00+01:00");
    complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    moveClockTo("2027-05-25T08:00:00+01:00");
    Task policeLead = agencyTask(reference, "Task_ConfirmLeadContact", "police");
    // The police complete their task after the digest has listed the open tasks, before it reads whose each one is
    // (at 150 inspections this failed the whole poll).
    OpenTaskOwners racing = Mockito.spy(taskOwners);
    AtomicBoolean completed = new AtomicBoolean();
    Mockito.doAnswer(call -> {
      if (((Collection<?>) call.getArgument(0)).contains(policeLead.getId()) && completed.compareAndSet(false, true)) {
        complete(policeLead, Map.of("confirmedContact", "lead", "contactName", "police lead", "briefed", true));
      }
      return call.callRealMethod();
    }).when(racing).of(Mockito.<Collection<String>>any());
    DailyDigest whileCompleting = new DailyDigest(runtime, tasks, schedules, calendar, partnership, outbox, outboxRows,
        links, digestProperties, transactions, acting, racing);

    whileCompleting.sendDue();
    assertThat(completed).as("the task was completed during the digest").isTrue();
    assertThat(digests(reference)).hasSize(1);
    String body = (String) digests(reference).get(0).get("body");
    assertThat(body).as("lead contact done; fieldwork meetings and the evidence approval open")
        .contains("Police: 2 open, 0 overdue").contains("Local Authority: 4 open, 1 overdue");
  }

  @Test
  void aDigestWrittenByAnotherNodeAtTheSameMomentIsNotWrittenTwice() throws Exception {
    String reference = newReference();
    String key = "digest:" + reference + ":2027-05-25";
    startInspection(reference, "domestic-abuse", NOTIFIED);
    moveClockTo("2027-05-25T08:00:00+01:00");
    Logger digestLog = (Logger) LoggerFactory.getLogger(DailyDigest.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    Level level = digestLog.getLevel();
    logged.start();
    digestLog.addAppender(logged);
    digestLog.setLevel(Level.DEBUG);
    // Another node has inserted the same digest and not committed yet: this node's insert meets its key.
    try (Connection other = dataSource.getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement insert = other.prepareStatement("insert into jtai_outbox (dedup_key, reference, template, "
          + "recipients, subject, body, status, created_at, next_attempt_at, attempts) values (?, ?, 'daily-digest', "
          + "'cyscp@york.gov.uk', 'digest', 'digest', 'PENDING', ?, ?, 0)")) {
        OffsetDateTime now = EngineTime.now().atOffset(ZoneOffset.UTC);
        insert.setString(1, key);
        insert.setString(2, reference);
        insert.setObject(3, now);
        insert.setObject(4, now);
        insert.executeUpdate();
      }
      CompletableFuture<Integer> thisNode = CompletableFuture.supplyAsync(() -> {
        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(instant("2027-05-25T08:00:00+01:00")));
        return digest.sendDue();
      });
      // The other node commits only once this node's insert is seen waiting on its uncommitted row: contended.
      try (Connection observer = dataSource.getConnection()) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() -> {
          assertThat(thisNode).as("this node waits for the other's row, it does not finish first").isNotDone();
          return insertWaiting(observer);
        });
      }
      other.commit();
      thisNode.get(20, TimeUnit.SECONDS);
    } finally {
      digestLog.detachAppender(logged);
      digestLog.setLevel(level);
    }
    assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
        .as("this node's insert refused by the unique key, not skipped before it").contains("Digest " + key + " written by another node");
    assertThat(digests(reference)).hasSize(1);
    assertThat(digests(reference).get(0).get("subject")).isEqualTo("digest");
  }

  /**
   * Whether another session has been inside an insert into the outbox for 100 ms (H2's view of its sessions):
   * an insert takes microseconds, so this one waits on the other node's uncommitted row with the same key.
   */
  private static boolean insertWaiting(Connection observer) throws Exception {
    try (PreparedStatement sql = observer.prepareStatement("select count(*) from information_schema.sessions "
        + "where session_id <> session_id() and lower(executing_statement) like ? "
        + "and executing_statement_start < dateadd(millisecond, -100, current_timestamp)")) {
      sql.setString(1, "insert into jtai_outbox%");
      try (ResultSet row = sql.executeQuery()) {
        row.next();
        return row.getInt(1) > 0;
      }
    }
  }
}
