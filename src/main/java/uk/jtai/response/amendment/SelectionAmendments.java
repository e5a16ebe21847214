package uk.jtai.response.amendment;

import uk.jtai.response.inspection.TakingPart;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.childselection.ChildReferences;
import uk.jtai.response.childselection.SelectedChildren;
import uk.jtai.response.notify.Escalation;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;

/**
 * LAIM amends the inspectors' selections while they are in use (issue 16, corrections), in the caller's
 * transaction: one of the 20 while child-selection runs, one of the 6 while case-audit runs. The agencies'
 * work follows through process instance modification of the running stage (its models are not changed):
 *
 * <ul>
 *   <li>The 20: the child is replaced in place in jtai_selected_child (same position). An agency's open Yes/No
 *       sheet is a view of that table, so it shows the new child at once. An agency that had already returned
 *       loses its answers for the replaced child only (its other answers are kept, and its sheet shows them) and
 *       is asked again: its share of the per-agency step is started anew (a new inner instance of
 *       SubProcess_KnownToAgency with its {@code agency}). When the returns were already due, the new share's
 *       timer, firing at once, escalates nothing ({@link Escalation#NOT_ESCALATED}): the correction is not the
 *       agency's miss.</li>
 *   <li>The 6: the new child (one of the 20) takes the replaced one's audit position; in every agency's share of
 *       the case audits still running, the replaced child's inner instance of SubProcess_ChildAudit is cancelled
 *       and a new one started for the same {@code childNumber}, which now reads as the new child; the returns
 *       recorded for the replaced child are deleted.</li>
 * </ul>
 *
 * Kept in jtai_selection_amendment (who, when, which child for which, why); every agency affected is e-mailed,
 * lead contact and deputy, without any child's reference. Refusals name the field, never echo a child.
 */
@Service
public class SelectionAmendments {

  public static final String FIRST = "first";
  public static final String AUDIT = "audit";

  static final String CHILD_SELECTION = "child-selection";
  static final String CASE_AUDIT = "case-audit";
  static final String KNOWN_TO_AGENCY_SHARE = "SubProcess_KnownToAgency";
  static final String KNOWN_TO_AGENCY_TASK = "Task_ReturnKnownToAgency";
  static final String KNOWN_TO_AGENCY_DUE = "KNOWN_TO_AGENCY_DUE";
  static final String AGENCY_AUDITS = "SubProcess_AgencyAudits";
  static final String CHILD_AUDIT = "SubProcess_ChildAudit";
  static final String COMPLETE_AUDIT_TOOL_TASK = "Task_CompleteAuditTool";
  private static final String BODY = "#multiInstanceBody";
  private static final Logger log = LoggerFactory.getLogger(SelectionAmendments.class);

  private final ProcessEngine engine;
  private final ScheduleRepository inspections;
  private final SelectedChildren selected;
  private final ChildReferences childReferences;
  private final Partnership partnership;
  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final TaskLinks links;
  private final ThemeRegistry themes;
  private final ScheduleRepository schedules;
  private final TakingPart takingPart;

  public SelectionAmendments(@Lazy ProcessEngine engine, ScheduleRepository inspections, SelectedChildren selected,
                             ChildReferences childReferences, Partnership partnership, JdbcClient jdbc, Outbox outbox,
                             TaskLinks links, ThemeRegistry themes, TakingPart takingPart) {
    this.takingPart = takingPart;
    this.themes = themes;
    this.schedules = inspections;
    this.engine = engine;
    this.inspections = inspections;
    this.selected = selected;
    this.childReferences = childReferences;
    this.partnership = partnership;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.links = links;
  }

  /** One amendment of a selection: the agencies told are those whose tasks changed. */
  public record Amendment(String selection, int position, String replacedChild, String newChild, String reason,
                          int agenciesTold, String amendedBy, Instant amendedAt) {}

