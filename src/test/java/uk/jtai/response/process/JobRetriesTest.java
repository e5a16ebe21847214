package uk.jtai.response.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.jtai.response.support.ProcessTestSupport;

/**
 * A job that fails (a timer whose step throws) is retried on the application's ladder, one minute, five, fifteen, and
 * on its fourth failure raises an incident for Cockpit. The engine takes the ladder from the job's step on its first
 * failure (Camunda's "legacy" retry behaviour, kept on purpose: Camunda 7.24's other behaviour reads the ladder when
 * each job is created, which fails the whole command when a timer's job definition is not found,
 * camunda-bpm-platform#5486).
 */
class JobRetriesTest extends ProcessTestSupport {

  /** The application's {@code failedJobRetryTimeCycle}: the waits after the first, second and third failures. */
  private static final List<Duration> LADDER = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));

  private Deployment deployment;

  @BeforeEach
  void deployAFailingTimer() {
    deployment = repository.createDeployment().name("job-retries-check").addModelInstance("job-retries-check.bpmn",
        Bpmn.createExecutableProcess("job_retries_check").camundaHistoryTimeToLive(1).startEvent()
            .intermediateCatchEvent("Timer_Wait").timerWithDuration("PT1H")
            .serviceTask("Task_Fail").camundaExpression("${noSuchBean.run()}").endEvent().done())
        .deploy();
  }

  @AfterEach
  void removeIt() {
    repository.deleteDeployment(deployment.getId(), true);
  }

  @Test
  void theEngineKeepsCamundasLegacyRetryBehaviour() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).isLegacyJobRetryBehaviorEnabled())
        .isTrue();
  }

  @Test
  void aFailingTimerIsRetriedAfterOneFiveAndFifteenMinutesThenRaisesAnIncidentOnItsFourthFailure() {
    Instant start = instant("2027-05-24T09:00:00+01:00");
    ClockUtil.setCurrentTime(Date.from(start));
    String instance = runtime.startProcessInstanceByKey("job_retries_check").getId();
    Job timer = management.createJobQuery().processInstanceId(instance).singleResult();
    assertThat(timer.getProcessDefinitionId()).isEqualTo(runtime.createProcessInstanceQuery()
        .processInstanceId(instance).singleResult().getProcessDefinitionId());

    Instant now = start.plus(Duration.ofHours(1));
    for (int failure = 1; failure <= 4; failure++) {
      ClockUtil.setCurrentTime(Date.from(now));
      assertThatThrownBy(() -> management.executeJob(timer.getId())).hasMessageContaining("noSuchBean");
      Job failed = management.createJobQuery().jobId(timer.getId()).singleResult();
      assertThat(failed.getExceptionMessage()).contains("noSuchBean");
      assertThat(failed.getRetries()).as("retries left after failure %d", failure).isEqualTo(4 - failure);
      assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).as("incidents after failure %d", failure)
          .isEqualTo(failure == 4 ? 1 : 0);
      if (failure < 4) {
        Duration wait = LADDER.get(failure - 1);
        assertThat(failed.getDuedate().toInstant()).as("due after failure %d", failure).isEqualTo(now.plus(wait));
        now = now.plus(wait);
      }
    }
    Incident incident = runtime.createIncidentQuery().processInstanceId(instance).singleResult();
    assertThat(incident.getActivityId()).isEqualTo("Timer_Wait");
    assertThat(incident.getIncidentMessage()).contains("noSuchBean");
  }
}
