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
  void theSeriousYouthViolenceFlowchartHasTheSetUpOnDayOneTheTwentyOnDayThreeAndTheirInformationOnDayFour() {
    // Domestic abuse (section 11): the set-up meeting "on Day One or Day Two"; serious youth violence
    // (section 11 and the inspectorates' flowchart): "on Day One".
    assertThat(due("domestic-abuse", "2027-05-24T09:10:00+01:00", "SET_UP_DISCUSSION_DUE"))
        .isEqualTo(OffsetDateTime.parse("2027-05-25T17:00+01:00").toInstant());
    assertThat(due("serious-youth-violence", "2027-05-24T09:10:00+01:00", "SET_UP_DISCUSSION_DUE"))
        .isEqualTo(OffsetDateTime.parse("2027-05-24T17:00+01:00").toInstant());
    for (String theme : new String[] {"domestic-abuse", "serious-youth-violence"}) {
      assertThat(due(theme, "2027-05-24T09:10:00+01:00", "TWENTY_SELECTED")).as(theme)
          .isEqualTo(OffsetDateTime.parse("2027-05-26T17:00+01:00").toInstant());
      assertThat(due(theme, "2027-05-24T09:10:00+01:00", "RETURNS_FORWARDED_DUE")).as(theme)
          .isEqualTo(OffsetDateTime.parse("2027-05-27T17:00+01:00").toInstant());
      assertThat(due(theme, "2027-05-24T09:10:00+01:00", "SIX_SELECTED_DUE")).as(theme)
          .isEqualTo(OffsetDateTime.parse("2027-05-28T11:00+01:00").toInstant());
    }
    // The local authority's lists in two 5pm deliveries, and every agency's own list by 5pm on day 2 (127).
    assertThat(due("serious-youth-violence", "2027-05-24T09:10:00+01:00", "ANNEX_A_FIRST_LISTS_DUE"))
        .isEqualTo(OffsetDateTime.parse("2027-05-24T17:00+01:00").toInstant());
    assertThat(due("serious-youth-violence", "2027-05-24T09:10:00+01:00", "ANNEX_A_DUE"))
        .isEqualTo(OffsetDateTime.parse("2027-05-25T17:00+01:00").toInstant());
    assertThat(due("serious-youth-violence", "2027-05-24T09:10:00+01:00", "AGENCY_THEME_LISTS_DUE"))
        .isEqualTo(OffsetDateTime.parse("2027-05-25T17:00+01:00").toInstant());
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
  private Milestone milestone(String theme, String notifiedAt, String name) {
    return calculator.compute("JTAI-2027-05-YORK", themes.theme(theme), OffsetDateTime.parse(notifiedAt).toInstant())
        .milestone(name).orElseThrow();
  }

  @Test
  void aCallAfterADayOneDeadlineGivesThatDeadlineItsUsualAllowanceFromTheCall() {
    // Partners are to be told by 12:00 on day 1: three working hours from the start of the day. The lead
    // inspector rang at 12:05, so the Business Unit has until 15:05; the other deadlines stay where they were.
    Milestone partners = milestone("domestic-abuse", "2027-05-24T12:05:00+01:00", "PARTNERS_NOTIFIED_DUE");
    assertThat(partners.due()).isEqualTo(OffsetDateTime.parse("2027-05-24T15:05+01:00").toInstant());
    assertThat(partners.workingDay()).isEqualTo(1);
    assertThat(due("domestic-abuse", "2027-05-24T12:05:00+01:00", "SCRUTINEER_NOTIFIED_DUE"))
        .isEqualTo(OffsetDateTime.parse("2027-05-24T17:00+01:00").toInstant());
    assertThat(due("domestic-abuse", "2027-05-24T12:05:00+01:00", "ANNEX_A_DUE"))
        .isEqualTo(OffsetDateTime.parse("2027-05-25T17:00+01:00").toInstant());
  }

  @Test
  void aLateAfternoonCallCarriesTheAllowanceIntoTheNextWorkingDay() {
    // A call at 16:30 on Friday 28 May 2027: half an hour of day 1 is left, the rest of the three working
    // hours runs on the next working day, Tuesday 1 June (Monday 31 May is the Spring bank holiday).
    Milestone partners = milestone("domestic-abuse", "2027-05-28T16:30:00+01:00", "PARTNERS_NOTIFIED_DUE");
    assertThat(partners.due()).isEqualTo(OffsetDateTime.parse("2027-06-01T11:30+01:00").toInstant());
    assertThat(partners.workingDay()).isEqualTo(2);
  }

  @Test
  void aCallAfterTheCloseOfDayOneMovesEveryDayOneDeadlineByItsOwnAllowance() {
    InspectionSchedule schedule = calculator.compute("JTAI-2027-05-YORK", themes.theme("domestic-abuse"),
        OffsetDateTime.parse("2027-05-24T17:30:00+01:00").toInstant());
    assertThat(schedule.milestone("PARTNERS_NOTIFIED_DUE").orElseThrow().due())
        .isEqualTo(OffsetDateTime.parse("2027-05-25T12:00+01:00").toInstant());
    assertThat(schedule.milestone("AGENCIES_CONFIRMED_DUE").orElseThrow().due())
        .as("a whole working day's allowance").isEqualTo(OffsetDateTime.parse("2027-05-25T17:00+01:00").toInstant());
    assertThat(schedule.milestones()).allMatch(m -> m.due().isAfter(schedule.notifiedAt()));
  }

  @Test
  void aCallBeforeTheDeadlineLeavesTheScheduleAsTheThemeSetsIt() {
    assertThat(due("domestic-abuse", "2027-05-24T11:59:00+01:00", "PARTNERS_NOTIFIED_DUE"))
        .isEqualTo(OffsetDateTime.parse("2027-05-24T12:00+01:00").toInstant());
  }
}
