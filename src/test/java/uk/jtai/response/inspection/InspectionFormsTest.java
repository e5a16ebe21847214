package uk.jtai.response.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.jtai.response.support.FormReading.refusals;
import static uk.jtai.response.support.FormReading.submission;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.jtai.response.calendar.CalendarFixtures;
import uk.jtai.response.calendar.ScheduleCalculator;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.PartnershipFixtures;
import uk.jtai.response.tasks.Submission;

/**
 * The notification as the start form of jtai-inspection and {@code POST /api/inspections} read it, without
 * an engine: the shipped themes, the bundled calendar.
 */
class InspectionFormsTest {

  final WorkingCalendar calendar = CalendarFixtures.calendar();
  final StartInspectionForm form = new StartInspectionForm(PartnershipFixtures.themes(), calendar,
      new ScheduleCalculator(calendar), "JTAI-[0-9]{4}-[0-9]{2}-[A-Z0-9]+(-[A-Z0-9]+)*",
      PartnershipFixtures.york());

  @Test
  void aNotificationIsReadOnceIntoItsRecordInLocalTimeAndGivesTheSchedule() {
    Submission notification = submission(Map.of("reference", " JTAI-2027-05-YORK ", "theme", "domestic-abuse",
        "notifiedAt", "2027-05-24T09:10"));

    StartInspectionForm.Submitted read = form.read(notification);

    assertThat(refusals(notification)).isEmpty();
    assertThat(read).isEqualTo(new StartInspectionForm.Submitted("JTAI-2027-05-YORK", "domestic-abuse",
        Instant.parse("2027-05-24T08:10:00Z")));
    NewInspection inspection = form.inspection(read);
    assertThat(inspection.theme().id()).isEqualTo("domestic-abuse");
    assertThat(inspection.schedule().reference()).isEqualTo("JTAI-2027-05-YORK");
    assertThat(inspection.schedule().milestones()).isNotEmpty()
        .allSatisfy(m -> assertThat(m.due()).isAfter(read.notifiedAt()));
  }

  @Test
  void theHealthProvidersCqcNamedAreReadInThePartnershipFilesOrderAndAnUnknownOneIsRefused() {
    Submission named = submission(Map.of("reference", "JTAI-2027-05-YORK", "theme", "domestic-abuse",
        "notifiedAt", "2027-05-24T09:10", "healthProviders", java.util.List.of("health-mental", "health-acute", "health-acute")));
    assertThat(form.read(named).healthProviders()).containsExactly("health-acute", "health-mental");
    assertThat(refusals(named)).isEmpty();

    Submission wrong = submission(Map.of("reference", "JTAI-2027-05-YORK", "theme", "domestic-abuse",
        "notifiedAt", "2027-05-24T09:10", "healthProviders", java.util.List.of("health-acute", "police")));
    assertThat(form.read(wrong).healthProviders()).isEmpty();
    assertThat(refusals(wrong)).containsExactly("healthProviders: 'police' is not a health provider of the partnership; "
        + "known: health-acute, health-mental, health-ambulance");
  }

  @Test
  void everyFieldIsRequiredAndRefusedAtOnce() {
    Submission empty = submission(Map.of("reference", "  "));

    assertThat(form.read(empty)).isEqualTo(new StartInspectionForm.Submitted(null, null, null));
    assertThat(refusals(empty)).containsExactly("reference: is required", "theme: is required", "notifiedAt: is required");
  }

  @Test
  void aReferenceOutOfPatternAnUnknownThemeAndAWeekendAreNamed() {
    Submission bad = submission(Map.of("reference", "york-2027", "theme", "knife-crime", "notifiedAt", "2027-05-29T09:00"));

    assertThat(form.read(bad)).isEqualTo(new StartInspectionForm.Submitted(null, null, null));
    assertThat(refusals(bad)).hasSize(3);
    assertThat(refusals(bad).get(0)).isEqualTo("reference: 'york-2027' is not an inspection reference such as "
        + "JTAI-2027-05-YORK (pattern JTAI-[0-9]{4}-[0-9]{2}-[A-Z0-9]+(-[A-Z0-9]+)*)");
    assertThat(refusals(bad).get(1)).startsWith("theme: unknown theme 'knife-crime'; known themes: ")
        .contains("domestic-abuse");
    assertThat(refusals(bad).get(2)).startsWith("notifiedAt: 2027-05-29 is not a working day (")
        .endsWith("); day 1 of an inspection is the working day the notification arrived");
  }

  @Test
  void aNotificationAfterADay1DeadlineIsAcceptedAndTheDeadlineRunsItsUsualAllowanceFromTheCall() {
    // Partners are to be told by 12:00 on day 1; the lead inspector called at 12:05 (issue 16, item 5).
    Submission late = submission(Map.of("reference", "JTAI-2027-05-YORK", "theme", "domestic-abuse",
        "notifiedAt", "2027-05-24T12:05"));

    StartInspectionForm.Submitted read = form.read(late);
    assertThat(refusals(late)).isEmpty();
    assertThat(read.notifiedAt()).isEqualTo(java.time.OffsetDateTime.parse("2027-05-24T12:05:00+01:00").toInstant());
    assertThat(form.inspection(read).schedule().milestones())
        .allSatisfy(milestone -> assertThat(milestone.due()).isAfter(read.notifiedAt()));
  }

  @Test
  void aTimeThatIsNotOneIsNamed() {
    Submission garbled = submission(Map.of("reference", "JTAI-2027-05-YORK", "theme", "domestic-abuse",
        "notifiedAt", "next Monday"));

    form.read(garbled);

    assertThat(refusals(garbled)).containsExactly("notifiedAt: must be a date and time such as 2027-05-24T09:10:00+01:00");
  }
}
