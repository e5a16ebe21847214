package uk.jtai.response.benchmarking;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.jtai.response.support.FormReading.refusals;
import static uk.jtai.response.support.FormReading.submission;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.jtai.response.calendar.CalendarFixtures;
import uk.jtai.response.partnership.PartnershipFixtures;
import uk.jtai.response.tasks.Submission;

/** The benchmarking start form, without an engine: the shipped themes (only domestic abuse has criteria yet). */
class BenchmarkingFormsTest {

  final StartBenchmarkingForm form = new StartBenchmarkingForm(PartnershipFixtures.themes(), CalendarFixtures.calendar());

  @Test
  void aThemeWithCriteriaWhereTheTemplateIsAndADeadlineAhead() {
    Submission good = submission(Map.of("theme", "domestic-abuse", "templateLocation", " Shared drive/JTAI/benchmarking ",
        "benchmarkingDue", "2099-03-02T17:00:00Z"));

    assertThat(form.read(good)).isEqualTo(new StartBenchmarkingForm.Submitted("domestic-abuse", "Shared drive/JTAI/benchmarking",
        Instant.parse("2099-03-02T17:00:00Z")));
    assertThat(refusals(good)).isEmpty();
  }

  @Test
  void aThemeWithoutCriteriaAnUnknownThemeAPastDeadlineAndAMissingLocationAreNamed() {
    Submission noCriteria = submission(Map.of("theme", "front-door", "benchmarkingDue", "2020-03-02T17:00"));
    Submission unknown = submission(Map.of("theme", "knife-crime", "templateLocation", "x", "benchmarkingDue", "2099-03-02T17:00"));

    assertThat(form.read(noCriteria)).isEqualTo(new StartBenchmarkingForm.Submitted(null, null, null));
    form.read(unknown);

    assertThat(refusals(noCriteria)).hasSize(3);
    assertThat(refusals(noCriteria).get(0)).startsWith("theme: the theme file of '")
        .endsWith("' has no evaluation criteria yet: copy them from the inspection framework into its evaluation-criteria first");
    assertThat(refusals(noCriteria).subList(1, 3)).containsExactly("templateLocation: is required",
        "benchmarkingDue: must be ahead of now");
    assertThat(refusals(unknown)).singleElement().asString().startsWith("theme: unknown theme 'knife-crime'; known themes: ");
  }
}
