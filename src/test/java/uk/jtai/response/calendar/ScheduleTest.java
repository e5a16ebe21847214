package uk.jtai.response.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import uk.jtai.response.partnership.PartnershipFixtures;
import uk.jtai.response.partnership.ThemeRegistry;

class ScheduleTest {

  private final ThemeRegistry themes = PartnershipFixtures.themes();
  private final ScheduleCalculator calculator = new ScheduleCalculator(CalendarFixtures.calendar());

  private Instant due(String theme, String notifiedAt, String milestone) {
    return calculator.compute("JTAI-2026-03-YORK", themes.theme(theme), OffsetDateTime.parse(notifiedAt).toInstant())
        .milestone(milestone).orElseThrow().due();
  }

  @Test
  void theAuditReportOfAnInspectionNotifiedBeforeEasterIsDueTheMondayAfter() {
    assertThat(due("domestic-abuse", "2026-03-30T09:00:00+01:00", "AUDIT_REPORT_DUE"))
        .isEqualTo(OffsetDateTime.parse("2026-04-13T17:00+01:00").toInstant());
  }

  @Test
  void theAuditReportOfAnInspectionNotifiedTheWeekTheClocksChangeIsDueAt17SummerTime() {
    assertThat(due("domestic-abuse", "2026-03-23T09:00:00Z", "AUDIT_REPORT_DUE"))
        .isEqualTo(OffsetDateTime.parse("2026-04-02T17:00+01:00").toInstant());
  }

  @Test
  void themesDifferInWhenTheTwentyAreSelected() {
    assertThat(due("domestic-abuse", "2027-05-24T09:10:00+01:00", "TWENTY_SELECTED"))
        .isEqualTo(OffsetDateTime.parse("2027-05-26T17:00+01:00").toInstant());
    assertThat(due("serious-youth-violence", "2027-05-24T09:10:00+01:00", "TWENTY_SELECTED"))
        .isEqualTo(OffsetDateTime.parse("2027-05-27T17:00+01:00").toInstant());
  }

  @Test
  void theScheduleIsInDueOrderAndCoversTheTenDaysAndFieldwork() {
    InspectionSchedule schedule = calculator.compute("JTAI-2027-05-YORK", themes.theme("domestic-abuse"),
        OffsetDateTime.parse("2027-05-24T09:10:00+01:00").toInstant());
    assertThat(schedule.milestones()).isSortedAccordingTo(java.util.Comparator.comparing(Milestone::due));
    assertThat(schedule.milestone("FIELDWORK_START").orElseThrow().due())
        .isEqualTo(OffsetDateTime.parse("2027-06-08T09:00+01:00").toInstant());
    assertThat(schedule.milestone("FINDINGS").orElseThrow().due())
        .isEqualTo(OffsetDateTime.parse("2027-06-14T17:00+01:00").toInstant());
  }
}
