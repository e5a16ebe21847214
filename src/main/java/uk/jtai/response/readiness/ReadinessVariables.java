package uk.jtai.response.readiness;

import java.util.Date;
import uk.jtai.response.process.Var;

/**
 * Variables of bpmn/theme-readiness.bpmn. The process also carries {@code reference} (its business key),
 * {@code theme}, {@code themeName} and {@code taskDescription}; each agency's branch has {@code agency}.
 * The answers themselves are kept in the product's tables ({@link ReadinessRepository}).
 */
public final class ReadinessVariables {

  private ReadinessVariables() {}

  /** The Business Unit's deadline for the first checklists (start form). */
  public static final Var<Date> READINESS_DUE = Var.of("readinessDue", Date.class);
  /** Where the filing structure for the theme's evidence is (start form): a location, never documents. */
  public static final Var<String> EVIDENCE_LOCATION = Var.of("evidenceLocation", String.class);
  /** How long after its sign-off an agency is asked to re-check (ISO-8601, e.g. P3M), from jtai.readiness.recheck-cycle. */
  public static final Var<String> RECHECK_CYCLE = Var.of("recheckCycle", String.class);

  // What the tasks show (task-local on their task); the forms' own fields are their records'.
  public static final String CHECKLIST_NOTE = "checklistNote";
  public static final String QUALITY_ASSURER_OPTIONS = "qualityAssurerOptions";
  public static final String CHECKLIST_VIEW = "checklistView";
  public static final String CHECKLIST_VIEW_COLUMNS = "checklistViewColumns";
  public static final String EVIDENCE_STATUS = "evidenceStatus";
  public static final String EVIDENCE_STATUS_COLUMNS = "evidenceStatusColumns";
}
