package uk.jtai.response.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Working days and working hours in the partnership's zone (Europe/London): weekends, England and
 * Wales bank holidays and local closure days are not working days. The one place that decides when a
 * "day N, 17:00" deadline falls.
 */
@Component
public class WorkingCalendar {

  private static final java.time.format.DateTimeFormatter SPOKEN =
      java.time.format.DateTimeFormatter.ofPattern("HH:mm 'on' EEEE d MMMM", java.util.Locale.UK);

  private final BankHolidaySource bankHolidays;
  private final ZoneId zone;
  private final Map<LocalDate, String> closures;
  private final LocalTime workStart;
  private final LocalTime workEnd;

  public WorkingCalendar(BankHolidaySource bankHolidays, CalendarProperties properties) {
    this.bankHolidays = bankHolidays;
    this.zone = properties.zone();
    this.closures = properties.extraClosureDays().stream()
        .collect(Collectors.toUnmodifiableMap(CalendarProperties.ClosureDay::date, CalendarProperties.ClosureDay::title));
    this.workStart = properties.workingHours().start();
    this.workEnd = properties.workingHours().end();
    if (!workStart.isBefore(workEnd)) {
      throw new IllegalArgumentException("jtai.calendar.working-hours: start must be before end");
    }
  }

  /** "17:00 on Thursday 3 June": how e-mails and messages say a time, in this calendar's zone. */
  public String spoken(Instant instant) {
    return spokenTime(instant, zone());
  }

  /** "17:00 on Thursday 3 June" in the zone given. */
  public static String spokenTime(Instant instant, ZoneId zone) {
    return SPOKEN.format(instant.atZone(zone));
  }

  public ZoneId zone() {
    return zone;
  }

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

  /** Why a date is closed: its name ("Saturday", "Good Friday", "Council closure day") and what kind of closure. */
  private record Closure(String name, String kind) {}

  private Optional<Closure> closure(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    if (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY) {
      return Optional.of(new Closure(day == DayOfWeek.SATURDAY ? "Saturday" : "Sunday", "weekend"));
    }
    Optional<String> holiday = bankHolidays.current().holidayOn(date);
    if (holiday.isPresent()) {
      return Optional.of(new Closure(holiday.get(), "bank holiday"));
    }
    return Optional.ofNullable(closures.get(date)).map(title -> new Closure(title, "local closure day"));
  }

  /** Why the date is not a working day ("Saturday", "Good Friday (bank holiday)"...), or empty when it is one. */
  public Optional<String> whyNotWorking(LocalDate date) {
    return closure(date).map(c -> c.kind().equals("weekend") ? c.name() : c.name() + " (" + c.kind() + ")");
  }

  /**
   * A sentence for a user who chose a non-working day, naming it: "Monday 27 December 2027 is not a working
   * day (Christmas Day, bank holiday)", "Saturday 5 June 2027 is not a working day (weekend)"; empty for a
   * working day.
   */
  public Optional<String> notAWorkingDay(LocalDate date) {
    return closure(date).map(c -> DAY.format(date) + " is not a working day ("
        + (c.kind().equals("weekend") ? "" : c.name() + ", ") + c.kind() + ")");
  }

  public boolean isWorkingDay(LocalDate date) {
    return whyNotWorking(date).isEmpty();
  }

  public LocalDate nextWorkingDay(LocalDate date) {
    LocalDate next = date.plusDays(1);
    while (!isWorkingDay(next)) {
      next = next.plusDays(1);
    }
    return next;
  }

