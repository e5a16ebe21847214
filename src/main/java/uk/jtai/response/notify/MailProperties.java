package uk.jtai.response.notify;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code jtai.mail}: the sender address and how the outbox is drained and retried. */
@Validated
@ConfigurationProperties("jtai.mail")
public record MailProperties(
    @NotBlank String from,
    @NotNull Duration pollInterval,
    @Min(1) int batchSize,
    @NotNull Duration claimTimeout,
    @NotNull Duration firstRetry,
    @NotNull Duration maxRetryInterval,
    @Min(1) int maxAttempts) {

  /** Back-off before attempt {@code attempts + 1}: doubling from the first retry, capped. */
  public Duration retryAfter(int attempts) {
    Duration wait = firstRetry;
    for (int i = 1; i < attempts && wait.compareTo(maxRetryInterval) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
  }
}
