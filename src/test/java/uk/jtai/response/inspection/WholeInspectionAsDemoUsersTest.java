package uk.jtai.response.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.script.InspectionScript;
import uk.jtai.response.support.AsDemoUsers;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * One whole inspection, from the notification to closing (days 1 to 10, fieldwork, the report, the
 * action plan, and an issue of concern on the way), the {@link InspectionScript} on time, driven through
 * the engine API as the demo users of each role (never as an administrator): every task is found and
 * completed by the person whose role it is, and after every stage each user sees only the tasks of their
 * own groups.
 */
class WholeInspectionAsDemoUsersTest extends ProcessTestSupport {

  @Autowired Partnership partnership;
  @Autowired ThemeRegistry themes;
  @Autowired ScheduleRepository schedules;
  @Autowired WorkingCalendar calendar;
  private AsDemoUsers demo;

  @BeforeEach
  void demoUsers() {
    demo = new AsDemoUsers(engine, partnership);
  }

  @Test
  void fromNotificationToClosingAsThePeopleWhoseJobItIs() {
    String reference = newReference();
    InspectionScript.Inspection inspection = demo.inspection(reference, themes.theme("domestic-abuse"),
        instant("2027-05-24T09:10:00+01:00"), ChildData.references(500, 20), 6);

    InspectionScript.onTime().run(inspection, demo.performer(schedules, calendar,
        instant -> ClockUtil.setCurrentTime(java.util.Date.from(instant)), this::fireDueTimers));

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).list())
        .extracting(HistoricProcessInstance::getProcessDefinitionKey)
        .contains("jtai-inspection", "notification-cascade", "annex-a", "child-selection", "fieldwork-meetings", "documentary-evidence", "case-audit",
            "audit-day-and-report", "fieldwork", "after-fieldwork");
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(reference).unfinished().count())
        .as("the inspection and every stage it called closed").isZero();
    assertThat(demo.usersWhoWorked()).contains("bu", "laim", "dcs", "police.lead", "police.senior", "la.lead", "health.deputy",
        "probation.lead", "education.senior", "health.lead");
    assertThat(demo.usersWhoWorked()).doesNotContain("admin");
    assertThat(outbox(reference, "task-overdue")).isEmpty();
  }
}
