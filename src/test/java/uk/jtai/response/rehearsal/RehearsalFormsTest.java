package uk.jtai.response.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static uk.jtai.response.support.FormReading.refusals;
import static uk.jtai.response.support.FormReading.submission;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.jtai.response.calendar.CalendarFixtures;
import uk.jtai.response.partnership.PartnershipFixtures;
import uk.jtai.response.readiness.ThemeReadiness;
import uk.jtai.response.tasks.Submission;

/** The rehearsal's start form, without an engine: both fields optional, each with its default. */
class RehearsalFormsTest {

  final ThemeReadiness readiness = mock(ThemeReadiness.class);
  final StartRehearsalForm form = new StartRehearsalForm(PartnershipFixtures.themes(), readiness, CalendarFixtures.calendar());

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aThemeAndDay1AskedForAreTaken() {
    Submission asked = submission(Map.of("theme", "front-door", "notifiedAt", "2027-06-01T10:00"));

    assertThat(form.read(asked)).isEqualTo(new StartRehearsalForm.Submitted("front-door", Instant.parse("2027-06-01T09:00:00Z")));
    assertThat(refusals(asked)).isEmpty();
  }

  @Test
  void withoutEitherItTakesTheThemeGettingReadyAndNineOnTheNextWorkingDay() {
    when(readiness.currentTheme()).thenReturn(Optional.of("domestic-abuse"));
    ClockUtil.setCurrentTime(java.util.Date.from(Instant.parse("2027-05-28T15:00:00Z"))); // a Friday before a bank holiday
    Submission nothing = submission(Map.of());

    assertThat(form.read(nothing)).isEqualTo(new StartRehearsalForm.Submitted("domestic-abuse",
        Instant.parse("2027-06-01T08:00:00Z")));
    assertThat(refusals(nothing)).isEmpty();
  }

  @Test
  void anUnknownThemeNoCurrentThemeAndAGarbledTimeAreNamed() {
    when(readiness.currentTheme()).thenReturn(Optional.empty());
    Submission unknown = submission(Map.of("theme", "knife-crime", "notifiedAt", "tomorrow"));
    Submission noCurrent = submission(Map.of());

    assertThat(form.read(unknown)).isEqualTo(new StartRehearsalForm.Submitted(null, null));
    form.read(noCurrent);

    assertThat(refusals(unknown)).hasSize(2);
    assertThat(refusals(unknown).get(0)).startsWith("theme: unknown theme 'knife-crime'; known themes: ");
    assertThat(refusals(unknown).get(1)).isEqualTo("notifiedAt: must be a date and time such as 2027-05-24T09:10:00+01:00");
    assertThat(refusals(noCurrent)).containsExactly(
        "theme: no theme readiness is running, so there is no current theme: choose the theme to rehearse");
  }
}