  /** Makes the amendment, or refuses it naming the field (nothing changed). */
  public Amendment amend(AmendSelectionForm.Submitted request, String by, Submission submission) {
    String reference = request.inspectionReference();
    if (reference != null && inspections.find(reference).isEmpty()) {
      submission.reject(AmendSelectionForm.Submitted::inspectionReference, "is no inspection of this service");
    }
    if (request.newChild() != null && !childReferences.isWellFormed(request.newChild())) {
      submission.reject(AmendSelectionForm.Submitted::newChild, "is not " + partnership.childReference().description());
    }
    if (request.newChild() != null && request.newChild().equals(request.replacedChild())) {
      submission.reject(AmendSelectionForm.Submitted::newChild, "is the child it would replace");
    }
    if (request.amendmentReason() != null && request.amendmentReason().length() < 10) {
      submission.reject(AmendSelectionForm.Submitted::amendmentReason, "must say why, in at least 10 characters");
    }
    submission.verdict();

    boolean first = FIRST.equals(request.selection());
    String stage = first ? CHILD_SELECTION : CASE_AUDIT;
    ProcessInstance running = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(stage).active().singleResult();
    if (running == null) {
      submission.reject(AmendSelectionForm.Submitted::selection, first
          ? "the children selected first can be amended only while the known-to-agency returns run (child selection, "
              + "until the audit tool is sent); it is not running for " + reference
          : "the children selected for audit can be amended only while the case audits run; they are not running for "
              + reference);
      submission.verdict();
    }
    List<String> firstSelection = selected.firstSelection(reference);
    List<String> audit = selected.auditSelection(reference);
    String replaced = request.replacedChild();
    String replacement = request.newChild();
    int position;
    List<Agency> told;
    if (first) {
      if (!firstSelection.contains(replaced)) {
        submission.reject(AmendSelectionForm.Submitted::replacedChild, "is not one of the children selected first");
      } else if (audit.contains(replaced)) {
        submission.reject(AmendSelectionForm.Submitted::replacedChild,
            "is selected for audit: amend the children selected for audit first");
      }
      if (firstSelection.contains(replacement)) {
        submission.reject(AmendSelectionForm.Submitted::newChild, "is already one of the children selected first");
      }
      submission.verdict();
      position = firstSelection.indexOf(replaced) + 1;
      told = amendFirst(reference, running, replaced, replacement);
    } else {
      if (!audit.contains(replaced)) {
        submission.reject(AmendSelectionForm.Submitted::replacedChild, "is not one of the children selected for audit");
      }
      if (!firstSelection.contains(replacement)) {
        submission.reject(AmendSelectionForm.Submitted::newChild, "is not one of the children selected first (the 20)");
      } else if (audit.contains(replacement)) {
        submission.reject(AmendSelectionForm.Submitted::newChild, "is already selected for audit");
      }
      submission.verdict();
      position = audit.indexOf(replaced) + 1;
      told = amendAudit(reference, running, replaced, replacement, position);
    }

    Instant now = EngineTime.now();
    jdbc.sql("insert into jtai_selection_amendment (reference, selection, position, replaced_child, new_child, "
            + "reason, agencies_told, amended_by, amended_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(reference, request.selection(), position, replaced, replacement, request.amendmentReason(), told.size(), by,
            utc(now))
        .update();
    // The amendment's number within the inspection keys its e-mails (never a child's reference).
    long id = jdbc.sql("select count(*) from jtai_selection_amendment where reference = ?").param(reference)
        .query(Long.class).single();
    String taskName = first ? taskName(running, KNOWN_TO_AGENCY_TASK) : taskName(running, COMPLETE_AUDIT_TOOL_TASK);
    for (Agency agency : told) {
      outbox.enqueue(Mail.about(reference, "selection-amended")
          .to(agency.lead())
          .to(agency.deputy())
          .agency(agency.shortName())
          .task(taskName, links.tasklist())
          .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
          .once("selection-amended:" + reference + ":" + id + ":" + agency.id()));
    }
    // Positions only: a child's reference never reaches a log.
    log.info("{} amended child {} of the {} selection of inspection {}; {} agencies told", by, position, request.selection(),
        reference, told.size());
    return new Amendment(request.selection(), position, replaced, replacement, request.amendmentReason(), told.size(), by, now);
  }

