package uk.jtai.response.process;

import java.util.Set;

/**
 * Where a step stands: the variables the service sets when a process or a step begins (which inspection,
 * theme, agency or child it is about) and reads back when the step completes. jtai-inspection sets the
 * inspection's at its start and each called process receives them through camunda:in; a step done per
 * agency or per child gets its own as the multi-instance element variable. No form declares them and no
 * submission may carry them ({@link #NAMES}), so a submitter can never move a step to another inspection,
 * agency, child or version.
 */
public final class Standing {

  private Standing() {}

  /** The process of an inspection (and of a rehearsal), one instance per inspection. */
  public static final String INSPECTION_PROCESS_KEY = "jtai-inspection";

  /** The inspection reference, e.g. JTAI-2027-05-YORK; also the business key. */
  public static final Var<String> REFERENCE = Var.ofProcess("reference", String.class);
  /** The theme id, e.g. domestic-abuse. */
  public static final Var<String> THEME = Var.ofProcess("theme", String.class);
  /** When the lead inspector notified the DCS, ISO-8601 with offset. */
  public static final Var<String> NOTIFIED_AT = Var.ofProcess("notifiedAt", String.class);
  /** The theme's name, for people reading Cockpit. */
  public static final Var<String> THEME_NAME = Var.ofProcess("themeName", String.class);
  /** In a step done once per agency: the agency's id (multi-instance element variable). */
  public static final Var<String> AGENCY = Var.of("agency", String.class);
  /** In a step done once per audited child: the child's position in the audit selection, 1 to n. */
  public static final Var<Integer> CHILD_NUMBER = Var.of("childNumber", Integer.class);

  /**
   * Every variable that says where a step stands or how it is handled, by name: the above, the audit
   * report's version, a concern's id, an escalation's settings, the counts of the selections and the
   * rehearsal flag. A task's submission carrying one is refused.
   */
  public static final Set<String> NAMES = Set.of(
      REFERENCE.name(), THEME.name(), THEME_NAME.name(), NOTIFIED_AT.name(), AGENCY.name(), CHILD_NUMBER.name(),
      "reportVersion", "reportLocation", "concernId", "taskDescription", "missedDeadlines", "overdueTask", "milestone",
      "notify", Rehearsals.REQUESTED, "firstSelectionCount", "auditSelectionCount");
}
