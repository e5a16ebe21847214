package uk.jtai.response.perf;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The engine clock (which is the whole product's "now", calendar/EngineTime) moved forward in jumps
 * while it keeps running at the wall clock's pace between them, as a real clock would: timers, the job
 * executor, the reminder and outbox pollers all see time pass. Every jump is logged, so an instant of
 * engine time can be turned back into the wall-clock instant at which the engine reached it.
 */
final class MovedClock {

  /** From wall instant {@code wall} on, engine time = wall time + {@code offset}. */
  private record Jump(long wall, long offset) {}

  private final List<Jump> jumps = new ArrayList<>();

  /** Moves the engine clock forward to {@code engineMillis}; never backwards (a late stage keeps the time it has). */
  synchronized void moveTo(long engineMillis) {
    long wall = System.currentTimeMillis();
    long offset = jumps.isEmpty() ? 0 : jumps.get(jumps.size() - 1).offset();
    long target = Math.max(engineMillis, wall + offset);
    ClockUtil.offset(target - wall);
    jumps.add(new Jump(wall, target - wall));
  }

  synchronized long engineNow() {
    return ClockUtil.getCurrentTime().getTime();
  }

  /**
   * The wall instant at which the engine clock first reached {@code engineMillis}: in the running stretch
   * that contains it, or at the jump that passed over it.
   */
  synchronized long wallWhenReached(long engineMillis) {
    for (int i = 0; i < jumps.size(); i++) {
      Jump jump = jumps.get(i);
      long stretchEnds = i + 1 < jumps.size() ? jumps.get(i + 1).wall() + jump.offset() : Long.MAX_VALUE;
      if (engineMillis < jump.wall() + jump.offset()) {
        return jump.wall(); // passed over by this jump
      }
      if (engineMillis < stretchEnds) {
        return engineMillis - jump.offset();
      }
    }
    throw new IllegalStateException("the engine clock has not reached " + engineMillis);
  }

  void reset() {
    ClockUtil.reset();
  }
}
