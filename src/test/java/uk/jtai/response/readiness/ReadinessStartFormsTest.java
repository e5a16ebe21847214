package uk.jtai.response.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static uk.jtai.response.support.FormReading.refusals;
import static uk.jtai.response.support.FormReading.submission;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.jtai.response.calendar.CalendarFixtures;
import uk.jtai.response.partnership.PartnershipFixtures;
import uk.jtai.response.tasks.Submission;

/** The theme-readiness start form, without an engine: the shipped themes and one added before its evidence is known. */
class ReadinessStartFormsTest {

  final ReadinessRepository repository = mock(ReadinessRepository.class);
  final StartThemeReadinessForm form = new StartThemeReadinessForm(PartnershipFixtures.themes("classpath:added-themes/*.yaml"),
      PartnershipFixtures.york(), repository, CalendarFixtures.calendar());

  @Test
  void aThemeWithEvidenceForEveryStatutoryPartnerWhereItIsFiledAndADeadlineAhead() {
    Submission good = submission(Map.of("theme", "domestic-abuse", "evidenceLocation", "Shared drive/JTAI/evidence",
        "readinessDue", "2099-06-01T17:00:00+01:00"));

    assertThat(form.read(good)).isEqualTo(new StartThemeReadinessForm.Submitted("domestic-abuse", "Shared drive/JTAI/evidence",
        Instant.parse("2099-06-01T16:00:00Z")));
    assertThat(refusals(good)).isEmpty();
  }

  @Test
  void aThemeAlreadyRunningOrWithoutEvidenceIsRefusedNamingWhy() {
    when(repository.openRunOf("domestic-abuse")).thenReturn(Optional.of("READINESS-DOMESTIC-ABUSE-2099-01-01"));
    Submission running = submission(Map.of("theme", "domestic-abuse", "evidenceLocation", "x", "readinessDue", "2099-06-01T17:00"));
    Submission noEvidence = submission(Map.of("theme", "criminal-exploitation", "evidenceLocation", "x", "readinessDue", "2099-06-01T17:00"));

    assertThat(form.read(running).theme()).isNull();
    assertThat(form.read(noEvidence).theme()).isNull();

    assertThat(refusals(running)).containsExactly("theme: readiness for 'Children who are victims of domestic abuse' is already running "
        + "(READINESS-DOMESTIC-ABUSE-2099-01-01); close that one first");
    assertThat(refusals(noEvidence)).singleElement().asString().startsWith("theme: the theme file of '")
        .contains("lists no documentary evidence for ").endsWith("(statutory partners always provide it, guidance 7.3): "
            + "complete its evidence-documents");
  }

  @Test
  void everyFieldIsRequiredAndTheDeadlineAhead() {
    Submission empty = submission(Map.of());
    Submission past = submission(Map.of("theme", "domestic-abuse", "evidenceLocation", "x", "readinessDue", "2020-06-01T17:00"));

    form.read(empty);
    assertThat(form.read(past).readinessDue()).isNull();

    assertThat(refusals(empty)).containsExactly("theme: is required", "evidenceLocation: is required", "readinessDue: is required");
    assertThat(refusals(past)).containsExactly("readinessDue: must be ahead of now");
  }
}
