package uk.jtai.response.benchmarking;

import java.util.Date;
import uk.jtai.response.process.Var;

/**
 * Variables of bpmn/benchmarking.bpmn. The process also carries {@code reference} (its business key),
 * {@code theme}, {@code themeName} and {@code taskDescription}; each agency's branch has {@code agency}.
 * The ratings are kept in the product's tables ({@link BenchmarkingRepository}).
 */
public final class BenchmarkingVariables {

  private BenchmarkingVariables() {}

  /** The Business Unit's deadline for the agencies' returns (start form; guidance 8.4). */
  public static final Var<Date> BENCHMARKING_DUE = Var.of("benchmarkingDue", Date.class);
  /** Where the benchmarking template and guidance are (start form): a location, never documents. */
  public static final Var<String> TEMPLATE_LOCATION = Var.of("templateLocation", String.class);

  // What the Business Unit's analysis task shows (task-local); the forms' own fields are their records'.
  public static final String RATINGS_VIEW = "benchmarkingRatings";
  public static final String RATINGS_COLUMNS = "benchmarkingColumns";
  public static final String RATINGS_MISSING = "ratingsMissing";
}
