package uk.jtai.response.calendar;

/** A date outside the years the bank-holiday data covers: the answer would be a guess, so refuse. */
public class CalendarDataMissingException extends RuntimeException {

  private final int year;

  public CalendarDataMissingException(int year, int firstYear, int lastYear) {
    super("No England and Wales bank holiday data for " + year + " (the data covers " + firstYear + " to "
        + lastYear + "). Update src/main/resources/calendar/bank-holidays-england-and-wales.json from "
        + "https://www.gov.uk/bank-holidays.json, or set jtai.calendar.feed.enabled=true where GOV.UK is reachable.");
    this.year = year;
  }

  public int year() {
    return year;
  }
}
