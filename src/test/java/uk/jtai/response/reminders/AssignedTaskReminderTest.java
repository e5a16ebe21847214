package uk.jtai.response.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.support.ProcessTestSupport;
import uk.jtai.response.support.TestUsers;

/**
 * A task assigned to a person rather than offered to a group (the Audit Chair records the Audit Day,
 * the Audit Author shares the drafts) is reminded to that person, not to the Business Unit's mailbox.
 */
class AssignedTaskReminderTest extends ProcessTestSupport {

  @Autowired ReminderSender reminders;

  @Test
  void theAuditChairIsRemindedToRecordTheAuditDayAndTheAuthorToShareTheDraft() {
    TestUsers.ensure(engine.getIdentityService(), "reminded-chair", "police");
    TestUsers.ensure(engine.getIdentityService(), "reminded-author", "business-unit");
    String reference = newReference();
    reachWeek2(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00", 20, 6);
    runAuditsAndAppointRoles(reference, "reminded-chair", "reminded-author");

    Task auditDay = task(reference, "Task_RecordAuditDay");
    assertThat(auditDay.getAssignee()).isEqualTo("reminded-chair");
    ClockUtil.setCurrentTime(Date.from(auditDay.getDueDate().toInstant().minus(Duration.ofHours(2))));
    while (reminders.sendDue() > 0) {
      // every reminder due
    }
    List<Map<String, Object>> toChair = outbox(reference, "task-reminder").stream()
        .filter(row -> ((String) row.get("subject")).contains("Record the Audit Day")).toList();
    assertThat(toChair).as("the working day before and two hours before").hasSize(2)
        .allSatisfy(row -> assertThat(row.get("recipients")).isEqualTo("reminded-chair@test.example"));

    complete(auditDay, Map.of("auditDayHeld", true,
        "attendedAgencies", org.camunda.spin.plugin.variable.SpinValues.jsonValue("[\"police\"]").create()));
    Task draft = task(reference, "Task_UploadReportDraft");
    ClockUtil.setCurrentTime(Date.from(draft.getDueDate().toInstant().minus(Duration.ofHours(2))));
    while (reminders.sendDue() > 0) {
      // every reminder due
    }
    assertThat(outbox(reference, "task-reminder").stream()
        .filter(row -> ((String) row.get("subject")).contains(uk.jtai.response.tasks.TaskNaming.step(draft.getName()))).toList())
        .isNotEmpty().allSatisfy(row -> assertThat(row.get("recipients")).isEqualTo("reminded-author@test.example"));
  }
}
