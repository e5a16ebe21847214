package uk.jtai.response.auditreport;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import uk.jtai.response.partnership.RoleContacts;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/appoint-audit-roles.form: the Business Unit appoints the Audit Chair, who must be from one of
 * the statutory partners (guidance 9.13), and nominates the Audit Author (9.14).
 */
@Component
public class AppointAuditRolesForm implements TaskForm<AppointAuditRolesForm.Submitted> {

  /** User ids; the engine keeps them (AuditReportVariables) to offer the Audit Day's tasks to these two. */
  public record Submitted(String auditChair, String auditAuthor) {}

  static final String DRAFT_TASK = "Task_UploadReportDraft";

  private final AuditDay auditDay;

  public AppointAuditRolesForm(AuditDay auditDay) {
    this.auditDay = auditDay;
  }

  @Override
  public String formId() {
    return "appoint-audit-roles";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    String chair = submission.text(Submitted::auditChair, 128);
    if (chair != null && !auditDay.possibleChairs().containsKey(chair)) {
      submission.reject(Submitted::auditChair,
          "the Audit Chair must be a person from a statutory partner (a user of their lead contact or senior approver groups)");
    }
    String author = submission.text(Submitted::auditAuthor, 128);
    if (author != null && !auditDay.possibleAuthors().containsKey(author)) {
      submission.reject(Submitted::auditAuthor, "the Audit Author must be a user of the partnership");
    }
    return new Submitted(chair, author);
  }

  /**
   * The draft opens at the end of the Audit Day whether or not an Author is appointed (the Business Unit holds it
   * meanwhile): an appointment made later hands the still unassigned draft to the Author.
   */
  @Override
  public void record(DelegateTask task, Submitted submitted) {
    TaskService tasks = task.getProcessEngineServices().getTaskService();
    Context.getCommandContext().runWithoutAuthorization(() -> {
      for (Task draft : tasks.createTaskQuery().processInstanceId(task.getProcessInstanceId())
          .taskDefinitionKey(DRAFT_TASK).taskUnassigned().list()) {
        tasks.setAssignee(draft.getId(), submitted.auditAuthor());
        tasks.deleteCandidateGroup(draft.getId(), RoleContacts.BUSINESS_UNIT);
      }
      return null;
    });
  }
}
