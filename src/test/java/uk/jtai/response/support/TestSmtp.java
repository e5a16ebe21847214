package uk.jtai.response.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;

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

  /** Outbox id (the X-JTAI-Outbox-Id header) to the copies the mail server received: one per recipient. */
  public static Map<Long, Integer> copiesByOutboxId(GreenMail smtp) throws MessagingException {
    Map<Long, Integer> copies = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      String[] id = message.getHeader("X-JTAI-Outbox-Id");
      if (id != null) {
        copies.merge(Long.parseLong(id[0]), 1, Integer::sum);
      }
    }
    return copies;
  }
}
