package uk.jtai.response.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.plugin.variable.SpinValues;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.security.DemoUsers;

/**
 * Drives inspections through the engine API as the demo profile's users (never as an administrator):
 * each task is found among those the user can see and completed as that user. Shared by the whole
 * inspection test and the full-inspection simulation.
 */
public final class AsDemoUsers {

  private final ProcessEngine engine;
  private final Partnership partnership;
  private final DemoUsers demo;
  private final ObjectMapper json = new ObjectMapper();
  private final Set<String> usersWhoWorked = new HashSet<>();

  /**
   * The demo profile's users, created in the test's context (a second application context would
   * register a second process engine named "default"). Outside profile demo the service refuses to start
   * while users with these ids exist (security/DemoAccountsCheck), with no exception for tests: it started
   * here on the test profile's empty in-memory database before any test created them, so a test that needs
   * a context of its own gives it its own database (as security/StartupTest does).
   */
  public AsDemoUsers(ProcessEngine engine, Partnership partnership) {
    this.engine = engine;
    this.partnership = partnership;
    this.demo = new DemoUsers(partnership, TestUsers.PASSWORD);
    for (DemoUsers.DemoUser user : demo.users()) {
      TestUsers.ensure(identity(), user.id(), user.groups().toArray(String[]::new));
    }
  }

  private IdentityService identity() {
    return engine.getIdentityService();
  }

  public Set<String> usersWhoWorked() {
    return usersWhoWorked;
  }

  public List<String> groupsOf(String user) {
    return identity().createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
  }

  /** The demo user who signs off for the agency (its senior approver, or the DCS where the senior is the DCS). */
  public String senior(String agencyId) {
    Agency agency = partnership.agency(agencyId);
    return demo.users().stream().filter(u -> u.groups().contains(agency.seniorGroup())).findFirst().orElseThrow().id();
  }

  public List<Task> visibleTo(String user, String reference) {
    identity().setAuthentication(user, groupsOf(user));
    try {
      return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference).list();
    } finally {
      identity().clearAuthentication();
    }
  }

  /** As {@code user}: the open task with this key that the user can see (the first, if several). */
  public Task find(String user, String reference, String taskKey) {
    return visibleTo(user, reference).stream().filter(t -> t.getTaskDefinitionKey().equals(taskKey)).findFirst()
        .orElseThrow(() -> new AssertionError(user + " sees no " + taskKey));
  }

  /** As {@code user}: finds the one open task with this key that the user can see, and completes it. */
  public void work(String user, String reference, String taskKey, Map<String, Object> variables) {
    work(user, reference, taskKey, null, variables);
  }

  public void work(String user, String reference, String taskKey, Integer child, Map<String, Object> variables) {
    List<Task> mine = visibleTo(user, reference).stream().filter(t -> t.getTaskDefinitionKey().equals(taskKey))
        .filter(t -> child == null || child.equals(engine.getTaskService().getVariable(t.getId(), "childNumber"))).toList();
    assertThat(mine).as(user + " sees " + taskKey + (child == null ? "" : " for child " + child)).isNotEmpty();
    identity().setAuthentication(user, groupsOf(user));
    try {
      engine.getTaskService().complete(mine.get(0).getId(), variables);
    } finally {
      identity().clearAuthentication();
    }
    usersWhoWorked.add(user);
  }

  /** Every demo user sees only tasks offered to one of their groups or assigned to them. */
  public void everyoneSeesOnlyTheirOwnTasks(String reference) {
    for (DemoUsers.DemoUser user : demo.users()) {
      Set<String> groups = new HashSet<>(groupsOf(user.id()));
      for (Task task : visibleTo(user.id(), reference)) {
        boolean assigned = user.id().equals(task.getAssignee());
        boolean candidate = engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> IdentityLink.class.isInstance(link) && link.getGroupId() != null)
            .anyMatch(link -> groups.contains(link.getGroupId()));
        assertThat(assigned || candidate).as(user.id() + " sees '" + task.getName() + "'").isTrue();
      }
    }
  }

  /** The Business Unit records the notification on the start form, as Tasklist does. */
  public ProcessInstance notify(String reference, String theme, String notifiedAt) {
    identity().setAuthentication("bu", groupsOf("bu"));
    try {
      Map<String, Object> notification = new HashMap<>(Map.of("reference", reference, "theme", theme, "notifiedAt", notifiedAt));
      return engine.getFormService().submitStartForm(engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey("jtai-inspection").latestVersion().singleResult().getId(), notification);
    } finally {
      identity().clearAuthentication();
    }
  }

  /** The Local Authority's lead contact confirms every Annex A list is on the inspectors' portal. */
  public void submitAnnexA(String reference) {
    Task annexA = find("la.lead", reference, "Task_SubmitAnnexA");
    String rows = engine.getTaskService().getVariable(annexA.getId(), "annexALists").toString()
        .replace("\"uploaded\":false", "\"uploaded\":true").replace("\"portalReference\":\"\"", "\"portalReference\":\"Portal\"");
    work("la.lead", reference, "Task_SubmitAnnexA", Map.of("annexALists", SpinValues.jsonValue(rows).create()));
  }

  /** The agency's lead contact answers No for every child on its known-to-agency sheet. */
  public void answerKnownToAgency(String agency, String reference) throws Exception {
    Task sheet = find(agency + ".lead", reference, "Task_ReturnKnownToAgency");
    ArrayNode answers = (ArrayNode) json.readTree(engine.getFormService().getTaskFormVariables(sheet.getId()).get("knownToAgencyAnswers").toString());
    answers.forEach(row -> ((ObjectNode) row).put("answer", "no"));
    work(agency + ".lead", reference, "Task_ReturnKnownToAgency",
        Map.of("knownToAgencyAnswers", SpinValues.jsonValue(answers.toString()).create()));
  }

  /** The agency's senior approves its evidence and its lead confirms every case record was shared. */
  public void provideEvidence(String agency, String reference) throws Exception {
    work(senior(agency), reference, "Task_ApproveEvidence", Map.of("evidenceApproved", true));
    Task confirm = find(agency + ".lead", reference, "Task_ConfirmEvidence");
    ArrayNode records = (ArrayNode) json.readTree(engine.getTaskService().getVariable(confirm.getId(), "caseRecordRows").toString());
    records.forEach(row -> ((ObjectNode) row).put("shared", true));
    work(agency + ".lead", reference, "Task_ConfirmEvidence", Map.of("evidenceProvided", true,
        "caseRecordRows", SpinValues.jsonValue(records.toString()).create()));
  }

  /** The agency's lead completes the audit tool for each child and its senior signs each off. */
  public void auditAndSignOff(String agency, String reference, int children) {
    for (int child = 1; child <= children; child++) {
      work(agency + ".lead", reference, "Task_CompleteAuditTool", child, Map.of("auditToolCompleted", true,
          "chronologyCompleted", true, "returnLocation", "Audit/" + agency + "/" + child));
      work(senior(agency), reference, "Task_SignOffAudit", child, Map.of("auditDecision", "approve"));
    }
  }

  /** The agency's lead contributes its actions and its senior signs them off. */
  public void contributeActions(String agency, String reference) {
    work(agency + ".lead", reference, "Task_ContributeActions", Map.of("actionsLocation", "Plan/" + agency, "actionCount", 2));
    work(senior(agency), reference, "Task_SignOffActions", Map.of("actionsDecision", "approve"));
  }
}
