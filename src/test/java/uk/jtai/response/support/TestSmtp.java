package uk.jtai.response.support;

import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The SMTP port the test application sends to (application-test.yaml) and GreenMail listens on:
 * JTAI_TEST_SMTP_PORT, default 3025, so test runs side by side on one machine need not collide.
 */
public final class TestSmtp {

  private TestSmtp() {}

  public static int port() {
    String port = System.getenv("JTAI_TEST_SMTP_PORT");
    return port == null || port.isBlank() ? 3025 : Integer.parseInt(port);
  }

  public static ServerSetup setup() {
    return ServerSetupTest.SMTP.port(port());
  }
}
