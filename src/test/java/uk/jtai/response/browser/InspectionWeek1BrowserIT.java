package uk.jtai.response.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import uk.jtai.response.caseaudit.AuditPackForm;
import uk.jtai.response.caseaudit.CompleteAuditToolForm;
import uk.jtai.response.childselection.AuditSelectionForm;
import uk.jtai.response.childselection.FirstSelectionForm;
import uk.jtai.response.childselection.KnownToAgencyReturns;
import uk.jtai.response.notificationcascade.LeadContactForm;
import uk.jtai.response.support.ChildData;
import uk.jtai.response.support.IdentityData;

/**
 * Week 1 of an inspection in Tasklist, as the demo users whose job each step is: the start form, day 1's
 * cascade, a deadline moved, Annex A, the children selected and the agencies' known-to-agency returns, then
 * the case audits to the audit pack (day 6). Week 2 and after is {@link InspectionWeek2BrowserIT}'s, run in
 * parallel from an inspection brought to day 6 through the engine API.
 */
class InspectionWeek1BrowserIT extends FormsBrowserTestSupport {

  private static final String REFERENCE = "JTAI-2027-05-WEEK1";
  /** A serious youth violence inspection's child-level list stage, for the form only that theme uses. */
  private static final String SERIOUS_YOUTH_VIOLENCE = "JTAI-2027-05-WEEK1-SYV";
  /** How many of the 20 the police know: a sheet of every child's every question would be 100 answers to pick. */
  private static final int KNOWN_TO_POLICE = 3;

  @Autowired KnownToAgencyReturns knownToAgencyReturns;

  @Override
  String reference() {
    return REFERENCE;
  }

  /**
   * Back from a page a task links to, to the user's Tasklist and its filters. On a loaded machine Tasklist has been
   * seen to stay on its loading spinner after a refused task's address (CI, 2026-12-04): as a user would, the page is
   * loaded again, up to three times.
   */
  private void backToTasklist(Browser user) {
    user.get(baseUrl() + "/camunda/app/tasklist/default/");
    for (int attempt = 1; ; attempt++) {
      try {
        user.waitFor("Tasklist's filters", Duration.ofSeconds(40),
            d -> !d.findElements(By.cssSelector(".task-filter h4.name a")).isEmpty());
        return;
      } catch (org.openqa.selenium.TimeoutException stillLoading) {
        if (attempt == 3) {
          throw stillLoading;
        }
        user.driver().navigate().refresh();
      }
    }
  }

  /** None of the 20's names, surnames, dates of birth or NHS numbers is on the page. */
  private static void assertNoChildNamed(String page, List<IdentityData.Row> children) {
    assertThat(page).doesNotContain(IdentityData.secrets(children));
  }

