package uk.jtai.response.calendar;

import java.time.Instant;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * "Now" for the whole product is the engine's clock, so timers, deadlines and the outbox agree when the
 * clock is moved (in tests) and are the system clock otherwise.
 */
public final class EngineTime {

  private EngineTime() {}

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }
}
