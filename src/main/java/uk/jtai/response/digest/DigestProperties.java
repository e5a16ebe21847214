package uk.jtai.response.digest;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code jtai.digest}: when the daily digest goes out (local time) and how often nodes check for it. */
@Validated
@ConfigurationProperties("jtai.digest")
public record DigestProperties(@NotNull LocalTime time, @NotNull Duration pollInterval) {}
