package uk.jtai.response.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What e-mails, the digest and the record of missed deadlines call a task: its step, without the inspection and
 * due day its name ends with in Tasklist (they already say which inspection they are about). The names themselves
 * are checked where the tasks are made (NotificationCascadeProcessTest, MoveDeadlineTest, CaseAuditProcessTest).
 */
class TaskNamingTest {

  @Test
  void theStepIsTheNameWithoutItsInspectionAndDueDay() {
    assertThat(TaskNaming.step("Submit the Annex A child-level lists (Local Authority) \u2013 JTAI-2027-05-YORK, due day 2"))
        .isEqualTo("Submit the Annex A child-level lists (Local Authority)");
    assertThat(TaskNaming.step("[REHEARSAL] Record the findings feedback \u2013 REHEARSAL-JTAI-2027-06-CYSCP-2, due day 15"))
        .isEqualTo("[REHEARSAL] Record the findings feedback");
    assertThat(TaskNaming.step("Record an issue of concern raised by the inspectors \u2013 JTAI-2027-05-YORK"))
        .as("a task with no deadline names its inspection only").isEqualTo("Record an issue of concern raised by the inspectors");
    assertThat(TaskNaming.step("Complete your documentary evidence checklist (Police)"))
        .as("a task of no inspection is left as it is").isEqualTo("Complete your documentary evidence checklist (Police)");
    assertThat(TaskNaming.step("Give the lead inspector the multi-agency meetings \u2013 and more \u2013 JTAI-1, due day 5"))
        .as("only the end is the inspection's").isEqualTo("Give the lead inspector the multi-agency meetings \u2013 and more");
  }
}
