package uk.jtai.response.tasks;

import java.util.Set;

/**
 * Where a task stands: the variables the service sets when a step is created (which inspection, agency,
 * child or report version it is about, and how it is escalated) and reads back when it completes. No
 * form declares them and no submission may carry them, so a submitter can never move a task to another
 * inspection, agency, child or version.
 */
public final class TaskStanding {

  private TaskStanding() {}

  public static final Set<String> VARIABLES = Set.of(
      "reference", "theme", "themeName", "notifiedAt", "agency", "childNumber", "reportVersion", "reportLocation",
      "concernId", "taskDescription", "missedDeadlines", "overdueTask", "milestone", "notify", "rehearsal",
      "firstSelectionCount", "auditSelectionCount");
}
