package uk.jtai.response.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WorkingCalendarTest {

  private final WorkingCalendar calendar = CalendarFixtures.calendar();

  static Stream<LocalDate> checkedBankHolidays() {
    return Stream.of("2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
        "2026-12-25", "2026-12-28", "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31",
        "2027-08-30", "2027-12-27", "2027-12-28").map(LocalDate::parse);
  }

  @ParameterizedTest
  @MethodSource("checkedBankHolidays")
  void bankHolidaysOfTheGovUkFeedAreNotWorkingDays(LocalDate holiday) {
    assertThat(calendar.isWorkingDay(holiday)).isFalse();
    assertThat(calendar.whyNotWorking(holiday)).get().asString().endsWith("(bank holiday)");
  }

  @Test
  void weekendsAreNotWorkingDaysAndSayWhy() {
    assertThat(calendar.whyNotWorking(LocalDate.parse("2027-05-29"))).contains("Saturday");
    assertThat(calendar.whyNotWorking(LocalDate.parse("2027-05-30"))).contains("Sunday");
    assertThat(calendar.whyNotWorking(LocalDate.parse("2027-05-28"))).isEmpty();
  }

  @Test
  void theWorkingDayStartsAndEndsAtTheConfiguredHoursInLocalTime() {
    assertThat(calendar.startOfWork(LocalDate.parse("2027-07-30"))).as("summer time")
        .isEqualTo(Instant.parse("2027-07-30T08:00:00Z"));
    assertThat(calendar.endOfWork(LocalDate.parse("2027-07-30"))).isEqualTo(Instant.parse("2027-07-30T16:00:00Z"));
    assertThat(calendar.endOfWork(LocalDate.parse("2027-12-01"))).as("winter").isEqualTo(Instant.parse("2027-12-01T17:00:00Z"));
  }

  @Test
  void goodFridayIsNamed() {
    assertThat(calendar.whyNotWorking(LocalDate.parse("2026-04-03"))).contains("Good Friday (bank holiday)");
  }

  @Test
  void dayOneIsTheNotificationDayAndDayNSkipsWeekendsAndBankHolidays() {
    LocalDate monday = LocalDate.parse("2026-03-30");
    assertThat(calendar.workingDay(monday, 1)).isEqualTo(monday);
    assertThat(calendar.workingDay(monday, 4)).isEqualTo(LocalDate.parse("2026-04-02"));
    // Good Friday 3 April and Easter Monday 6 April are skipped.
    assertThat(calendar.workingDay(monday, 5)).isEqualTo(LocalDate.parse("2026-04-07"));
    assertThat(calendar.workingDay(monday, 9)).isEqualTo(LocalDate.parse("2026-04-13"));
  }

  @Test
  void notifiedOnMonday30March2026TheAuditReportIsDueMonday13AprilAt17InSummerTime() {
    assertThat(calendar.at(LocalDate.parse("2026-03-30"), 9, LocalTime.of(17, 0)).toOffsetDateTime())
        .isEqualTo(OffsetDateTime.parse("2026-04-13T17:00+01:00"));
  }

  @Test
  void notifiedOnMonday23March2026TheAuditReportIsDueThursday2AprilAt17AfterTheClocksChange() {
    assertThat(calendar.at(LocalDate.parse("2026-03-23"), 9, LocalTime.of(17, 0)).toOffsetDateTime())
        .isEqualTo(OffsetDateTime.parse("2026-04-02T17:00+01:00"));
    // Day 1 itself is still in Greenwich Mean Time.
    assertThat(calendar.at(LocalDate.parse("2026-03-23"), 1, LocalTime.of(17, 0)).toOffsetDateTime())
        .isEqualTo(OffsetDateTime.parse("2026-03-23T17:00Z"));
  }

  @Test
  void dayOneMustBeAWorkingDay() {
    assertThatThrownBy(() -> calendar.workingDay(LocalDate.parse("2026-04-03"), 1))
        .hasMessageContaining("Good Friday");
  }

  @Test
  void aYearTheDataDoesNotCoverFailsLoudlySayingWhatToUpdate() {
    assertThatThrownBy(() -> calendar.isWorkingDay(LocalDate.parse("2029-01-02")))
        .isInstanceOf(CalendarDataMissingException.class)
        .hasMessageContaining("2029")
        .hasMessageContaining("bank-holidays-england-and-wales.json")
        .hasMessageContaining("https://www.gov.uk/bank-holidays.json");
    assertThatThrownBy(() -> calendar.workingDay(LocalDate.parse("2028-12-20"), 10))
        .isInstanceOf(CalendarDataMissingException.class);
  }

  @Test
  void localClosureDaysFromConfigurationAreNotWorkingDays() {
    WorkingCalendar withClosure = CalendarFixtures.calendar(
        List.of(new CalendarProperties.ClosureDay(LocalDate.parse("2027-06-07"), "Council closure day")));
    assertThat(withClosure.whyNotWorking(LocalDate.parse("2027-06-07"))).contains("Council closure day (local closure day)");
    assertThat(withClosure.workingDay(LocalDate.parse("2027-06-04"), 2)).isEqualTo(LocalDate.parse("2027-06-08"));
  }

  @Test
  void workingTimeThatCrosses17ContinuesTheNextWorkingMorning() {
    Instant fourPm = OffsetDateTime.parse("2027-05-26T16:00+01:00").toInstant();
    assertThat(calendar.addWorkingTime(fourPm, Duration.ofHours(2)))
        .isEqualTo(OffsetDateTime.parse("2027-05-27T10:00+01:00").toInstant());
  }

  @Test
  void workingTimeThatCrossesAWeekendAndABankHolidayContinuesOnTheNextWorkingDay() {
    Instant fridayAfternoon = OffsetDateTime.parse("2027-05-28T16:30+01:00").toInstant();
    // Saturday, Sunday and the Spring bank holiday (31 May) are skipped.
    assertThat(calendar.addWorkingTime(fridayAfternoon, Duration.ofHours(2)))
        .isEqualTo(OffsetDateTime.parse("2027-06-01T10:30+01:00").toInstant());
  }

  @Test
  void workingTimeAskedForOutsideWorkingHoursStartsAtTheNextOpening() {
    Instant earlyMorning = OffsetDateTime.parse("2027-05-26T07:00+01:00").toInstant();
    assertThat(calendar.addWorkingTime(earlyMorning, Duration.ofHours(2)))
        .isEqualTo(OffsetDateTime.parse("2027-05-26T11:00+01:00").toInstant());
    Instant evening = OffsetDateTime.parse("2027-05-26T18:00+01:00").toInstant();
    assertThat(calendar.addWorkingTime(evening, Duration.ofMinutes(30)))
        .isEqualTo(OffsetDateTime.parse("2027-05-27T09:30+01:00").toInstant());
  }

  @Test
  void aNonWorkingDayIsNamedInASentence() {
    assertThat(calendar.notAWorkingDay(LocalDate.parse("2027-12-27")))
        .contains("Monday 27 December 2027 is not a working day (Christmas Day, bank holiday)");
    assertThat(calendar.notAWorkingDay(LocalDate.parse("2028-04-17")))
        .contains("Monday 17 April 2028 is not a working day (Easter Monday, bank holiday)");
    assertThat(calendar.notAWorkingDay(LocalDate.parse("2027-12-25")))
        .contains("Saturday 25 December 2027 is not a working day (weekend)");
    assertThat(calendar.notAWorkingDay(LocalDate.parse("2027-12-29"))).isEmpty();
    WorkingCalendar withClosure = CalendarFixtures.calendar(
        List.of(new CalendarProperties.ClosureDay(LocalDate.parse("2027-06-07"), "Council closure day")));
    assertThat(withClosure.notAWorkingDay(LocalDate.parse("2027-06-07")))
        .contains("Monday 7 June 2027 is not a working day (Council closure day, local closure day)");
  }

  private static Instant at(String isoWithOffset) {
    return OffsetDateTime.parse(isoWithOffset).toInstant();
  }

  @Test
  void workingTimeBetweenTwoInstantsCountsOnlyWorkingHoursOnWorkingDays() {
    // Friday 17:00 to Tuesday 10:00 across the Spring bank holiday weekend: Tuesday 09:00 to 10:00 only.
    assertThat(calendar.workingTimeBetween(at("2027-05-28T17:00+01:00"), at("2027-06-01T10:00+01:00")))
        .isEqualTo(Duration.ofHours(1));
    assertThat(calendar.workingTimeBetween(at("2027-06-04T12:00+01:00"), at("2027-06-08T10:00+01:00")))
        .isEqualTo(Duration.ofHours(5 + 8 + 1));
    assertThat(calendar.workingTimeBetween(at("2027-06-08T10:00+01:00"), at("2027-06-04T12:00+01:00")))
        .as("negative when earlier").isEqualTo(Duration.ofHours(-14));
    assertThat(calendar.workingTimeBetween(at("2027-06-04T18:00+01:00"), at("2027-06-07T08:00+01:00"))).isZero();
  }

  @Test
  void movingByWorkingTimeSkipsWeekendsAndBankHolidaysBothWays() {
    Instant fridayNoon = at("2027-05-28T12:00+01:00");
    // Forward over Saturday, Sunday and the Spring bank holiday (Monday 31 May).
    assertThat(calendar.plusWorkingTime(fridayNoon, Duration.ofHours(9))).isEqualTo(at("2027-06-01T13:00+01:00"));
    // Back from Tuesday over the same three days.
    assertThat(calendar.plusWorkingTime(at("2027-06-01T13:00+01:00"), Duration.ofHours(-9))).isEqualTo(fridayNoon);
    // Christmas 2027: Saturday, Sunday and both substitute bank holidays skipped.
    assertThat(calendar.plusWorkingTime(at("2027-12-24T16:00Z"), Duration.ofHours(2))).isEqualTo(at("2027-12-29T10:00Z"));
    assertThat(calendar.plusWorkingTime(at("2027-12-29T10:00Z"), Duration.ofHours(-2))).isEqualTo(at("2027-12-24T16:00Z"));
  }

  @Test
  void workingTimeThatEndsOnADayBoundaryEndsAtTheCloseOfTheEarlierDay() {
    assertThat(calendar.plusWorkingTime(at("2027-06-04T12:00+01:00"), Duration.ofHours(5))).isEqualTo(at("2027-06-04T17:00+01:00"));
    assertThat(calendar.plusWorkingTime(at("2027-06-08T12:00+01:00"), Duration.ofHours(-11))).isEqualTo(at("2027-06-04T17:00+01:00"));
    assertThat(calendar.plusWorkingTime(at("2027-06-04T17:00+01:00"), Duration.ZERO)).isEqualTo(at("2027-06-04T17:00+01:00"));
  }

  @Test
  void movingByWorkingTimeNeverEndsOnANonWorkingDayAndKeepsTheWorkingTimeDistance() {
    Instant thursday = at("2027-12-23T13:00Z");
    for (int quarterHours = -40 * 4; quarterHours <= 40 * 4; quarterHours++) {
      Duration amount = Duration.ofMinutes(15L * quarterHours);
      Instant moved = calendar.plusWorkingTime(thursday, amount);
      assertThat(calendar.isWorkingDay(moved.atZone(calendar.zone()).toLocalDate())).as("moved by %s", amount).isTrue();
      assertThat(calendar.workingTimeBetween(thursday, moved)).as("moved by %s", amount).isEqualTo(amount);
    }
  }
}
