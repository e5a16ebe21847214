package uk.jtai.response;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.junit.jupiter.api.Test;

/** A job executor that would spin when idle (max-wait below the first wait) is refused at start-up, naming both. */
class JobExecutorBackOffTest {

  private static JobExecutor executor(int waitTime, long maxWait) {
    JobExecutor executor = new DefaultJobExecutor();
    executor.setWaitTimeInMillis(waitTime);
    executor.setMaxWait(maxWait);
    return executor;
  }

  @Test
  void aLongestIdleWaitBelowTheFirstIsRefused() {
    assertThatThrownBy(() -> EngineConfiguration.requireIdleBackOff(executor(5000, 2000)))
        .hasMessageContaining("max-wait (2000 ms) is below wait-time-in-millis (5000 ms)");
  }

  @Test
  void theDefaultsAndAShortBackOffAreAccepted() {
    assertThatCode(() -> EngineConfiguration.requireIdleBackOff(executor(5000, 60000))).doesNotThrowAnyException();
    assertThatCode(() -> EngineConfiguration.requireIdleBackOff(executor(500, 2000))).doesNotThrowAnyException();
    assertThatCode(() -> EngineConfiguration.requireIdleBackOff(null)).doesNotThrowAnyException();
  }
}
