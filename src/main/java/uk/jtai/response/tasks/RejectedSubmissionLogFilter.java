package uk.jtai.response.tasks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * A refused submission is the user's mistake, answered with 400 and the reasons; the engine would also
 * log it as an ERROR with a stack trace (ENGINE-16004). This filter drops those log events, so the log
 * shows real failures only and never the text of a refused submission.
 */
public class RejectedSubmissionLogFilter extends TurboFilter {

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (rejected(t)) {
      return FilterReply.DENY;
    }
    if (params != null) {
      for (Object param : params) {
        if (param instanceof Throwable throwable && rejected(throwable)) {
          return FilterReply.DENY;
        }
      }
    }
    return FilterReply.NEUTRAL;
  }

  private static boolean rejected(Throwable t) {
    for (Throwable cause = t; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof SubmissionRejectedException) {
        return true;
      }
    }
    return false;
  }
}
