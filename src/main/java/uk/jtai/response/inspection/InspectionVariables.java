package uk.jtai.response.inspection;

import uk.jtai.response.process.Var;

/**
 * Variables of every inspection process. jtai-inspection sets them at the start; each called process
 * receives {@code reference} (and its business key) through camunda:in.
 */
public final class InspectionVariables {

  private InspectionVariables() {}

  /** The inspection reference, e.g. JTAI-2027-05-YORK; also the business key. */
  public static final Var<String> REFERENCE = Var.of("reference", String.class);
  /** The theme id, e.g. domestic-abuse. */
  public static final Var<String> THEME = Var.of("theme", String.class);
  /** When the lead inspector notified the DCS, ISO-8601 with offset. */
  public static final Var<String> NOTIFIED_AT = Var.of("notifiedAt", String.class);
  /** The theme's name, for people reading Cockpit. */
  public static final Var<String> THEME_NAME = Var.of("themeName", String.class);
  /** In a step done once per agency: the agency's id (multi-instance element variable). */
  public static final Var<String> AGENCY = Var.of("agency", String.class);
  /** In a step done once per audited child: the child's position in the audit selection, 1 to n. */
  public static final Var<Integer> CHILD_NUMBER = Var.of("childNumber", Integer.class);
}
