package uk.jtai.response.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code jtai.admin}: the first administrator (JTAI_ADMIN_USER / JTAI_ADMIN_PASSWORD). */
@ConfigurationProperties("jtai.admin")
public record AdminProperties(String userId, String password) {

  public boolean isSet() {
    return userId != null && !userId.isBlank() && password != null && !password.isBlank();
  }
}
