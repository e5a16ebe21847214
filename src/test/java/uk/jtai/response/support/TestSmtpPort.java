package uk.jtai.response.support;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Every application a test starts in this JVM sends to this fork's GreenMail ({@link TestSmtp#port()}),
 * whichever test class happens to build the shared context first (registered in
 * src/test/resources/META-INF/spring.factories). A static initialiser in one base class left it to the order
 * the forks ran the classes in: a context built first by another class sent to the first fork's port.
 */
public class TestSmtpPort implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addFirst(new MapPropertySource("test-smtp-port",
        Map.of("JTAI_TEST_SMTP_PORT", Integer.toString(TestSmtp.port()))));
  }
}
