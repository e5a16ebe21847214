package uk.jtai.response.benchmarking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.BetweenInspections;
import uk.jtai.response.process.Standing;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.security.Roles;

/**
 * Bean {@code benchmarking}: the benchmarking self-assessment (guidance 8). For bpmn/benchmarking.bpmn:
 * each agency's rows (one per evaluation criterion of the theme), the Business Unit's criterion by agency
 * view, kept current as returns arrive. For the fieldwork stage: {@link #latestPresentation(String)},
 * where the presentation built from the latest self-assessment on a theme is (used on day 11).
 */
@Component("benchmarking")
public class Benchmarking {

  public static final String PROCESS_KEY = "benchmarking";
  static final String ANALYSIS_TASK = "Task_AnalyseBenchmarking";
  static final String NOT_RETURNED = "Not returned";

  private final BenchmarkingRepository repository;
  private final ThemeRegistry themes;
  private final Partnership partnership;
  private final BetweenInspections between;
  private final BenchmarkingProperties properties;
  private final ObjectMapper json = new ObjectMapper();

  public Benchmarking(BenchmarkingRepository repository, ThemeRegistry themes, Partnership partnership,
                      BetweenInspections between, BenchmarkingProperties properties) {
    this.repository = repository;
    this.themes = themes;
    this.partnership = partnership;
    this.between = between;
    this.properties = properties;
  }

  /**
   * Where the partnership's context presentation for {@code themeId} is: the presentation reference
   * recorded by the latest analysed self-assessment on the theme, or null when there is none yet. The
   * fieldwork stage shows it to be checked and updated before the day 11 meeting (guidance 13).
   */
  public String latestPresentation(String themeId) {
    return latest(themeId).map(BenchmarkingRepository.Presentation::reference).orElse(null);
  }

  /** The latest presentation of the theme with who recorded it, when, and from which self-assessment. */
  public Optional<BenchmarkingRepository.Presentation> latest(String themeId) {
    return repository.latestPresentation(themeId);
  }

  static String key(VariableScope scope) {
    return Standing.REFERENCE.get(scope);
  }

  private Theme theme(VariableScope scope) {
    return themes.theme(Standing.THEME.get(scope));
  }

  /** Every agency of the theme rates itself. */
  public List<String> agencies(VariableScope scope) {
    return theme(scope).agencies();
  }

  /** The analysis is due jtai.benchmarking.analysis-working-days after the agencies' deadline. */
  public Date analysisDue(VariableScope scope) {
    Instant deadline = BenchmarkingVariables.BENCHMARKING_DUE.get(scope).toInstant();
    return Date.from(between.endOfWorkingDaysAfter(deadline, properties.analysisWorkingDays()));
  }

  /** An agency's empty return: one row per criterion, with the Signs of Safety questions. */
  public SpinJsonNode rows(VariableScope scope) {
    ArrayNode rows = json.createArrayNode();
    for (Theme.EvaluationCriterion criterion : theme(scope).evaluationCriteria()) {
      rows.addObject().put("criterion", criterion.id()).put("title", criterion.title())
          .put("text", criterion.title() + ": " + criterion.text())
          .put("rag", "").put("workingWell", "").put("worried", "").put("needsToHappen", "");
    }
    return Spin.JSON(rows.toString());
  }

  /** The agencies that have not returned their ratings yet, by name ("" when all have). */
  public String missing(VariableScope scope) {
    List<String> returned = repository.agenciesReturned(key(scope));
    return String.join(", ", agencies(scope).stream().filter(a -> !returned.contains(a)).map(partnership::agencyName).toList());
  }

