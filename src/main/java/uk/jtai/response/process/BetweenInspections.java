package uk.jtai.response.process;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.CalendarProperties;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.WorkingCalendar;

/**
 * What the processes the Business Unit runs between inspections (theme readiness, benchmarking, the
 * contacts check, rehearsals) share. They are not inspections: they have no schedule, so their
 * deadlines are dates they carry themselves; their business key says what they are and when they began
 * (e.g. {@code READINESS-DOMESTIC-ABUSE-2027-06-01}), which is also the "reference" their e-mails and
 * escalations show.
 */
@Component
public class BetweenInspections {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

  private final WorkingCalendar calendar;
  private final CalendarProperties calendarProperties;
  private final HistoryService history;
  private final TaskService tasks;

  public BetweenInspections(WorkingCalendar calendar, CalendarProperties calendarProperties, @Lazy HistoryService history,
                            @Lazy TaskService tasks) {
    this.calendar = calendar;
    this.calendarProperties = calendarProperties;
    this.history = history;
    this.tasks = tasks;
  }

  /**
   * A business key no process has had: {@code <PREFIX>-<THEME>-<date>}, with "-2", "-3"... when the same
   * is started again that day. At most 64 characters (the product's tables hold no more).
   */
  public String newKey(String prefix, String themeId) {
    String base = prefix + (themeId == null ? "" : "-" + themeId.toUpperCase(Locale.UK)) + "-" + DAY.format(today());
    String key = base;
    for (int n = 2; used(key); n++) {
      key = base + "-" + n;
    }
    if (key.length() > 64) {
      throw new IllegalStateException("business key " + key + " is longer than 64 characters: use a shorter theme id");
    }
    return key;
  }

  private boolean used(String key) {
    return withoutAuthorization(() -> history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).count() > 0);
  }

  public LocalDate today() {
    return EngineTime.now().atZone(calendar.zone()).toLocalDate();
  }

  /** The end of the working day {@code days} working days after today (Europe/London). */
  public Instant endOfWorkingDaysFromNow(int days) {
    return endOfWorkingDaysAfter(EngineTime.now(), days);
  }

  /** The end of the working day {@code days} working days after the day of {@code from}. */
  public Instant endOfWorkingDaysAfter(Instant from, int days) {
    LocalDate day = from.atZone(calendar.zone()).toLocalDate();
    for (int i = 0; i < days; i++) {
      day = calendar.nextWorkingDay(day);
    }
    return ZonedDateTime.of(day, calendarProperties.workingHours().end(), calendar.zone()).toInstant();
  }

  /** {@code due} while it is still ahead; otherwise the end of the working day {@code days} from now. */
  public Date dueOrWorkingDaysFromNow(Date due, int days) {
    if (due != null && due.toInstant().isAfter(EngineTime.now())) {
      return due;
    }
    return Date.from(endOfWorkingDaysFromNow(days));
  }

  /** "17:00 on Friday 2 July" style for forms. */
  public String spoken(Instant instant) {
    return calendar.spoken(instant);
  }

  /** "2 July 2027" for tables. */
  public String day(Instant instant) {
    return instant == null ? "" : DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK).format(instant.atZone(calendar.zone()));
  }

  /**
   * Brings the open task {@code taskKey} of the process instance up to date (its task-local variables).
   * Called from asynchronous, exclusive steps only, so two updates of one task never collide.
   */
  public void refreshTask(DelegateExecution execution, String taskKey, Map<String, Object> variables) {
    List<Task> open = withoutAuthorization(() -> tasks.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(taskKey).list());
    for (Task task : open) {
      tasks.setVariablesLocal(task.getId(), variables);
    }
  }

  private static <T> T withoutAuthorization(java.util.concurrent.Callable<T> query) {
    CommandContext context = Context.getCommandContext();
    try {
      return context == null ? query.call() : context.runWithoutAuthorization(query);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
