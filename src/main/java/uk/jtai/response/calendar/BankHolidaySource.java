package uk.jtai.response.calendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Holds the bank-holiday data in use: the copy bundled with the product, refreshed from GOV.UK's live
 * feed where a deployment enables it ({@link BankHolidayRefresh}, on the scheduler, never while a request
 * or a process step waits). A failed refresh keeps what it had.
 */
@Component
public class BankHolidaySource {

  private static final Logger log = LoggerFactory.getLogger(BankHolidaySource.class);

  private final CalendarProperties properties;
  private final ObjectMapper mapper;
  private final AtomicReference<BankHolidays> current;

  public BankHolidaySource(CalendarProperties properties, ObjectMapper mapper) {
    this.properties = properties;
    this.mapper = mapper;
    try (InputStream in = properties.bankHolidays().getInputStream()) {
      this.current = new AtomicReference<>(BankHolidays.read(in, mapper));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled bank holidays " + properties.bankHolidays(), e);
    }
  }

  /** The data in use; never fetches anything. */
  public BankHolidays current() {
    return current.get();
  }

  /** Fetches the live feed once; on any failure the data in use stays as it was. Returns whether it was refreshed. */
  public boolean refresh() {
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<byte[]> response = client.send(
          HttpRequest.newBuilder(properties.feed().url()).timeout(Duration.ofSeconds(10)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        log.warn("Bank holiday feed answered {}; keeping the data in use", response.statusCode());
        return false;
      }
      BankHolidays live = BankHolidays.read(new ByteArrayInputStream(response.body()), mapper);
      current.updateAndGet(held -> held.updatedWith(live));
      log.info("Bank holidays refreshed from the live feed: {} to {}", live.firstYear(), live.lastYear());
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("Bank holiday feed unavailable ({}); keeping the data in use", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }
}
