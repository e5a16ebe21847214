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

  private static final Logger log = LoggerFactory.getLogger(ModelDeployer.class);

  private final ThemeRegistry themes;

  public ModelDeployer(ThemeRegistry themes) {
    this.themes = themes;
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
            resources.put(name, THEME_CHOICE_FORMS.contains(name) ? withThemeOptions(bytes) : bytes);
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
}
