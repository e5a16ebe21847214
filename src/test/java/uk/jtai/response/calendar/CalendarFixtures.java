package uk.jtai.response.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.core.io.ClassPathResource;

/** A working calendar on the bundled bank-holiday data, without Spring. */
public final class CalendarFixtures {

  private CalendarFixtures() {}

  public static CalendarProperties properties(List<CalendarProperties.ClosureDay> closures) {
    return new CalendarProperties(ZoneId.of("Europe/London"),
        new ClassPathResource("calendar/bank-holidays-england-and-wales.json"),
        new CalendarProperties.Feed(false, URI.create("https://www.gov.uk/bank-holidays.json"), Duration.ofDays(1)),
        closures,
        new CalendarProperties.WorkingHours(LocalTime.of(9, 0), LocalTime.of(17, 0)));
  }

  public static WorkingCalendar calendar(List<CalendarProperties.ClosureDay> closures) {
    CalendarProperties properties = properties(closures);
    return new WorkingCalendar(new BankHolidaySource(properties, new ObjectMapper()), properties);
  }

  public static WorkingCalendar calendar() {
    return calendar(List.of());
  }
}
