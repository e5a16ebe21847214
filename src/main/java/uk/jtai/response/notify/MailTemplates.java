package uk.jtai.response.notify;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the plain-text e-mail templates in {@code src/main/resources/mail/}. A template's first line
 * is {@code Subject: ...}; the rest, after one blank line, is the body.
 */
@Component
public class MailTemplates {

  // The Spring engine evaluates expressions with SpEL (the plain one needs OGNL).
  private final SpringTemplateEngine engine = new SpringTemplateEngine();

  public MailTemplates() {
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("mail/");
    resolver.setSuffix(".txt");
    resolver.setTemplateMode(TemplateMode.TEXT);
    resolver.setCharacterEncoding("UTF-8");
    resolver.setCheckExistence(true);
    engine.setTemplateResolver(resolver);
  }

  public Rendered render(String template, Map<String, Object> model) {
    String text = engine.process(template, new Context(java.util.Locale.UK, model));
    if (!text.startsWith("Subject: ")) {
      throw new IllegalStateException("mail/" + template + ".txt must start with 'Subject: '");
    }
    int end = text.indexOf('\n');
    String subject = text.substring("Subject: ".length(), end).strip();
    String body = text.substring(end + 1).stripLeading();
    return new Rendered(subject, body);
  }

  public record Rendered(String subject, String body) {}
}