  /** The Business Unit's view: per criterion, each agency's rating and the partnership's spread. */
  public SpinJsonNode view(VariableScope scope) {
    Map<String, Map<String, String>> ratings = ratingsByCriterion(key(scope));
    ArrayNode rows = json.createArrayNode();
    for (Theme.EvaluationCriterion criterion : theme(scope).evaluationCriteria()) {
      ObjectNode row = rows.addObject().put("criterion", criterion.title());
      Map<String, String> byAgency = ratings.getOrDefault(criterion.id(), Map.of());
      Map<Rag, Integer> spread = new EnumMap<>(Rag.class);
      int notReturned = 0;
      for (String agency : agencies(scope)) {
        String rag = byAgency.get(agency);
        row.put(agency, rag == null ? NOT_RETURNED : Rag.of(rag).map(Rag::word).orElse(rag));
        if (rag == null) {
          notReturned++;
        } else {
          Rag.of(rag).ifPresent(r -> spread.merge(r, 1, Integer::sum));
        }
      }
      List<String> parts = new ArrayList<>();
      spread.forEach((rag, n) -> parts.add(n + " " + rag.word()));
      if (notReturned > 0) {
        parts.add(notReturned + " not returned");
      }
      row.put("partnership", String.join(", ", parts));
    }
    return Spin.JSON(rows.toString());
  }

  public SpinJsonNode columns(VariableScope scope) {
    ArrayNode columns = json.createArrayNode();
    columns.addObject().put("key", "criterion").put("label", "Evaluation criterion");
    for (String agency : agencies(scope)) {
      columns.addObject().put("key", agency).put("label", partnership.agencyName(agency));
    }
    columns.addObject().put("key", "partnership").put("label", "Partnership");
    return Spin.JSON(columns.toString());
  }

  /** Where the Business Unit downloads every rating and answer (authenticated; the Business Unit only). */
  public String downloadLink(VariableScope scope) {
    return "/api/benchmarking/" + key(scope) + "/ratings.csv";
  }

  /** After an agency's return: brings the Business Unit's analysis task up to date (asynchronous step). */
  public void refresh(DelegateExecution execution) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(BenchmarkingVariables.RATINGS_VIEW, view(execution));
    variables.put(BenchmarkingVariables.RATINGS_MISSING, missing(execution));
    between.refreshTask(execution, ANALYSIS_TASK, variables);
  }

  private Map<String, Map<String, String>> ratingsByCriterion(String key) {
    Map<String, Map<String, String>> byCriterion = new LinkedHashMap<>();
    for (BenchmarkingRepository.Rating rating : repository.ratings(key)) {
      byCriterion.computeIfAbsent(rating.criterion(), c -> new LinkedHashMap<>()).put(rating.agency(), rating.rag());
    }
    return byCriterion;
  }

  /** The spreadsheet: one line per criterion and agency, with the rating and the three answers. */
  public List<List<String>> table(String key) {
    Theme theme = themes.theme(repository.theme(key).orElseThrow(() -> new IllegalArgumentException("no benchmarking " + key)));
    Map<String, BenchmarkingRepository.Rating> ratings = new LinkedHashMap<>();
    for (BenchmarkingRepository.Rating rating : repository.ratings(key)) {
      ratings.put(rating.criterion() + "|" + rating.agency(), rating);
    }
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("Evaluation criterion", "Agency", "Rating", "What is working well", "What are we worried about",
        "What needs to happen", "Returned"));
    for (Theme.EvaluationCriterion criterion : theme.evaluationCriteria()) {
      for (String agency : theme.agencies()) {
        BenchmarkingRepository.Rating rating = ratings.get(criterion.id() + "|" + agency);
        if (rating == null) {
          table.add(List.of(criterion.title(), partnership.agencyName(agency), NOT_RETURNED, "", "", "", ""));
        } else {
          table.add(List.of(criterion.title(), partnership.agencyName(agency), Rag.of(rating.rag()).map(Rag::word).orElse(rating.rag()),
              nz(rating.workingWell()), nz(rating.worried()), nz(rating.needsToHappen()),
              between.day(rating.submittedAt()) + (rating.submittedBy() == null ? "" : " by " + rating.submittedBy())));
        }
      }
    }
    return table;
  }

  private static String nz(String text) {
    return text == null ? "" : text;
  }

  /** The Business Unit sends the benchmarking template (8.2). */
  @Bean
  static ProcessStarters benchmarkingStarters() {
    return new ProcessStarters(PROCESS_KEY, List.of(Roles.BUSINESS_UNIT));
  }
}
