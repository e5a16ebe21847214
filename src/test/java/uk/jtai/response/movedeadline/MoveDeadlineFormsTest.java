package uk.jtai.response.movedeadline;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.jtai.response.support.FormReading.refusals;
import static uk.jtai.response.support.FormReading.submission;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.jtai.response.calendar.CalendarFixtures;
import uk.jtai.response.tasks.Submission;

/**
 * The move-deadline start form, without an engine: it reads the fields as values of their kind; whether
 * the move can be made is the schedule mover's check ({@link MoveDeadlineTest}), shared with the API.
 */
class MoveDeadlineFormsTest {

  final MoveDeadlineForm form = new MoveDeadlineForm(CalendarFixtures.calendar());

  @Test
  void aMoveIsReadIntoItsRecordInLocalTime() {
    Submission move = submission(Map.of("inspectionReference", " JTAI-2027-05-YORK ", "milestone", "AUDIT_REPORT_DUE",
        "newDue", "2027-06-08T17:00", "moveReason", "Moved at the set-up discussion"));

    assertThat(form.read(move)).isEqualTo(new MoveDeadlineForm.Submitted("JTAI-2027-05-YORK", "AUDIT_REPORT_DUE",
        Instant.parse("2027-06-08T16:00:00Z"), "Moved at the set-up discussion"));
    assertThat(refusals(move)).isEmpty();
  }

  @Test
  void theReferenceIsRequiredAndAGarbledTimeOrOverlongReasonIsNamed() {
    Submission bad = submission(Map.of("milestone", "AUDIT_REPORT_DUE", "newDue", "Tuesday", "moveReason", "x".repeat(1001)));
    Submission unsaid = submission(Map.of("inspectionReference", "JTAI-2027-05-YORK"));

    assertThat(form.read(bad)).isEqualTo(new MoveDeadlineForm.Submitted(null, "AUDIT_REPORT_DUE", null, null));
    // What is left unsaid is the mover's to refuse, with the same reasons as for the API.
    assertThat(form.read(unsaid)).isEqualTo(new MoveDeadlineForm.Submitted("JTAI-2027-05-YORK", null, null, null));

    assertThat(refusals(bad)).containsExactly("inspectionReference: is required",
        "newDue: must be a date and time such as 2027-05-24T09:10:00+01:00", "moveReason: must be at most 1000 characters");
    assertThat(refusals(unsaid)).isEmpty();
  }
}
