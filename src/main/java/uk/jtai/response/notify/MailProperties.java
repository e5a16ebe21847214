package uk.jtai.response.notify;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jtai.mail}: the sender address and how the outbox is drained and retried. {@code parallel-sends}: how many
 * messages of a claimed batch a node hands to the mail server at once (each holding its own row, so never twice).
 */
@Validated
@ConfigurationProperties("jtai.mail")
public record MailProperties(
    @NotBlank String from,
    @NotNull Duration pollInterval,
    @Min(1) int batchSize,
    @NotNull Duration claimTimeout,
    @NotNull Duration firstRetry,
    @NotNull Duration maxRetryInterval,
    @Min(1) int maxAttempts,
    @Min(1) int parallelSends) {

  @ConstructorBinding
  public MailProperties {
  }

  /** One message at a time. */
  public MailProperties(String from, Duration pollInterval, int batchSize, Duration claimTimeout, Duration firstRetry,
                        Duration maxRetryInterval, int maxAttempts) {
    this(from, pollInterval, batchSize, claimTimeout, firstRetry, maxRetryInterval, maxAttempts, 1);
  }

  /** Back-off before attempt {@code attempts + 1}: doubling from the first retry, capped. */
  public Duration retryAfter(int attempts) {
    Duration wait = firstRetry;
    for (int i = 1; i < attempts && wait.compareTo(maxRetryInterval) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
  }
}
