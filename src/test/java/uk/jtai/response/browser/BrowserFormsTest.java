package uk.jtai.response.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The three browser tests' shares of the forms: every form of {@code forms/} in exactly one (milliseconds, no browser). */
class BrowserFormsTest {

  @Test
  void everyFormIsCompletedByExactlyOneBrowserTest() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      forms.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".form")).forEach(n -> files.add(n.replace(".form", "")));
    }
    Set<String> covered = new TreeSet<>(BrowserForms.INSPECTION_WEEK_1);
    covered.addAll(BrowserForms.INSPECTION_WEEK_2);
    covered.addAll(BrowserForms.BETWEEN_INSPECTIONS);
    assertThat(covered).as("forms the browser tests complete").isEqualTo(files);
    assertThat(BrowserForms.INSPECTION_WEEK_1.size() + BrowserForms.INSPECTION_WEEK_2.size()
        + BrowserForms.BETWEEN_INSPECTIONS.size()).as("no form in two tests' shares").isEqualTo(files.size());
    assertThat(new HashSet<>(BrowserForms.INSPECTION_WEEK_1)).contains(BrowserForms.START_INSPECTION, "submit-annex-a",
        "compile-audit-pack");
    assertThat(BrowserForms.INSPECTION_WEEK_2).contains("record-issue-of-concern", "record-audit-day", "lessons-learned");
  }
}