  /** Working day {@code n}, counting {@code dayOne} (a working day) as day 1. */
  public LocalDate workingDay(LocalDate dayOne, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("working days are counted from 1, not " + n);
    }
    if (!isWorkingDay(dayOne)) {
      throw new IllegalArgumentException(dayOne + " is not a working day: " + whyNotWorking(dayOne).orElseThrow());
    }
    LocalDate day = dayOne;
    for (int i = 1; i < n; i++) {
      day = nextWorkingDay(day);
    }
    return day;
  }

  /** Which working day {@code date} is, counting {@code dayOne} as day 1 (a non-working date counts as the day before it). */
  public int dayNumber(LocalDate dayOne, LocalDate date) {
    if (date.isBefore(dayOne)) {
      throw new IllegalArgumentException(date + " is before day 1 (" + dayOne + ")");
    }
    int n = 1;
    for (LocalDate day = dayOne.plusDays(1); !day.isAfter(date); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        n++;
      }
    }
    return n;
  }

  /** The working day {@code n} working days after {@code date} (before it, for negative n). */
  public LocalDate plusWorkingDays(LocalDate date, int n) {
    LocalDate day = date;
    int step = n < 0 ? -1 : 1;
    for (int moved = 0; moved != n; ) {
      day = day.plusDays(step);
      if (isWorkingDay(day)) {
        moved += step;
      }
    }
    return day;
  }

  /** How many working days from {@code from} to {@code to}: positive when {@code to} is later. */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    int sign = to.isBefore(from) ? -1 : 1;
    LocalDate a = sign > 0 ? from : to;
    LocalDate b = sign > 0 ? to : from;
    int n = 0;
    for (LocalDate day = a.plusDays(1); !day.isAfter(b); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        n++;
      }
    }
    return sign * n;
  }

  /** When the working day starts on {@code date} ({@code jtai.calendar.working-hours.start}, local time). */
  public Instant startOfWork(LocalDate date) {
    return ZonedDateTime.of(date, workStart, zone).toInstant();
  }

  /** When the working day ends on {@code date} ({@code jtai.calendar.working-hours.end}): "by the end of the day". */
  public Instant endOfWork(LocalDate date) {
    return ZonedDateTime.of(date, workEnd, zone).toInstant();
  }

  /** The instant of local time {@code time} on working day {@code n} (summer time handled by the zone rules). */
  public ZonedDateTime at(LocalDate dayOne, int n, LocalTime time) {
    return ZonedDateTime.of(workingDay(dayOne, n), time, zone);
  }

  /**
   * {@code amount} of working time after {@code from}: time counts only inside working hours on working
   * days, so two hours asked for at 16:00 end at 10:00 on the next working day.
   */
  public Instant addWorkingTime(Instant from, Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("working time cannot be negative: " + amount);
    }
    return plusWorkingTime(from, amount);
  }

  /**
   * How much working time lies between two instants: only time inside working hours on working days
   * counts (Friday 17:00 to Monday 10:00 is one hour); negative when {@code to} is earlier.
   */
  public Duration workingTimeBetween(Instant from, Instant to) {
    if (to.isBefore(from)) {
      return workingTimeBetween(to, from).negated();
    }
    Duration total = Duration.ZERO;
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
      if (isWorkingDay(day)) {
        Instant start = max(from, startOfWork(day));
        Instant end = min(to, endOfWork(day));
        if (start.isBefore(end)) {
          total = total.plus(Duration.between(start, end));
        }
      }
    }
    return total;
  }

  /**
   * {@code instant} moved by {@code amount} of working time: later for a positive amount, earlier for a
   * negative one, counting only time inside working hours on working days, so the result is always
   * within working hours on a working day. Where the count ends exactly at a day's boundary it ends at
   * the close of the earlier day (17:00, "by the end of the day"), never at the next morning's opening.
   * The inverse of {@link #workingTimeBetween}: a milestone that follows another keeps its working-time
   * distance from it.
   */
  public Instant plusWorkingTime(Instant instant, Duration amount) {
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    if (amount.isNegative()) {
      LocalDateTime cursor = endOfWorkAtOrBefore(local);
      Duration remaining = amount.negated();
      while (true) {
        Duration doneToday = Duration.between(workStart, cursor.toLocalTime());
        if (remaining.compareTo(doneToday) < 0) {
          return cursor.minus(remaining).atZone(zone).toInstant();
        }
        remaining = remaining.minus(doneToday);
        cursor = LocalDateTime.of(previousWorkingDay(cursor.toLocalDate()), workEnd);
      }
    }
    LocalDateTime cursor = startOfWorkAtOrAfter(local);
    Duration remaining = amount;
    while (true) {
      Duration leftToday = Duration.between(cursor.toLocalTime(), workEnd);
      if (remaining.compareTo(leftToday) <= 0) {
        return cursor.plus(remaining).atZone(zone).toInstant();
      }
      remaining = remaining.minus(leftToday);
      cursor = LocalDateTime.of(nextWorkingDay(cursor.toLocalDate()), workStart);
    }
  }

  private LocalDate previousWorkingDay(LocalDate date) {
    LocalDate previous = date.minusDays(1);
    while (!isWorkingDay(previous)) {
      previous = previous.minusDays(1);
    }
    return previous;
  }

  /** The first working moment at or after {@code local}; the close of a working day (17:00) still counts. */
  private LocalDateTime startOfWorkAtOrAfter(LocalDateTime local) {
    LocalDate date = local.toLocalDate();
    if (!isWorkingDay(date) || local.toLocalTime().isAfter(workEnd)) {
      return LocalDateTime.of(nextWorkingDay(date), workStart);
    }
    return local.toLocalTime().isBefore(workStart) ? LocalDateTime.of(date, workStart) : local;
  }

  /** The last working moment at or before {@code local}: the close of the previous working day before 09:00. */
  private LocalDateTime endOfWorkAtOrBefore(LocalDateTime local) {
    LocalDate date = local.toLocalDate();
    if (!isWorkingDay(date) || !local.toLocalTime().isAfter(workStart)) {
      return LocalDateTime.of(previousWorkingDay(date), workEnd);
    }
    return local.toLocalTime().isAfter(workEnd) ? LocalDateTime.of(date, workEnd) : local;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
