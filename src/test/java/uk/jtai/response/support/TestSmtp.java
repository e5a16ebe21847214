package uk.jtai.response.support;

import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The SMTP port the test application sends to (application-test.yaml, set for every context by
 * {@link TestSmtpPort}) and GreenMail listens on:
 * JTAI_TEST_SMTP_PORT, default 3025, so test runs side by side on one machine need not collide; surefire's
 * second fork (system property jtai.test.fork, pom.xml) uses that port + 100, and so on.
 */
public final class TestSmtp {

  private TestSmtp() {}

  public static int port() {
    String port = System.getenv("JTAI_TEST_SMTP_PORT");
    int base = port == null || port.isBlank() ? 3025 : Integer.parseInt(port);
    String fork = System.getProperty("jtai.test.fork");
    return fork == null || fork.isBlank() ? base : base + 100 * (Integer.parseInt(fork) - 1);
  }

  public static ServerSetup setup() {
    return ServerSetupTest.SMTP.port(port());
  }
}
