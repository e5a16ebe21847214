package uk.jtai.response.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * England and Wales bank holidays, read from GOV.UK's {@code bank-holidays.json} format. The data
 * covers whole calendar years, from the year of its first event to the year of its last; asking about
 * any other year is refused rather than answered wrongly.
 */
public final class BankHolidays {

  static final String DIVISION = "england-and-wales";

  private final TreeMap<LocalDate, String> holidays;
  private final int firstYear;
  private final int lastYear;

  private BankHolidays(TreeMap<LocalDate, String> holidays) {
    if (holidays.isEmpty()) {
      throw new IllegalArgumentException("bank holiday data for " + DIVISION + " holds no events");
    }
    this.holidays = holidays;
    this.firstYear = holidays.firstKey().getYear();
    this.lastYear = holidays.lastKey().getYear();
  }

  public static BankHolidays read(InputStream json, ObjectMapper mapper) throws IOException {
    JsonNode events = mapper.readTree(json).path(DIVISION).path("events");
    if (!events.isArray()) {
      throw new IOException("not GOV.UK bank-holidays.json: no '" + DIVISION + "' events");
    }
    TreeMap<LocalDate, String> holidays = new TreeMap<>();
    for (JsonNode event : events) {
      holidays.put(LocalDate.parse(event.path("date").asText()), event.path("title").asText());
    }
    return new BankHolidays(holidays);
  }

  /**
   * This data with the years {@code newer} covers replaced by {@code newer}'s events: a live feed
   * refreshes the years it covers and the bundled copy keeps answering for the rest.
   */
  public BankHolidays updatedWith(BankHolidays newer) {
    TreeMap<LocalDate, String> merged = new TreeMap<>();
    holidays.forEach((date, title) -> {
      if (!newer.covers(date.getYear())) {
        merged.put(date, title);
      }
    });
    merged.putAll(newer.holidays);
    return new BankHolidays(merged);
  }

  public boolean covers(int year) {
    return year >= firstYear && year <= lastYear;
  }

  /** The bank holiday's title on that date, if it is one. */
  public Optional<String> holidayOn(LocalDate date) {
    if (!covers(date.getYear())) {
      throw new CalendarDataMissingException(date.getYear(), firstYear, lastYear);
    }
    return Optional.ofNullable(holidays.get(date));
  }

  public int firstYear() {
    return firstYear;
  }

  public int lastYear() {
    return lastYear;
  }

  public Map<LocalDate, String> asMap() {
    return java.util.Collections.unmodifiableMap(holidays);
  }
}