  /** The amendments of an inspection's selections, oldest first. */
  public List<Amendment> of(String reference) {
    return jdbc.sql("select selection, position, replaced_child, new_child, reason, agencies_told, amended_by, amended_at "
            + "from jtai_selection_amendment where reference = ? order by id")
        .param(reference)
        .query((rs, row) -> new Amendment(rs.getString("selection"), rs.getInt("position"), rs.getString("replaced_child"),
            rs.getString("new_child"), rs.getString("reason"), rs.getInt("agencies_told"), rs.getString("amended_by"),
            rs.getTimestamp("amended_at").toInstant()))
        .list();
  }

  /** The 20: returns affected; returns the agencies told (those with a sheet open and those asked again). */
  private List<Agency> amendFirst(String reference, ProcessInstance running, String replaced, String replacement) {
    selected.replace(reference, replaced, replacement);
    List<String> returned = jdbc.sql("select distinct agency from jtai_known_to_agency where reference = ? "
            + "and child_reference = ? order by agency")
        .params(reference, replaced).query(String.class).list();
    jdbc.sql("delete from jtai_known_to_agency where reference = ? and child_reference = ?").params(reference, replaced).update();
    Set<String> open = new LinkedHashSet<>();
    engine.getTaskService().createTaskQuery().processInstanceId(running.getId()).taskDefinitionKey(KNOWN_TO_AGENCY_TASK).list()
        .forEach(task -> open.add((String) engine.getTaskService().getVariable(task.getId(), Standing.AGENCY.name())));
    List<String> askAgain = returned.stream().filter(agency -> !open.contains(agency)).toList();
    askAgain(reference, running, askAgain);
    Set<String> told = new LinkedHashSet<>(open);
    told.addAll(askAgain);
    return agencies(told);
  }

  /**
   * Each agency's share of the known-to-agency step started again (its sheet shows its answers kept). One asked after
   * the returns were due is not escalated when its timer fires at once: the miss would not be the agency's (its task
   * shows the due date passed, and LAIM's tasks name it as not returned until it is).
   */
  void askAgain(String reference, ProcessInstance running, List<String> agencies) {
    if (agencies.isEmpty()) {
      return;
    }
    RuntimeService runtime = engine.getRuntimeService();
    ActivityInstance[] bodies = runtime.getActivityInstance(running.getId()).getActivityInstances(KNOWN_TO_AGENCY_SHARE + BODY);
    ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(running.getId());
    boolean due = schedules.due(reference, KNOWN_TO_AGENCY_DUE).map(at -> !at.isAfter(EngineTime.now())).orElse(false);
    for (String agency : agencies) {
      (bodies.length > 0 ? modification.startBeforeActivity(KNOWN_TO_AGENCY_SHARE, bodies[0].getId())
          : modification.startBeforeActivity(KNOWN_TO_AGENCY_SHARE))
          .setVariableLocal(Standing.AGENCY.name(), agency)
          .setVariableLocal(Escalation.NOT_ESCALATED, due);
    }
    modification.execute();
  }

