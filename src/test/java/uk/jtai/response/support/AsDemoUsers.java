package uk.jtai.response.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.script.InspectionScript;
import uk.jtai.response.script.ScheduledPerformer;
import uk.jtai.response.security.DemoUsers;

/**
 * Drives inspections through the engine API as the demo profile's users (never as an administrator):
 * each task is found among those the user can see and completed as that user. The whole inspection
 * test and the full-inspection simulation run the {@link InspectionScript} through {@link #performer}.
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
   * a context of its own gives it its own database (as security/StartupIT does).
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

  /** One user per role: the coordinators, and each agency's lead, deputy and senior (where the senior is not the DCS). */
  public List<String> everyRole() {
    List<String> users = new java.util.ArrayList<>(List.of("bu", "laim", "dcs", "scrutineer"));
    partnership.agencies().forEach(agency -> {
      users.add(agency.id() + ".lead");
      users.add(agency.id() + ".deputy");
      if (!senior(agency.id()).equals("dcs")) {
        users.add(agency.id() + ".senior");
      }
    });
    return users;
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
    return start(new HashMap<>(Map.of("reference", reference, "theme", theme, "notifiedAt", notifiedAt)));
  }

  private ProcessInstance start(Map<String, Object> startForm) {
    identity().setAuthentication("bu", groupsOf("bu"));
    try {
      return engine.getFormService().submitStartForm(engine.getRepositoryService().createProcessDefinitionQuery()
          .processDefinitionKey("jtai-inspection").latestVersion().singleResult().getId(), startForm);
    } finally {
      identity().clearAuthentication();
    }
  }

  /** The script's facts about an inspection of {@code theme} done by these demo users. */
  public InspectionScript.Inspection inspection(String reference, Theme theme, Instant notifiedAt, List<String> children,
                                                int audited) {
    return new InspectionScript.Inspection(reference, theme.id(), notifiedAt, theme.agencies(), theme.caseAuditAgencies(),
        partnership.statutoryPartners().stream().map(Agency::id).toList(), children, audited, this::senior).withTimetableOf(theme);
  }

  /**
   * The script done as these demo users: each step's task found among those its user sees (for the step's
   * agency and child) and completed as that user; {@code clock} moves the engine clock (doing what falls
   * due on the way), {@code dueJobs} runs the inspection's due jobs; after every stage, everyone still
   * sees only their own tasks.
   */
  public InspectionScript.Performer performer(ScheduleRepository schedules, WorkingCalendar calendar, Consumer<Instant> clock,
                                              Consumer<String> dueJobs) {
    return new ScheduledPerformer(schedules, calendar) {
      @Override
      public void moveTo(Instant instant) {
        clock.accept(instant);
      }

      @Override
      public void start(String user, Map<String, Object> startForm) {
        assertThat(user).isEqualTo("bu");
        AsDemoUsers.this.start(startForm);
      }

      @Override
      public JsonNode offered(String user, String reference, String taskKey, String agency, Integer child, String variable) {
        try {
          return json.readTree(engine.getFormService().getTaskFormVariables(mine(user, reference, taskKey, agency, child).getId())
              .get(variable).toString());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }

      @Override
      public Instant due(String user, String reference, String taskKey, String agency, Integer child) {
        return mine(user, reference, taskKey, agency, child).getDueDate().toInstant();
      }

      @Override
      public void complete(String user, String reference, String taskKey, String agency, Integer child, Map<String, Object> variables) {
        Task task = mine(user, reference, taskKey, agency, child);
        identity().setAuthentication(user, groupsOf(user));
        try {
          engine.getTaskService().complete(task.getId(), variables);
        } finally {
          identity().clearAuthentication();
        }
        usersWhoWorked.add(user);
        dueJobs.accept(reference);
      }

      @Override
      public void runDueJobs(String reference) {
        dueJobs.accept(reference);
      }

      @Override
      public void stageDone(InspectionScript.Stage stage, InspectionScript.Inspection inspection) {
        everyoneSeesOnlyTheirOwnTasks(inspection.reference());
      }
    };
  }

  /** As {@code user}: the open task with this key that the user sees, of this agency and child where given. */
  private Task mine(String user, String reference, String taskKey, String agency, Integer child) {
    return visibleTo(user, reference).stream().filter(t -> t.getTaskDefinitionKey().equals(taskKey))
        .filter(t -> agency == null || agencyOf(t) == null || agency.equals(agencyOf(t)))
        .filter(t -> child == null || child.equals(engine.getTaskService().getVariable(t.getId(), "childNumber")))
        .findFirst().orElseThrow(() -> new AssertionError(user + " sees no " + taskKey + (agency == null ? "" : " of " + agency)
            + (child == null ? "" : " for child " + child)));
  }

  private Object agencyOf(Task task) {
    return engine.getTaskService().getVariable(task.getId(), "agency");
  }
}
