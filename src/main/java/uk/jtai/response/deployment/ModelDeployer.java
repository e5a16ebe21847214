package uk.jtai.response.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;

/**
 * Deploys every model in {@code bpmn/} and every form in {@code forms/} as one deployment, under names
 * that do not depend on where the classpath is (so the IDE and the jar deploy the same names), and only
 * when something changed (a restart with unchanged models creates no new versions).
 */
public class ModelDeployer {

  public static final String DEPLOYMENT_NAME = "jtai-response";
  static final String START_FORM = "forms/start-inspection.form";
  /** The forms whose theme choice lists the themes the service knows. */
  static final java.util.Set<String> THEME_CHOICE_FORMS = java.util.Set.of(START_FORM,
      "forms/start-theme-readiness.form", "forms/start-benchmarking.form", "forms/start-rehearsal.form");
  /** The forms whose choice of health providers lists the providers of the partnership file. */
  static final java.util.Set<String> PROVIDER_CHOICE_FORMS = java.util.Set.of(START_FORM, "forms/change-health-providers.form");
  /** The key of the providers' choice in those forms. */
  static final String PROVIDERS_KEY = "healthProviders";

  private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

  private final ThemeRegistry themes;
  private final Partnership partnership;

  public ModelDeployer(ThemeRegistry themes, Partnership partnership) {
    this.themes = themes;
    this.partnership = partnership;
  }

  public void deploy(ProcessEngine engine) {
    Map<String, byte[]> resources = resources();
    DeploymentBuilder builder = engine.getRepositoryService().createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(DEPLOYMENT_NAME)
        .enableDuplicateFiltering(false);
    resources.forEach((name, bytes) -> builder.addInputStream(name, new java.io.ByteArrayInputStream(bytes)));
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    if (deployment.getDeployedProcessDefinitions() == null || deployment.getDeployedProcessDefinitions().isEmpty()) {
      log.info("Models unchanged: nothing deployed");
    } else {
      log.info("Deployed {} models and forms as deployment {}", resources.size(), deployment.getId());
    }
  }

  /** The models and forms, keyed by their stable name ("bpmn/annex-a.bpmn"), in a stable order. */
  Map<String, byte[]> resources() {
    Map<String, byte[]> resources = new TreeMap<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    try {
      for (String pattern : new String[] {"classpath*:bpmn/**/*.bpmn", "classpath*:bpmn/**/*.dmn", "classpath*:forms/**/*.form"}) {
        for (Resource resource : resolver.getResources(pattern)) {
          String name = stableName(resource);
          try (InputStream in = resource.getInputStream()) {
            byte[] bytes = in.readAllBytes();
            if (THEME_CHOICE_FORMS.contains(name)) {
              bytes = withThemeOptions(bytes);
            }
            if (PROVIDER_CHOICE_FORMS.contains(name)) {
              bytes = withProviderOptions(bytes);
            }
            resources.put(name, bytes);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the models and forms", e);
    }
    if (resources.keySet().stream().noneMatch(n -> n.endsWith(".bpmn"))) {
      throw new IllegalStateException("No BPMN models found on the classpath under bpmn/");
    }
    return resources;
  }

  /** "bpmn/x.bpmn" whether the file sits in target/classes, a jar or anywhere else. */
  static String stableName(Resource resource) throws IOException {
    String url = resource.getURL().toString();
    int at = Math.max(url.lastIndexOf("/bpmn/"), url.lastIndexOf("/forms/"));
    if (at < 0) {
      throw new IllegalStateException("model outside bpmn/ or forms/: " + url);
    }
    return url.substring(at + 1);
  }

  /**
   * The start forms list the themes the service knows: their theme choice is filled from the theme files,
   * so adding a theme needs no form change.
   */
  byte[] withThemeOptions(byte[] form) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = (ObjectNode) json.readTree(form);
    for (var component : root.withArray("components")) {
      if ("theme".equals(component.path("key").asText())) {
        ArrayNode values = ((ObjectNode) component).putArray("values");
        for (Theme theme : themes.all()) {
          values.addObject().put("label", theme.name()).put("value", theme.id());
        }
      }
    }
    return json.writeValueAsBytes(root);
  }

  /**
   * The choice of health providers lists the providers of the partnership file (agencies with part-of), so a
   * partnership lists its own trusts without a form change; a partnership without providers gets no choice.
   */
  byte[] withProviderOptions(byte[] form) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = (ObjectNode) json.readTree(form);
    ArrayNode components = root.withArray("components");
    for (int i = components.size() - 1; i >= 0; i--) {
      ObjectNode component = (ObjectNode) components.get(i);
      if (!PROVIDERS_KEY.equals(component.path("key").asText())) {
        continue;
      }
      if (partnership.providers().isEmpty()) {
        components.remove(i);
        continue;
      }
      ArrayNode values = component.putArray("values");
      for (Agency provider : partnership.providers()) {
        values.addObject().put("label", provider.name() + " (" + provider.shortName() + ")").put("value", provider.id());
      }
    }
    return json.writeValueAsBytes(root);
  }
}
