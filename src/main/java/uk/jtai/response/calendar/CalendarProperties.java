package uk.jtai.response.calendar;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/** {@code jtai.calendar}: the zone, the bank-holiday data, local closures and working hours. */
@Validated
@ConfigurationProperties("jtai.calendar")
public record CalendarProperties(
    @NotNull ZoneId zone,
    @NotNull Resource bankHolidays,
    @Valid @NotNull Feed feed,
    @Valid @NotNull List<ClosureDay> extraClosureDays,
    @Valid @NotNull WorkingHours workingHours) {

  public record Feed(boolean enabled, @NotNull URI url, @NotNull Duration refresh) {}

  public record ClosureDay(@NotNull LocalDate date, @NotBlank String title) {}

  public record WorkingHours(@NotNull LocalTime start, @NotNull LocalTime end) {}
}
