package uk.jtai.response.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import uk.jtai.response.support.ChildData;

/**
 * Managers watch an inspection in Cockpit: the running inspection's page shows its diagram, and from its
 * Called Process Instances tab every stage's own instance opens with its diagram drawn.
 */
class CockpitBrowserIT extends BrowserTestSupport {

  private final Set<String> rendered = new TreeSet<>();

  @Test
  void theRunningInspectionAndEveryCalledProcessAreDrawn() throws IOException {
    String reference = newReference();
    ProcessInstance inspection = startInspection(reference, "domestic-abuse", "2027-05-24T09:10:00+01:00");
    tasklist().logInTo("cockpit", "bu", PASSWORD);
    browser.waitFor("Cockpit's dashboard", ExpectedConditions.visibilityOfElementLocated(By.linkText("Processes")));
    browser.snapshot("dashboard");

    // The inspection is listed under its process, by its reference.
    browser.get(baseUrl() + "/camunda/app/cockpit/default/#/process-definition/" + inspection.getProcessDefinitionId()
        + "/runtime?tab=process-instances-tab");
    WebElement row = browser.waitFor("the inspection listed", d -> d.findElements(By.cssSelector("table tbody tr")).stream()
        .filter(r -> r.getText().contains(reference)).findFirst().orElse(null));
    browser.snapshot("inspection-listed");
    String inspectionPage = row.findElement(By.cssSelector("a[href*='/process-instance/" + inspection.getId() + "']"))
        .getAttribute("href");

    calledStagesDrawn(inspectionPage, inspection, "day-1");
    finishNotificationCascadeAndMeetings(reference);
    submitAnnexA(reference);
    calledStagesDrawn(inspectionPage, inspection, "day-3");
    runChildSelection(reference, ChildData.references(800, 20), 6);
    calledStagesDrawn(inspectionPage, inspection, "week-2");
    boardTabShown(inspectionPage, reference);
    runWeek2(reference, "police.lead", "bu");
    runFieldwork(reference);
    calledStagesDrawn(inspectionPage, inspection, "after-fieldwork");

    assertThat(rendered).containsExactlyInAnyOrderElementsOf(calledByTheInspection());
  }

  /**
   * The inspection's board, as a tab of its instance view (issue 18): a half-done inspection, every agency's row,
   * the steps done and those still open.
   */
  private void boardTabShown(String inspectionPage, String reference) {
    browser.get(inspectionPage);
    // Cockpit may redraw its tabs while the page settles: the tab is found and clicked again until it takes.
    browser.waitFor("the board tab clicked", d -> d.findElements(By.xpath(
        "//a[normalize-space(.)='Where each agency stands']")).stream().findFirst().map(tab -> {
          tab.click();
          return true;
        }).orElse(null));
    WebElement frame = browser.waitFor("the board in the tab", d -> d.findElements(By.cssSelector("iframe.jtai-board")).stream()
        .findFirst().orElse(null));
    browser.driver().switchTo().frame(frame);
    try {
      browser.waitFor("the board read", d -> d.getPageSource().contains("Where each agency stands") ? true : null);
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Where each agency stands: " + reference);
      assertThat(browser.driver().getPageSource()).contains("<th>Police</th>", "<th>Health</th>", "<th>Education</th>", "Done",
          "Open");
    } finally {
      browser.driver().switchTo().defaultContent();
    }
    browser.snapshot("board-tab");
  }

  /** Every process jtai-inspection calls, read from its model (a new stage needs no change here). */
  private static Set<String> calledByTheInspection() throws IOException {
    Matcher called = Pattern.compile("calledElement=\"([^\"]+)\"").matcher(Files.readString(Path.of("bpmn", "jtai-inspection.bpmn")));
    Set<String> keys = new TreeSet<>();
    while (called.find()) {
      keys.add(called.group(1));
    }
    return keys;
  }

  /** Opens the inspection's page, then each called instance listed on its Called Process Instances tab. */
  private void calledStagesDrawn(String inspectionPage, ProcessInstance inspection, String stage) {
    browser.get(inspectionPage);
    diagramDrawn(inspection.getProcessDefinitionId(), "inspection-" + stage);
    WebElement tab = browser.waitFor("the Called Process Instances tab", d -> d.findElements(By.xpath(
        "//a[normalize-space(.)='Called Process Instances']")).stream().findFirst().orElse(null));
    tab.click();
    List<String> calledPages = new ArrayList<>();
    browser.waitFor("called instances listed", d -> {
      calledPages.clear();
      d.findElements(By.cssSelector("a[href*='#/process-instance/']")).stream().map(a -> a.getAttribute("href"))
          .filter(href -> href.endsWith("/runtime") && !href.contains(inspection.getId())).distinct().forEach(calledPages::add);
      return !calledPages.isEmpty();
    });
    browser.snapshot("called-" + stage);
    List<ProcessInstance> running = runtime.createProcessInstanceQuery().superProcessInstanceId(inspection.getId()).list();
    assertThat(calledPages).hasSameSizeAs(running);
    for (String page : calledPages) {
      String id = page.replaceAll(".*/process-instance/([^/]+)/runtime", "$1");
      ProcessInstance called = running.stream().filter(p -> p.getId().equals(id)).findFirst().orElseThrow();
      String key = repository.getProcessDefinition(called.getProcessDefinitionId()).getKey();
      // A stage still running at a later look was drawn at an earlier one: each is opened once.
      if (rendered.contains(key)) {
        continue;
      }
      browser.get(page);
      diagramDrawn(called.getProcessDefinitionId(), stage + "-" + key);
      rendered.add(key);
    }
  }

  /** Waits until the diagram shows every flow node of the definition. */
  private void diagramDrawn(String definitionId, String step) {
    Set<String> nodes = new TreeSet<>();
    repository.getBpmnModelInstance(definitionId).getModelElementsByType(FlowNode.class).forEach(n -> nodes.add(n.getId()));
    // The drawn elements' ids in one script call: one WebDriver round trip per element, per look, was most of
    // this test's Chromium time.
    browser.waitFor("the diagram of " + definitionId, d -> {
      Object drawn = ((JavascriptExecutor) d).executeScript("return Array.from(document.querySelectorAll("
          + "'.djs-container svg g.djs-element[data-element-id]')).map(function (g) { return g.getAttribute('data-element-id'); });");
      return drawn instanceof List<?> ids && ids.containsAll(nodes);
    });
    browser.snapshot(step);
  }
}
