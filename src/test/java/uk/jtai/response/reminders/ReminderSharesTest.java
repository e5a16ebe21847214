package uk.jtai.response.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.notify.GroupRecipients;
import uk.jtai.response.notify.MissedDeadlines;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;
import uk.jtai.response.store.ClaimableQueue;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.tasks.OpenTaskOwners;

/**
 * A claimed batch of reminders is written a share at a time, each share in one transaction: what it writes is what
 * one reminder at a time wrote, and a share that another node has partly taken over is written one by one instead.
 */
class ReminderSharesTest extends ProcessTestSupport {

  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbcClient;
  @Autowired ReminderScheduler scheduler;
  @Autowired ReminderProperties properties;
  @Autowired Outbox outbox;
  @Autowired GroupRecipients groups;
  @Autowired Partnership partnership;
  @Autowired Schedule schedule;
  @Autowired WorkingCalendar workingCalendar;
  @Autowired TaskLinks links;
  @Autowired MissedDeadlines missedDeadlines;
  @Autowired PlatformTransactionManager transactions;
  @Autowired OpenTaskOwners owners;

  private ReminderSender senderOver(ReminderRepository reminders) {
    return new ReminderSender(reminders, scheduler, properties, tasks, outbox, groups, partnership, schedule,
        workingCalendar, links, missedDeadlines, transactions, owners);
  }

  /** Two inspections notified at 09:10 on day 1; the clock then past day 2's deadlines, reminders and escalations due. */
  private List<String> twoInspectionsPastDay2() {
    List<String> references = List.of(newReference(), newReference());
    for (String reference : references) {
      startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    }
    moveClockTo("2027-05-24T10:00:00+01:00");
    for (String reference : references) {
      complete(task(reference, "Task_NotifyPartners"), Map.of("contactsCurrent", true));
    }
    moveClockTo("2027-05-25T17:00:01+01:00");
    return references;
  }

  private long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }

  private long due(String reference) {
    return count("select count(*) from jtai_reminder where reference = ? and status = 'PENDING' and next_attempt_at <= ?",
        reference, EngineTime.now().atOffset(ZoneOffset.UTC));
  }

  @Test
  void twoInspectionsRemindersAreWrittenTogetherEachOnceWithEachInspectionsMarkerChangedOnce() {
    List<String> references = twoInspectionsPastDay2();
    long dueBefore = references.stream().mapToLong(this::due).sum();
    assertThat(dueBefore).isGreaterThan(20);
    ReminderRepository watched = spy(new ReminderRepository(jdbcClient, jdbc, transactions));
    ReminderSender sender = senderOver(watched);

    while (sender.sendDue() > 0) {
      // batch after batch
    }

    verify(watched, never()).finish(anyLong(), anyString(), anyString(), any(Instant.class), any());
    verify(watched, atLeastOnce()).finishAll(any(), anyString(), anyString(), any(Instant.class), any());
    for (String reference : references) {
      assertThat(due(reference)).isZero();
      long sent = count("select count(*) from jtai_reminder where reference = ? and status = 'SENT'", reference);
      assertThat(sent).isGreaterThan(10);
      assertThat(count("select count(*) from jtai_outbox o join jtai_reminder r on o.dedup_key = concat('reminder:', "
          + "cast(r.id as varchar(20))) where r.reference = ?", reference)).as("one e-mail per reminder sent").isEqualTo(sent);
      assertThat(count("select count(*) from jtai_outbox where reference = ? and template = 'task-overdue' "
          + "and dedup_key like 'reminder:%'", reference)).as("escalations among them").isPositive();
      ProcessInstance inspection = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
          .processDefinitionKey(Standing.INSPECTION_PROCESS_KEY).singleResult();
      String marker = (String) runtime.getVariable(inspection.getId(), MissedDeadlines.VARIABLE);
      assertThat(marker).as("the inspection's missed deadlines").isNotBlank();
      assertThat(Arrays.asList(marker.split("\n"))).doesNotHaveDuplicates().allMatch(line -> !line.isBlank());
    }
  }

  @Test
  void aShareWithAReminderAnotherNodeHasTakenOverIsWrittenOneByOneAndLeavesThatReminderToIt() {
    List<String> references = twoInspectionsPastDay2();
    long[] taken = {0};
    ReminderRepository watched = spy(new ReminderRepository(jdbcClient, jdbc, transactions));
    // Between this node's claim and its writing, another node takes the first reminder over (its claim ran out).
    doAnswer(call -> {
      @SuppressWarnings("unchecked")
      ClaimableQueue.Claim<ReminderRepository.Reminder> claim = (ClaimableQueue.Claim<ReminderRepository.Reminder>) call.callRealMethod();
      if (taken[0] == 0 && !claim.rows().isEmpty()) {
        taken[0] = claim.rows().get(0).id();
        jdbc.update("update jtai_reminder set claimed_by = 'another-node' where id = ?", taken[0]);
      }
      return claim;
    }).when(watched).claimDue(anyString(), any(Instant.class), any(), org.mockito.ArgumentMatchers.anyInt());
    ReminderSender sender = senderOver(watched);

    while (sender.sendDue() > 0) {
      // batch after batch
    }

    assertThat(taken[0]).isPositive();
    verify(watched, atLeastOnce()).finish(anyLong(), anyString(), anyString(), any(Instant.class), any());
    Map<String, Object> row = jdbc.queryForMap("select status, claimed_by from jtai_reminder where id = ?", taken[0]);
    assertThat(row).containsEntry("STATUS", "PENDING").containsEntry("CLAIMED_BY", "another-node");
    assertThat(count("select count(*) from jtai_outbox where dedup_key = ?", ReminderSender.outboxKey(taken[0]))).isZero();
    for (String reference : references) {
      long sent = count("select count(*) from jtai_reminder where reference = ? and status = 'SENT'", reference);
      assertThat(sent).isGreaterThan(10);
      assertThat(count("select count(*) from jtai_outbox o join jtai_reminder r on o.dedup_key = concat('reminder:', "
          + "cast(r.id as varchar(20))) where r.reference = ?", reference)).isEqualTo(sent);
    }
  }
}
