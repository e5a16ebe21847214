package uk.jtai.response.partnership;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** The shipped York partnership and themes, bound from their files without starting Spring. */
public final class PartnershipFixtures {

  private PartnershipFixtures() {}

  public static Partnership york() {
    return york(java.util.Map.of());
  }

  /** York with some keys of the partnership file replaced, e.g. {@code jtai.partnership.audit-report-approvers.police}. */
  public static Partnership york(java.util.Map<String, Object> overrides) {
    try {
      StandardEnvironment environment = new StandardEnvironment();
      environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource("overrides", overrides));
      new YamlPropertySourceLoader().load("york", new ClassPathResource("partnership/york.yaml"))
          .forEach(source -> environment.getPropertySources().addLast(source));
      PartnershipProperties properties = new Binder(ConfigurationPropertySources.get(environment))
          .bind("jtai.partnership", PartnershipProperties.class).get();
      return new Partnership(properties);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Validator validator() {
    return Validation.buildDefaultValidatorFactory().getValidator();
  }

  public static ThemeRegistry themes(String extraLocation) {
    try {
      return new ThemeRegistry(york(), extraLocation);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ThemeRegistry themes() {
    return themes("");
  }
}
