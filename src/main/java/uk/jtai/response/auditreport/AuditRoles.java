package uk.jtai.response.auditreport;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Contact;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Var;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.ApiExceptionHandler;

/**
 * The Business Unit reassigns the Audit Chair (a person from a statutory partner, guidance 9.13) or the Audit
 * Author (9.14) of a running Audit Day and report stage, e.g. when the Chair is ill: the stage's variable
 * follows, so the role's later tasks go to the new person; the role's open tasks move to them; both people
 * are e-mailed; and the change is kept in jtai_audit_role_change (who, when, by whom, why). The caller's
 * right to do it is checked by {@link AuditRolesController}; the input here.
 */
@Component
public class AuditRoles {

  static final String CHAIR = "chair";
  static final String AUTHOR = "author";

  /** Per role: the stage variable that names its holder and the user tasks the model assigns to it. */
  private record Role(String title, Var<String> holder, List<String> tasks) {}

  private static final Map<String, Role> ROLES = Map.of(
      CHAIR, new Role("Audit Chair", AuditReportVariables.AUDIT_CHAIR, List.of("Task_RecordAuditDay")),
      AUTHOR, new Role("Audit Author", AuditReportVariables.AUDIT_AUTHOR, List.of("Task_UploadReportDraft")));

  static final String STAGE = "audit-day-and-report";

  /** What the Business Unit sends: the role, the person who takes it over and why. */
  public record Reassignment(String role, String newUser, String reason) {}

  /** A change as kept. */
  public record Change(String role, String oldUser, String newUser, String reason, String changedBy, Instant changedAt) {}

  private final ProcessEngine engine;
  private final AuditDay auditDay;
  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final TaskLinks links;
  private final Partnership partnership;

  public AuditRoles(@Lazy ProcessEngine engine, AuditDay auditDay, JdbcClient jdbc, Outbox outbox, TaskLinks links,
                    Partnership partnership) {
    this.engine = engine;
    this.auditDay = auditDay;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.links = links;
    this.partnership = partnership;
  }

  /**
   * Validates the request against the running stage (a {@code 400} naming the field), then makes the change
   * in one transaction: nothing half-done.
   */
  public Change reassign(String reference, Map<String, Object> request, String by) {
    Submission submission = new Submission(request::get);
    Reassignment reassignment = read(submission);
    submission.verdict();
    return reassign(reference, reassignment, by, submission);
  }

  /**
   * The role, the new person and why, read and checked as text (the API's request and Tasklist's start form
   * {@link ReassignAuditRoleForm} alike, so both refuse the same input with the same reasons).
   */
  static Reassignment read(Submission submission) {
    return new Reassignment(submission.choice(Reassignment::role, ROLES.keySet().stream().sorted().toList()),
        submission.text(Reassignment::newUser, 128), submission.text(Reassignment::reason, 2000));
  }

  /**
   * As {@link #reassign(String, Map, String)}, for a request already read (and given its verdict) through {@code
   * submission}, whose later refusals (who may hold the role, the same person) name the field there.
   */
  public Change reassign(String reference, Reassignment request, String by, Submission submission) {
    String roleName = request.role();
    String newUser = request.newUser();
    String reason = request.reason();
    Role role = ROLES.get(roleName);
    // The caller has been checked (the Business Unit); who may hold the role is read from all users and groups.
    return withoutEngineAuthorization(() -> {
      Map<String, String> allowed = CHAIR.equals(roleName) ? auditDay.possibleChairs() : auditDay.possibleAuthors();
      if (!allowed.containsKey(newUser)) {
        submission.reject(Reassignment::newUser, CHAIR.equals(roleName)
            ? "the Audit Chair must be a person from a statutory partner (a user of their lead contact or senior approver groups)"
            : "the Audit Author must be a user of the partnership");
      }
      ProcessInstance stage = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
          .processDefinitionKey(STAGE).active().singleResult();
      if (stage == null) {
        throw new ApiExceptionHandler.ConflictException(
            "The Audit Day and report stage of " + reference + " is not running: there is no " + role.title() + " to reassign");
      }
      String oldUser = (String) engine.getRuntimeService().getVariable(stage.getId(), role.holder().name());
      if (oldUser == null) {
        throw new ApiExceptionHandler.ConflictException(
            "No " + role.title() + " has been appointed yet: the Business Unit appoints one in its task in Tasklist");
      }
      if (oldUser.equals(newUser)) {
        submission.reject(Reassignment::newUser, "is already the " + role.title());
      }
      submission.verdict();
      engine.getRuntimeService().setVariable(stage.getId(), role.holder().name(), newUser);
      for (Task task : engine.getTaskService().createTaskQuery().processInstanceId(stage.getId())
          .taskDefinitionKeyIn(role.tasks().toArray(String[]::new)).list()) {
        // The model assigns these tasks to the role's holder; a task someone else took is left with them.
        if (task.getAssignee() == null || oldUser.equals(task.getAssignee())) {
          engine.getTaskService().setAssignee(task.getId(), newUser);
        }
      }
      Instant now = EngineTime.now();
      jdbc.sql("insert into jtai_audit_role_change (reference, role, old_user, new_user, reason, changed_by, changed_at) "
              + "values (?, ?, ?, ?, ?, ?, ?)")
          .params(reference, roleName, oldUser, newUser, reason, by, utc(now)).update();
      mail(reference, "audit-role-assigned", role, newUser, now);
      mail(reference, "audit-role-released", role, oldUser, now);
      return new Change(roleName, oldUser, newUser, reason, by, now);
    });
  }

  /** Every change of the Audit Chair or Author of an inspection, oldest first. */
  public List<Change> changes(String reference) {
    return jdbc.sql("select role, old_user, new_user, reason, changed_by, changed_at from jtai_audit_role_change "
            + "where reference = ? order by id")
        .param(reference)
        .query((rs, row) -> new Change(rs.getString("role"), rs.getString("old_user"), rs.getString("new_user"),
            rs.getString("reason"), rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant()))
        .list();
  }

  // The role and the inspection's reference only: never a child, never the reason (free text).
  private void mail(String reference, String template, Role role, String userId, Instant now) {
    User user = org.camunda.bpm.engine.impl.context.Context.getCommandContext().runWithoutAuthorization(
        () -> engine.getIdentityService().createUserQuery().userId(userId).singleResult());
    if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
      return;
    }
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip();
    outbox.enqueue(Mail.about(reference, template)
        .to(new Contact(name.isEmpty() ? userId : name, user.getEmail()))
        .task(role.title(), links.tasklist())
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once(template + ":" + reference + ":" + role.title() + ":" + userId + ":" + now.toEpochMilli()));
  }

  private <T> T withoutEngineAuthorization(java.util.function.Supplier<T> work) {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(work::get));
  }
}
