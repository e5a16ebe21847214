package uk.jtai.response.security;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code jtai.http}: the largest request body the service reads, on every door (the product API, the
 * engine's REST API and the webapps' API); a larger one answers 413 ({@link RequestSizeLimit}).
 */
@Validated
@ConfigurationProperties("jtai.http")
public record HttpLimitProperties(@NotNull @DefaultValue("1MB") DataSize maxRequestSize) {

  public HttpLimitProperties {
    if (maxRequestSize != null && maxRequestSize.toBytes() <= 0) {
      throw new IllegalArgumentException("jtai.http.max-request-size must be more than 0, not " + maxRequestSize);
    }
  }
}