  /** The answers form-js shows once it has hidden those that fell away: waits for {@code expected} of them. */
  private static int answersShown(TaskForm form, int expected) {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int shown = form.count("Answer");
    while (shown != expected && System.nanoTime() < until) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      shown = form.count("Answer");
    }
    assertThat(shown).as("answers shown once a child is ticked as not known").isEqualTo(expected);
    return shown;
  }

  @Test
  void week1FromTheStartFormToTheAuditPack() {
    // Day 1
    moveClockTo("2027-05-24T09:20:00+01:00");
    startInBrowser("bu", "JTAI inspection", "start-inspection", form -> form
        .type("Inspection reference", REFERENCE)
        .select("Inspection theme", "Children who are victims of domestic abuse")
        .dateTime("When the lead inspector notified the DCS: date", "Time (UK)", instant("2027-05-24T09:15:00+01:00")));
    assertThat(calledProcess(REFERENCE, "notification-cascade")).as("the inspection started").isNotNull();
    moveClockTo("2027-05-24T10:00:00+01:00");
    inBrowser("bu", "Task_NotifyPartners", form -> form.check("Each agency's lead contact and deputies in the partnership contacts are current"));
    inBrowser("police.lead", "Task_ConfirmLeadContact", form -> form
        .choose("Who will act for your agency", "Our lead contact")
        .type("Name of the person acting for your agency",
            script("Task_ConfirmLeadContact", "police", LeadContactForm.Submitted.class).contactName())
        .check("They are available for the inspection and fully briefed on their role"));
    // CQC names the mental-health trust among the health agencies (issue 16, item 6): the Business Unit adds it; its
    // lead contact finds its own confirmation in Tasklist and confirms; CQC then drops it and the Business Unit takes
    // it off again, its other open tasks withdrawn.
    startInBrowser("bu", "Change the health providers taking part", "change-health-providers", form -> form
        .type("Inspection reference", REFERENCE)
        .choose("Health providers taking part from now on", "Tees, Esk and Wear Valleys NHS Foundation Trust (TEWV)")
        .type("Why", "The lead inspector said CQC will also look at the mental health trust"));
    assertThat(openTasks(REFERENCE, "Task_ApproveEvidence")).extracting(t -> tasks.getVariable(t.getId(), "agency"))
        .as("TEWV joined the documentary evidence").contains("health-mental");
    inBrowser("health-mental.lead", "Task_ConfirmLeadContact", form -> form
        .choose("Who will act for your agency", "Our lead contact")
        .type("Name of the person acting for your agency", "TEWV safeguarding lead")
        .check("They are available for the inspection and fully briefed on their role"));
    startInBrowser("bu", "Change the health providers taking part", "change-health-providers", form -> form
        .type("Inspection reference", REFERENCE)
        .type("Why", "CQC will not look at the mental health trust after all"));
    assertThat(openTasks(REFERENCE, "Task_ApproveEvidence")).extracting(t -> tasks.getVariable(t.getId(), "agency"))
        .as("TEWV taken off again").doesNotContain("health-mental");
    completeOpenAsScripted(REFERENCE, "Task_ConfirmLeadContact");
    inBrowser("dcs", "Task_ConfirmScrutineerNotified", form -> form
        .check("The Independent Scrutineer has been notified of the inspection")
        .choose("How they were notified", "Telephone")
        .dateTime("When they were notified: date", "Time (UK)", quarterHourAgo(1)));
    inBrowser("laim", "Task_RecordSetUpDiscussion", form -> form
        .dateTime("When the set-up discussion was held: date", "Time (UK)", quarterHourAgo(0))
        .check("All statutory partners were represented")
        .check("The inspectorates made the Annex A request")
        .check("The arrangements for recording issues of concern were discussed"));
    inBrowser("health.deputy", "Task_GiveFieldworkMeetings", form -> form
        .check("My agency has no such meetings in the fieldwork week")
        .check("These details have been given to the lead inspector"));
    // The documentary evidence from the announcement (7.11 to 7.12): the police's senior approves, then the police upload.
    inBrowser("police.senior", "Task_ApproveEvidence", form -> form
        .check("I approve my agency's documentary evidence and management information for the inspectors"));
    inBrowser("police.lead", "Task_UploadEvidence", form -> form
        .check("Our approved documentary evidence is uploaded to our inspectorate's portal")
        .check("The same documents are uploaded to the shared project space")
        .check("Our named contacts can access the shared project space"));
    completeOpenAsScripted(REFERENCE, "Task_ApproveEvidence");
    completeOpenAsScripted(REFERENCE, "Task_UploadEvidence");
    // Education has no multi-agency meetings relevant to the theme: the Business Unit takes it out of that stage.
    startInBrowser("bu", "Take an agency out of a stage", "take-agency-out", form -> form
        .type("Inspection reference", REFERENCE)
        .select("Stage", "Multi-agency meetings in the fieldwork week (week 1)")
        .type("Agency", "Education")
        .type("Why the agency is not part of this stage", "Education has no multi-agency meetings in the fieldwork week"));
    assertThat(openTasks(REFERENCE, "Task_GiveFieldworkMeetings")).extracting(t -> tasks.getVariable(t.getId(), "agency"))
        .as("Education taken out of the fieldwork-week meetings").doesNotContain("education").isNotEmpty();
    completeOpenAsScripted(REFERENCE, "Task_GiveFieldworkMeetings");
    startInBrowser("bu", "Move a deadline", "move-deadline", form -> form
        .type("Inspection reference", REFERENCE)
        .type("Milestone", "ANNEX_A_DUE")
        .dateTime("New deadline: date", "Time (UK)", instant("2027-05-25T16:00:00+01:00"))
        .type("Why it moves", "The lead inspector asked for the lists an hour earlier"));

    // Day 2: Annex A, every list uploaded
    moveClockTo("2027-05-25T15:00:00+01:00");
    inBrowser("la.lead", "Task_SubmitAnnexA", form -> {
      int lists = form.count("Uploaded to the inspectors' secure portal");
      assertThat(lists).isPositive();
      for (int row = 0; row < lists; row++) {
        form.check("Uploaded to the inspectors' secure portal", row, true)
            .type("Where on the portal (if uploaded)", row, "Portal folder " + (row + 1));
      }
      form.save();
    });
    // Serious youth violence asks each agency for its own list of children by 5pm on day 2 (paragraph 127): its
    // child-level list stage alone, started for another inspection, the Police confirming its list; then withdrawn
    // with the rest of that inspection's stages.
    startStage("annex-a", SERIOUS_YOUTH_VIOLENCE, "serious-youth-violence", "2027-05-25T15:00:00+01:00");
    inBrowser(SERIOUS_YOUTH_VIOLENCE, "police.lead", "Task_ShareAgencyLists", form -> {
      assertThat(form.field("The list the inspectors asked for").getAttribute("value"))
          .isEqualTo("Local agencies share children whose experiences relate to the theme");
      form.check("We have shared this list on the inspectors' secure portal")
          .type("Where on the portal", "SYV / Police / children whose experiences relate to the theme");
    });
    assertThat(openTasks(SERIOUS_YOUTH_VIOLENCE, "Task_ShareAgencyLists")).as("the other agencies' lists").hasSize(5);
    // ... and its week 1 meeting on partners' strategic arrangements (paragraphs 51 and 52), recorded by LAIM.
    startStage("fieldwork-meetings", SERIOUS_YOUTH_VIOLENCE, "serious-youth-violence", "2027-05-25T15:00:00+01:00");
    moveClockTo("2027-05-25T15:30:00+01:00");
    inBrowser(SERIOUS_YOUTH_VIOLENCE, "laim", "Task_RecordStrategicMeeting", form -> form
        .dateTime("When the meeting was held: date", "Time (UK)", quarterHourAgo(1))
        .check("Each partner explained its strategic arrangements to the inspectors"));
    runtime.createProcessInstanceQuery().processInstanceBusinessKey(SERIOUS_YOUTH_VIOLENCE).list()
        .forEach(stage -> runtime.deleteProcessInstance(stage.getId(), "browser test: only the two serious youth violence forms were needed"));

    // Days 3 to 5: the children
    moveClockTo("2027-05-26T10:00:00+01:00");
    List<String> selectedByInspectors = script("Task_RecordFirstSelection", FirstSelectionForm.Submitted.class).firstSelectionEntry();
    // The names partners search by (issue 17): LAIM pastes the inspectors' 20 spreadsheet rows in the page its
    // task links to, in the same signed-in session, while the task is open; the page is marked OFFICIAL-SENSITIVE.
    List<IdentityData.Row> identities = IdentityData.rows(900, selectedByInspectors, java.time.LocalDate.of(2027, 5, 26));
    Browser laim = browserOf("laim");
    laim.get(baseUrl() + "/inspections/" + REFERENCE + "/children/record");
    WebElement rows = laim.waitFor("the page to record the children's names", d -> d.findElements(By.id("rows")).stream()
        .findFirst().orElse(null));
    assertThat(laim.driver().getPageSource()).contains("OFFICIAL-SENSITIVE");
    // As a paste: the whole spreadsheet range at once (typing a tab would move to the next field).
    ((JavascriptExecutor) laim.driver()).executeScript("arguments[0].value = arguments[1];", rows, IdentityData.pasted(identities));
    laim.snapshot("children-pasted");
    laim.driver().findElement(By.cssSelector("button[type=submit]")).click();
    laim.waitFor("the recorded list", d -> d.getCurrentUrl().endsWith("/children") && d.getPageSource().contains(
        identities.get(19).fullName()));
    laim.snapshot("children-recorded");
    backToTasklist(laim);
    inBrowser("laim", "Task_RecordFirstSelection", form -> form
        .type("The selected children's references, one per line",
            ChildData.lines(script("Task_RecordFirstSelection", FirstSelectionForm.Submitted.class).firstSelectionEntry())));
    List<String> firstSelection = script("Task_RecordFirstSelection", FirstSelectionForm.Submitted.class).firstSelectionEntry();


    String notKnownToPolice = firstSelection.get(firstSelection.size() - 1);
    inBrowser("police.lead", "Task_ReturnKnownToAgency", form -> {
      // The police search their records by name and date of birth: the link in their sheet opens them.
      String names = browserOf("police.lead").followFormLink("/children", identities.get(0).fullName(), "children-seen-by-the-police");
      assertThat(names).contains("OFFICIAL-SENSITIVE", identities.get(19).fullName(), identities.get(19).cells().get(2));
      int offered = form.count("Answer");
      assertThat(offered).isGreaterThanOrEqualTo(20);
      // The police know three of the 20: each of the others is one tick as not known, and that child's questions
      // fall away (issue 16, item 3); the three known children's questions are answered one by one.
      List<String> notKnown = firstSelection.subList(KNOWN_TO_POLICE, firstSelection.size());
      notKnown.forEach(child -> form.choose("Children not known to us", child));
      int answers = answersShown(form, offered / firstSelection.size() * KNOWN_TO_POLICE);
      for (int row = 0; row < answers; row++) {
        form.select("Answer", row, row == 0 ? "Yes" : "No");
      }
      form.save();
    });
    assertThat(knownToAgencyReturns.byAgency(REFERENCE).get("police").get(notKnownToPolice))
        .containsEntry("known", KnownToAgencyReturns.NOT_KNOWN).containsValue(KnownToAgencyReturns.NOT_APPLICABLE);
    // The inspectors swap one of the 20 after the police returned (issue 16, corrections): LAIM amends it from
    // Tasklist; the police's answers for the other children are kept and its sheet reopens for the new child.
    String swappedOut = firstSelection.get(14);
    String swappedIn = ChildData.references(997, 1).get(0);
    startInBrowser("laim", "Amend the children selected", "amend-selection", form -> form
        .type("Inspection reference", REFERENCE)
        .select("Which selection", "The children selected first (the 20), on the known-to-agency sheet")
        .type("Child to replace", swappedOut)
        .type("Child to put in its place", swappedIn)
        .type("Why the selection is amended", "The inspectors swapped a child"));
    assertThat(knownToAgencyReturns.byAgency(REFERENCE).get("police")).as("answers kept for the other children")
        .containsKey(notKnownToPolice).doesNotContainKey(swappedOut);
    assertThat(agencyTask(REFERENCE, "Task_ReturnKnownToAgency", "police")).as("the police asked about the new child").isNotNull();
    completeOpenAsScripted(REFERENCE, "Task_ReturnKnownToAgency");
    fireDueTimers(REFERENCE);
    // The police find an answer wrong before LAIM forwards the returns: their sheet reopens with their answers.
    startInBrowser("police.lead", "Correct our known-to-agency return", "correct-known-to-agency", form -> form
        .type("Inspection reference", REFERENCE)
        .type("Why the return is corrected", "A child was answered No in error"));
    String policeSheet = agencyTask(REFERENCE, "Task_ReturnKnownToAgency", "police").getId();
    // Health cannot see the police's answers: the police's sheet opened by its address is refused to Health's deputy.
    Browser health = browserOf("health.deputy");
    health.get(baseUrl() + "/camunda/app/tasklist/default/#/?task=" + policeSheet);
    health.waitFor("the police's sheet refused to Health", Duration.ofSeconds(30), d -> d.getPageSource().contains("The task does not exist"));
    health.snapshot("police-sheet-refused-to-health");
    assertThat(health.driver().findElements(By.cssSelector(".fjs-form"))).as("no form of the police's").isEmpty();
    assertNoChildNamed(health.driver().getPageSource(), identities);
    backToTasklist(health);
    completeOpenAsScripted(REFERENCE, "Task_ReturnKnownToAgency");
    // The DCS sees no child's name anywhere: not in Tasklist, and the page of names refuses the DCS.
    Browser dcs = browserOf("dcs");
    backToTasklist(dcs);
    assertThat(dcs.driver().getPageSource()).doesNotContain(identities.get(0).fullName());
    dcs.get(baseUrl() + "/inspections/" + REFERENCE + "/children");
    assertThat(dcs.driver().getPageSource()).doesNotContain(identities.get(0).fullName()).doesNotContain(identities.get(19).fullName());
    dcs.snapshot("children-refused-to-the-dcs");
    // Nor in Cockpit, where the DCS watches the inspection and its child selection: their variables are routing only.
    for (String process : List.of("jtai-inspection", "child-selection")) {
      String instance = runtime.createProcessInstanceQuery().processDefinitionKey(process)
          .processInstanceBusinessKey(REFERENCE).singleResult().getId();
      dcs.get(baseUrl() + "/camunda/app/cockpit/default/#/process-instance/" + instance + "/runtime?tab=variables-tab");
      dcs.waitFor("the variables of " + process + " in Cockpit", Duration.ofSeconds(60), d -> d.findElements(
          By.cssSelector("[cam-variable-table] tbody tr, .variable-table tbody tr, table.cam-table tbody tr")).size() > 1);
      dcs.snapshot("cockpit-variables-" + process + "-for-the-dcs");
      assertNoChildNamed(dcs.driver().getPageSource(), identities);
    }
    backToTasklist(dcs);
    assertNoChildNamed(dcs.driver().getPageSource(), identities);
    // The Independent Scrutineer sees the inspection's steps they are told of, never a child: no name in their
    // Tasklist, the page of names refused, and Cockpit is not theirs.
    Browser scrutineer = browserOf("scrutineer");
    backToTasklist(scrutineer);
    assertNoChildNamed(scrutineer.driver().getPageSource(), identities);
    scrutineer.get(baseUrl() + "/inspections/" + REFERENCE + "/children");
    assertNoChildNamed(scrutineer.driver().getPageSource(), identities);
    scrutineer.snapshot("children-refused-to-the-scrutineer");
    scrutineer.get(baseUrl() + "/camunda/app/cockpit/default/");
    // Signed in but without the Cockpit application: the webapp answers 403 Forbidden.
    scrutineer.waitFor("Cockpit refusing the scrutineer", Duration.ofSeconds(60), d -> d.getPageSource().contains("status=403"));
    assertNoChildNamed(scrutineer.driver().getPageSource(), identities);
    scrutineer.snapshot("cockpit-refused-to-the-scrutineer");
    closeSession("scrutineer");
    fireDueTimers(REFERENCE);
    inBrowser("laim", "Task_ForwardReturns", form -> form
        .check("The returns have been forwarded to the inspectors")
        .dateTime("When they were forwarded: date", "Time (UK)", quarterHourAgo(0)));
    moveClockTo("2027-05-28T10:30:00+01:00");
    inBrowser("laim", "Task_RecordAuditSelection", form -> form
        .type("The children selected for audit, one per line",
            ChildData.lines(script("Task_RecordAuditSelection", AuditSelectionForm.Submitted.class).auditSelectionEntry())));
    List<String> forAudit = script("Task_RecordAuditSelection", AuditSelectionForm.Submitted.class).auditSelectionEntry();
    inBrowser("bu", "Task_SendAuditTool", form -> {
      // The Business Unit sees the names of the children selected for audit, and only theirs, from its task.
      IdentityData.Row audited = identities.stream().filter(row -> row.reference().equals(forAudit.get(0))).findFirst().orElseThrow();
      String page = browserOf("bu").followFormLink("/children", audited.fullName(), "audited-children-seen-by-the-business-unit");
      for (IdentityData.Row child : identities) {
        if (forAudit.contains(child.reference())) {
          assertThat(page).contains(child.fullName());
        } else {
          assertThat(page).as("a child not selected for audit").doesNotContain(child.fullName());
        }
      }
      form.check("The Audit Tool and Chronology for each selected child are in the secure location for every agency");
    });

    // Days 5 to 6: case audits
    inBrowser("police.lead", "Task_CompleteAuditTool", form -> form
        .choose("Our agency's involvement with this child", "We have had involvement: Audit Tool and Chronology completed")
        .check("The Multi-Agency Audit Tool is completed for this child")
        .check("The Chronology is completed for this child")
        .type("Where they are saved (a reference in the secure location)",
            script("Task_CompleteAuditTool", "police", CompleteAuditToolForm.Submitted.class).returnLocation()));
    inBrowser("police.senior", "Task_SignOffAudit", form -> form.choose("Your decision", "Sign off"));
    // Where each agency stands (issue 18): the Business Unit sees every row, the Police lead its own.
    Browser bu = browserOf("bu");
    bu.get(baseUrl() + "/inspections/" + REFERENCE + "/board?refresh=2");
    bu.waitFor("the board", d -> d.getPageSource().contains("Where each agency stands") ? true : null);
    assertThat(bu.driver().getPageSource()).contains("<th>Police</th>", "<th>Health</th>", "Done", "Not required");
    bu.snapshot("board-for-the-business-unit");
    // It stays open while the partners work, and updates in place: a mark left in the page survives.
    JavascriptExecutor buPage = (JavascriptExecutor) bu.driver();
    buPage.executeScript("window.jtaiStillTheSamePage = true;");
    String boardBefore = (String) buPage.executeScript("return document.querySelector('tbody').innerText;");
    Browser policeLead = browserOf("police.lead");
    policeLead.get(baseUrl() + "/inspections/" + REFERENCE + "/board");
    policeLead.waitFor("the board", d -> d.getPageSource().contains("Where each agency stands") ? true : null);
    assertThat(policeLead.driver().getPageSource()).contains("<th>Police</th>").doesNotContain("<th>Health</th>");
    policeLead.snapshot("board-for-the-police-lead");
    backToTasklist(policeLead);
    while (completeOpenAsScripted(REFERENCE, "Task_CompleteAuditTool") > 0) {
      completeOpenAsScripted(REFERENCE, "Task_SignOffAudit");
    }
    bu.waitFor("the board updated without a reload", d -> {
      JavascriptExecutor page = (JavascriptExecutor) d;
      return Boolean.TRUE.equals(page.executeScript("return window.jtaiStillTheSamePage === true;"))
          && !boardBefore.equals(page.executeScript("return document.querySelector('tbody').innerText;")) ? true : null;
    });
    bu.snapshot("board-updated-in-place");
    backToTasklist(bu);
    fireDueTimers(REFERENCE);
    inBrowser("bu", "Task_CompileAuditPack", form -> form
        .check("The compiled audit pack was sent to partners")
        .type("Where the pack is (a reference in the secure location)",
            script("Task_CompileAuditPack", AuditPackForm.Submitted.class).auditPackLocation()));


    completedEveryFormOf("the inspection's week 1", BrowserForms.INSPECTION_WEEK_1);
  }
}
