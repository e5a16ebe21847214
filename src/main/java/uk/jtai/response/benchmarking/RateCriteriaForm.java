package uk.jtai.response.benchmarking;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Key;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;
import uk.jtai.response.web.CurrentUser;

/**
 * forms/rate-criteria.form: an agency rates itself against each evaluation criterion of the theme, Red,
 * Amber or Green, in Signs of Safety form (guidance 8.2, 8.3). Every criterion is rated and answers at
 * least one of the three questions; a Red or Amber rating says what we are worried about and what needs
 * to happen.
 */
@Component
public class RateCriteriaForm implements TaskForm<RateCriteriaForm.Submitted> {

  /** @param criterionRatings the agency's rating of every evaluation criterion of the theme */
  public record Submitted(List<BenchmarkingRepository.Rating> criterionRatings) {}

  private static final Key<Submitted> ROWS = Submitted::criterionRatings;
  static final int MAX_ANSWER = 4000;

  private final ThemeRegistry themes;
  private final BenchmarkingRepository repository;
  private final CurrentUser user;

  public RateCriteriaForm(ThemeRegistry themes, BenchmarkingRepository repository, CurrentUser user) {
    this.themes = themes;
    this.repository = repository;
    this.user = user;
  }

  @Override
  public String formId() {
    return "rate-criteria";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(ratings(task, submission));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    repository.recordRatings(Benchmarking.key(task), submitted.criterionRatings());
  }

  private List<BenchmarkingRepository.Rating> ratings(DelegateTask task, Submission submission) {
    JsonNode rows = submission.json(ROWS);
    if (rows == null || !rows.isArray()) {
      if (!submission.hasErrors()) {
        submission.reject(ROWS, "is required: a rating for every evaluation criterion");
      }
      return null;
    }
    Theme theme = themes.theme(Standing.THEME.get(task));
    Map<String, Integer> positions = new LinkedHashMap<>();
    Map<String, String> titles = new LinkedHashMap<>();
    for (int p = 0; p < theme.evaluationCriteria().size(); p++) {
      positions.put(theme.evaluationCriteria().get(p).id(), p + 1);
      titles.put(theme.evaluationCriteria().get(p).id(), theme.evaluationCriteria().get(p).title());
    }
    String agency = Standing.AGENCY.get(task);
    String by = user.id();
    Instant now = EngineTime.now();
    Map<String, BenchmarkingRepository.Rating> rated = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String field = ROWS.name() + "[" + i + "]";
      String criterion = criterion(theme, row);
      if (!positions.containsKey(criterion)) {
        submission.reject(field + ".criterion", "row " + (i + 1) + " is not an evaluation criterion of this theme");
        continue;
      }
      String title = "'" + titles.get(criterion) + "'";
      if (rated.containsKey(criterion)) {
        submission.reject(field + ".criterion", title + " is rated twice");
        continue;
      }
      String rag = row.path("rag").asText("").strip().toLowerCase(java.util.Locale.UK);
      String workingWell = answer(submission, row, "workingWell", field, title);
      String worried = answer(submission, row, "worried", field, title);
      String needsToHappen = answer(submission, row, "needsToHappen", field, title);
      if (Rag.of(rag).isEmpty()) {
        submission.reject(field + ".rag", title + ": rate it Red, Amber or Green");
      } else if (workingWell == null && worried == null && needsToHappen == null) {
        submission.reject(field + ".workingWell", title + ": say what is working well, what we are worried about or what needs to happen");
      } else if (Rag.of(rag).get() != Rag.GREEN) {
        if (worried == null) {
          submission.reject(field + ".worried", title + ": rated " + Rag.of(rag).get().word() + ", so say what we are worried about");
        }
        if (needsToHappen == null) {
          submission.reject(field + ".needsToHappen", title + ": rated " + Rag.of(rag).get().word() + ", so say what needs to happen");
        }
      }
      rated.put(criterion, new BenchmarkingRepository.Rating(agency, criterion, positions.get(criterion), rag, workingWell, worried,
          needsToHappen, by, now));
    }
    positions.keySet().stream().filter(c -> !rated.containsKey(c))
        .forEach(c -> submission.reject(ROWS, "'" + titles.get(c) + "' is not rated"));
    return submission.hasErrors() ? null : new ArrayList<>(rated.values());
  }

  /**
   * The criterion a row rates: by its id, or, should a client send back only the form's fields, by its
   * text (shown read-only on the form).
   */
  private static String criterion(Theme theme, JsonNode row) {
    if (row.hasNonNull("criterion")) {
      return row.get("criterion").asText("");
    }
    String text = row.path("text").asText("");
    return theme.evaluationCriteria().stream().filter(c -> (c.title() + ": " + c.text()).equals(text))
        .map(Theme.EvaluationCriterion::id).findFirst().orElse("");
  }

  private static String answer(Submission submission, JsonNode row, String key, String field, String title) {
    String text = row.path(key).asText("").strip();
    if (text.length() > MAX_ANSWER) {
      submission.reject(field + "." + key, title + ": at most " + MAX_ANSWER + " characters");
      return null;
    }
    return text.isEmpty() ? null : text;
  }
}