  /** The 6: each agency still in the case audits gets the replaced child's work withdrawn and the new child's opened. */
  private List<Agency> amendAudit(String reference, ProcessInstance running, String replaced, String replacement, int position) {
    RuntimeService runtime = engine.getRuntimeService();
    selected.swapForAudit(reference, replaced, replacement, position);
    jdbc.sql("delete from jtai_audit_return where reference = ? and child_position = ?").params(reference, position).update();
    ActivityInstance tree = runtime.getActivityInstance(running.getId());
    ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(running.getId());
    List<String> told = new ArrayList<>();
    for (ActivityInstance share : tree.getActivityInstances(AGENCY_AUDITS)) {
      String agency = (String) runtime.getVariable(share.getExecutionIds()[0], Standing.AGENCY.name());
      ActivityInstance[] children = share.getActivityInstances(CHILD_AUDIT + BODY);
      if (children.length == 0) {
        continue;
      }
      for (ActivityInstance child : children[0].getChildActivityInstances()) {
        if (Integer.valueOf(position).equals(runtime.getVariable(child.getExecutionIds()[0], Standing.CHILD_NUMBER.name()))) {
          modification.cancelActivityInstance(child.getId());
        }
      }
      modification.startBeforeActivity(CHILD_AUDIT, children[0].getId())
          .setVariableLocal(Standing.CHILD_NUMBER.name(), position);
      told.add(agency);
    }
    // An agency whose share had ended (every child's return submitted, its senior's sign-offs done) and that was
    // not taken out of the stage audits the new child too: its share is started again around that child alone.
    List<String> takenOut = jdbc.sql("select agency from jtai_stage_withdrawal where reference = ? and stage = ?")
        .params(reference, CASE_AUDIT).query(String.class).list();
    ActivityInstance[] agencyBodies = tree.getActivityInstances(AGENCY_AUDITS + BODY);
    String theme = (String) runtime.getVariable(running.getId(), Standing.THEME.name());
    boolean pending = !told.isEmpty();
    boolean restarted = false;
    for (String agency : takingPart.expand(reference, themes.theme(theme).caseAuditAgencies())) {
      if (!told.contains(agency) && !takenOut.contains(agency)) {
        // Local to the new child audit: a plain setVariable would land on a scope every restarted share sees.
        (agencyBodies.length > 0 ? modification.startBeforeActivity(CHILD_AUDIT, agencyBodies[0].getId())
            : modification.startBeforeActivity(CHILD_AUDIT))
            .setVariableLocal(Standing.AGENCY.name(), agency)
            .setVariableLocal(Standing.CHILD_NUMBER.name(), position);
        pending = true;
        restarted = true;
        if (agencyBodies.length == 0) {
          // Every agency's share had ended: this start also creates the per-agency body, which each later share
          // joins as its own instance, so it is executed now and the body looked up.
          modification.execute();
          agencyBodies = runtime.getActivityInstance(running.getId()).getActivityInstances(AGENCY_AUDITS + BODY);
          modification = runtime.createProcessInstanceModification(running.getId());
          pending = false;
        }
        told.add(agency);
      }
    }
    if (pending) {
      modification.execute();
    }
    if (restarted) {
      agencyOnRestartedShares(runtime, running);
    }
    return agencies(told);
  }

  /**
   * A share started anew around one child has its agency on that child's audit only; its per-agency scope (the
   * escalation of its returns, the count of what is missing) is given the same agency, as the multi-instance
   * gives each share it starts.
   */
  private static void agencyOnRestartedShares(RuntimeService runtime, ProcessInstance running) {
    for (ActivityInstance share : runtime.getActivityInstance(running.getId()).getActivityInstances(AGENCY_AUDITS)) {
      String shareExecution = share.getExecutionIds()[0];
      if (runtime.getVariableLocal(shareExecution, Standing.AGENCY.name()) != null) {
        continue;
      }
      // The agency was set on the new child's audit, as deep as the step it started: read from that step up.
      for (ActivityInstance child : share.getActivityInstances(CHILD_AUDIT)) {
        for (ActivityInstance step : child.getChildActivityInstances()) {
          Object agency = runtime.getVariable(step.getExecutionIds()[0], Standing.AGENCY.name());
          if (agency != null) {
            runtime.setVariableLocal(shareExecution, Standing.AGENCY.name(), agency);
            break;
          }
        }
      }
    }
  }

  private List<Agency> agencies(java.util.Collection<String> ids) {
    return ids.stream().map(partnership::find).flatMap(java.util.Optional::stream).toList();
  }

  private String taskName(ProcessInstance running, String taskKey) {
    return engine.getRepositoryService().getBpmnModelInstance(running.getProcessDefinitionId())
        .getModelElementById(taskKey).getAttributeValue("name");
  }
}
