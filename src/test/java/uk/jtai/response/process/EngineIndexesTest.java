package uk.jtai.response.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * The indexes the product adds to the engine's tables exist once it has started, every new job has a due date (so the
 * job executor's acquisition can use the index), and a job an earlier version left without one is given "now" at
 * start, so that the job executor still finds it.
 */
class EngineIndexesTest extends ProcessTestSupport {

  @Test
  void theIndexesExistAndEveryJobHasADueDate() {
    assertThat(jdbc.queryForObject("select count(*) from INFORMATION_SCHEMA.INDEXES where INDEX_NAME in "
        + "('JTAI_IDX_TASK_PARENT', 'JTAI_IDX_JOB_DUEDATE', 'JTAI_IDX_TASK_DEF_KEY')", Long.class)).isEqualTo(3);

    inspectionWithPartnersNotified();
    assertThat(management.createJobQuery().list()).isNotEmpty()
        .allSatisfy(job -> assertThat(job.getDuedate()).as(job.getId()).isNotNull());
  }

  @Test
  void aJobLeftWithoutADueDateIsGivenNowAtStartAndStaysExecutable() {
    String reference = newReference();
    startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    moveClockTo("2027-05-24T10:00:00+01:00");
    Job job = management.createJobQuery().list().get(0);
    jdbc.update("update ACT_RU_JOB set DUEDATE_ = null where ID_ = ?", job.getId());
    assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getDuedate())
        .as("as a version before this one left it; the acquisition, by due date only, would never find it").isNull();

    EngineIndexes.apply((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration());

    Job given = management.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(given.getDuedate().toInstant()).isEqualTo(instant("2027-05-24T10:00:00+01:00"));
    assertThat(management.createJobQuery().jobId(job.getId()).executable().count()).isEqualTo(1);
  }
}
