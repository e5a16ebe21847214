package uk.jtai.response.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.UrlResource;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.support.ProcessTestSupport;

class ModelDeploymentTest extends ProcessTestSupport {

  @Autowired ThemeRegistry themes;
  @Autowired uk.jtai.response.partnership.Partnership partnership;

  private static Set<String> filesIn(String folder) throws IOException {
    try (Stream<Path> files = Files.walk(Path.of(folder))) {
      return files.filter(Files::isRegularFile).map(p -> folder + "/" + Path.of(folder).relativize(p).toString().replace('\\', '/'))
          .collect(java.util.stream.Collectors.toSet());
    }
  }

  @Test
  void everyModelAndEveryFormIsDeployedUnderItsStableName() throws IOException {
    Deployment latest = repository.createDeploymentQuery().deploymentName(ModelDeployer.DEPLOYMENT_NAME)
        .orderByDeploymentTime().desc().list().get(0);
    Set<String> deployed = new HashSet<>(repository.getDeploymentResourceNames(latest.getId()));
    Set<String> expected = new HashSet<>(filesIn("bpmn"));
    expected.addAll(filesIn("forms"));
    assertThat(deployed).isEqualTo(expected);
  }

  @Test
  void deployingUnchangedModelsAgainCreatesNoNewVersion() {
    long deployments = repository.createDeploymentQuery().count();
    long definitions = repository.createProcessDefinitionQuery().count();
    new ModelDeployer(themes, partnership).deploy(engine);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(definitions);
  }

  @Test
  void resourceNamesAreTheSameFromTheJarAndFromClasses() throws IOException {
    assertThat(ModelDeployer.stableName(new UrlResource(
        "jar:file:/opt/jtai/jtai-response.jar!/BOOT-INF/classes!/bpmn/annex-a.bpmn"))).isEqualTo("bpmn/annex-a.bpmn");
    assertThat(ModelDeployer.stableName(new UrlResource("file:/work/main/target/classes/forms/submit-annex-a.form")))
        .isEqualTo("forms/submit-annex-a.form");
  }

  @Test
  void theStartFormsOfferEveryThemeTheServiceKnows() throws IOException {
    assertThat(ModelDeployer.THEME_CHOICE_FORMS).contains("forms/start-inspection.form", "forms/start-theme-readiness.form",
        "forms/start-benchmarking.form", "forms/start-rehearsal.form");
    for (String file : ModelDeployer.THEME_CHOICE_FORMS) {
      String form = new String(new ModelDeployer(themes, partnership).withThemeOptions(Files.readAllBytes(Path.of(file))));
      for (Theme theme : themes.all()) {
        assertThat(form).as(file).contains("\"value\" : \"" + theme.id() + "\"").contains(theme.name());
      }
    }
  }

  @Test
  void everyMilestoneAModelRefersToIsInEveryTheme() throws IOException {
    Pattern due = Pattern.compile("schedule\\.due\\(execution, '([A-Z0-9_]+)'\\)|name=\"milestone\">([A-Z0-9_]+)<");
    Set<String> referred = new HashSet<>();
    for (String model : filesIn("bpmn")) {
      Matcher matcher = due.matcher(Files.readString(Path.of(model)));
      while (matcher.find()) {
        referred.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
      }
    }
    assertThat(referred).isNotEmpty();
    // Deadlines relative to a step are added to the schedule when the step starts, not by the theme.
    referred.remove(uk.jtai.response.childselection.ChildSelectionVariables.KNOWN_TO_AGENCY_DUE);
    referred.remove(uk.jtai.response.auditreport.AuditReportVariables.REPORT_COMMENTS_DUE);
    referred.removeAll(java.util.List.of(uk.jtai.response.afterfieldwork.AfterFieldwork.AGENCY_COMMENTS_DUE,
        uk.jtai.response.afterfieldwork.AfterFieldwork.FACTUAL_ACCURACY_DUE, uk.jtai.response.afterfieldwork.AfterFieldwork.PUBLICATION,
        uk.jtai.response.afterfieldwork.AfterFieldwork.PUBLICATION_RECORDED_DUE, uk.jtai.response.afterfieldwork.AfterFieldwork.ACTION_PLAN_DUE));
    // Steps only some themes' timetables ask for (a list shared beyond Annex A, the strategic-arrangements meeting)
    // are reached only where the theme has their milestone; the theme file's checks and the steps' beans say so.
    Set<String> onlySomeThemes = new HashSet<>(Theme.SHARED_LIST_STEPS);
    onlySomeThemes.add(uk.jtai.response.fieldworkmeetings.FieldworkMeetings.STRATEGIC_MEETING);
    assertThat(referred).as("the steps only some themes ask for are in the models").containsAll(onlySomeThemes);
    referred.removeAll(onlySomeThemes);
    for (Theme theme : themes.all()) {
      List<String> names = theme.milestones().stream().map(Theme.MilestoneDefinition::name).toList();
      assertThat(names).as(theme.id()).containsAll(referred);
    }
    assertThat(themes.theme("serious-youth-violence").milestones()).extracting(Theme.MilestoneDefinition::name)
        .as("the theme that asks for them has them").containsAll(onlySomeThemes);
  }
}
