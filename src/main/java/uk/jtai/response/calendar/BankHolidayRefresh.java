package uk.jtai.response.calendar;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where {@code jtai.calendar.feed.enabled}: refreshes the bank holidays from the live feed as the service
 * starts and every {@code jtai.calendar.feed.refresh} after, on the scheduler, so no request or process
 * step ever waits on GOV.UK. Every node refreshes its own copy (no lock).
 */
@Component
@ConditionalOnProperty(name = "jtai.calendar.feed.enabled", havingValue = "true")
public class BankHolidayRefresh {

  private final BankHolidaySource source;

  public BankHolidayRefresh(BankHolidaySource source) {
    this.source = source;
  }

  @Scheduled(fixedDelayString = "${jtai.calendar.feed.refresh}")
  public void refresh() {
    source.refresh();
  }
}
