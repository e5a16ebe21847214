package uk.jtai.response.reminders;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jtai.reminders}: the reminders before a deadline where the theme file sets none for its
 * milestone ({@code P1D}: the same time on the working day before; {@code PT2H}: two hours before), and
 * how due reminders are turned into e-mails: a node claims a batch for {@code claim-timeout}, after which
 * another node may take what a node that died left.
 */
@Validated
@ConfigurationProperties("jtai.reminders")
public record ReminderProperties(
    @NotNull List<@NotNull Duration> before,
    @NotNull Duration pollInterval,
    @Min(1) int batchSize,
    @NotNull Duration claimTimeout,
    @NotNull Duration retry,
    @Min(1) int maxAttempts,
    @Min(1) int parallel) {}
