package uk.jtai.response.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * The live feed is read only by a refresh (on the scheduler), never while the calendar answers, so no
 * request or process step waits on it. A stand-in feed on the loopback interface. Milliseconds.
 */
class BankHolidaySourceTest {

  static final LocalDate EXTRA = LocalDate.of(2027, 6, 7);

  HttpServer feed;
  final AtomicInteger requests = new AtomicInteger();
  volatile int status = 200;

  @BeforeEach
  void startFeed() throws Exception {
    feed = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    feed.createContext("/bank-holidays.json", exchange -> {
      requests.incrementAndGet();
      byte[] body = ("{\"england-and-wales\":{\"division\":\"england-and-wales\",\"events\":["
          + "{\"title\":\"Extra bank holiday\",\"date\":\"" + EXTRA + "\"},"
          + "{\"title\":\"Christmas Day\",\"date\":\"2027-12-27\"}]}}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    feed.start();
  }

  @AfterEach
  void stopFeed() {
    feed.stop(0);
  }

  BankHolidaySource source() {
    URI url = URI.create("http://127.0.0.1:" + feed.getAddress().getPort() + "/bank-holidays.json");
    CalendarProperties properties = new CalendarProperties(ZoneId.of("Europe/London"),
        new ClassPathResource("calendar/bank-holidays-england-and-wales.json"),
        new CalendarProperties.Feed(true, url, Duration.ofMillis(1)), List.of(),
        new CalendarProperties.WorkingHours(LocalTime.of(9, 0), LocalTime.of(17, 0)));
    return new BankHolidaySource(properties, new ObjectMapper());
  }

  @Test
  void theCalendarAnswersFromWhatItHoldsAndOnlyARefreshReadsTheFeed() {
    BankHolidaySource source = source();
    for (int i = 0; i < 3; i++) {
      assertThat(source.current().holidayOn(EXTRA)).as("the bundled data, however stale").isEmpty();
    }
    assertThat(requests).as("answering never fetches").hasValue(0);

    assertThat(source.refresh()).isTrue();
    assertThat(requests).hasValue(1);
    assertThat(source.current().holidayOn(EXTRA)).contains("Extra bank holiday");
    assertThat(source.current().holidayOn(LocalDate.of(2026, 12, 25))).as("other years kept from the bundled copy")
        .contains("Christmas Day");
  }

  @Test
  void aFailedRefreshKeepsTheDataInUse() {
    BankHolidaySource source = source();
    status = 503;
    assertThat(source.refresh()).isFalse();
    feed.stop(0);
    assertThat(source.refresh()).isFalse();
    assertThat(source.current().holidayOn(LocalDate.of(2027, 12, 27))).contains("Christmas Day");
    assertThat(source.current().holidayOn(EXTRA)).isEmpty();
  }
}
