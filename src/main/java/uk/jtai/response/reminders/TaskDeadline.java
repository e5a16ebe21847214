package uk.jtai.response.reminders;

import java.time.Instant;

/**
 * What reminders are planned from: an open user task's due date, the milestone it comes from (null when
 * the due date is no milestone), whether the model escalates the task itself at the deadline, and the agency
 * whose task it is (its {@code agency} variable; null when it has none).
 */
public record TaskDeadline(String reference, String taskId, String milestone, Instant due, boolean escalatedByModel,
                           String agency) {}
