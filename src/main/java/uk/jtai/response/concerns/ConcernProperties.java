package uk.jtai.response.concerns;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code jtai.concerns}: how soon an agency's senior must respond to an issue of concern (clock time: it is urgent). */
@Validated
@ConfigurationProperties("jtai.concerns")
public record ConcernProperties(@NotNull Duration responseWindow) {}
