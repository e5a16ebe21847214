package uk.jtai.response.childselection;

import uk.jtai.response.process.Var;

/**
 * Variables of bpmn/child-selection.bpmn. The selections themselves are child-level data and are
 * held in table jtai_selected_child (see {@link SelectedChildren}), not in process variables; what a
 * form shows of them is a view of that task (tasks/TaskViews), read from the table when it is opened.
 */
public final class ChildSelectionVariables {

  private ChildSelectionVariables() {}

  /** How many children the inspectors selected (a count is not child-level data). */
  public static final Var<Integer> FIRST_SELECTION_COUNT = Var.of("firstSelectionCount", Integer.class);
  public static final Var<Integer> AUDIT_SELECTION_COUNT = Var.of("auditSelectionCount", Integer.class);

  /** The relative deadline of the known-to-agency returns, set when the first selection is recorded. */
  public static final String KNOWN_TO_AGENCY_DUE = "KNOWN_TO_AGENCY_DUE";

  /**
   * LAIM forwards the returns to the inspectors by this milestone of the theme (guidance 9.4 and 9.5): the
   * known-to-agency window never runs past it.
   */
  public static final String RETURNS_FORWARDED_DUE = "RETURNS_FORWARDED_DUE";
}
