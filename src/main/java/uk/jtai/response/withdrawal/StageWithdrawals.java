package uk.jtai.response.withdrawal;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;

/**
 * The Business Unit takes an agency that is not part of a stage for this inspection out of it, with a reason
 * (issue 16, nil returns): every piece of the agency's own work in that stage (its instance of each step done
 * per agency, with whatever it holds per child) is withdrawn from the running stage, so the stage neither
 * waits for it nor escalates it; the other agencies' work and the rest of the stage go on. The change is kept
 * in {@code jtai_stage_withdrawal} (who, when, which stage, why) and the agency's lead contact and deputy are
 * told (never the reason: it is free text). A step the stage does once, for one agency (the Local Authority's
 * Annex A, say), is not the agency's share of a stage and cannot be taken out.
 */
@Service
public class StageWithdrawals {

  /** The stages in which each agency has a share, by process key, in the order an inspection reaches them. */
  public static final List<String> STAGES = List.of("notification-cascade", "fieldwork-meetings", "documentary-evidence", "child-selection",
      "case-audit", "audit-day-and-report", "fieldwork", "after-fieldwork");

  private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";
  private static final Logger log = LoggerFactory.getLogger(StageWithdrawals.class);

  private final ProcessEngine engine;
  private final ScheduleRepository inspections;
  private final Partnership partnership;
  private final JdbcClient jdbc;
  private final Outbox outbox;
  private final TaskLinks links;

  public StageWithdrawals(@Lazy ProcessEngine engine, ScheduleRepository inspections, Partnership partnership, JdbcClient jdbc,
                          Outbox outbox, TaskLinks links) {
    this.engine = engine;
    this.inspections = inspections;
    this.partnership = partnership;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.links = links;
  }

  /** One agency taken out of one stage. */
  public record Withdrawal(String stage, String agency, String reason, int tasksWithdrawn, String withdrawnBy, Instant withdrawnAt) {}

  /**
   * Takes the agency out of the stage of the inspection, in the caller's transaction; refuses, naming the field,
   * an unknown inspection, a stage not running, an unknown agency, or an agency with nothing open in the stage.
   */
  public Withdrawal takeOut(TakeAgencyOutForm.Submitted request, String by, Submission submission) {
    String reference = request.inspectionReference();
    if (reference != null && inspections.find(reference).isEmpty()) {
      submission.reject(TakeAgencyOutForm.Submitted::inspectionReference, "is no inspection of this service");
    }
    String stage = request.stage();
    if (stage != null && !STAGES.contains(stage)) {
      submission.reject(TakeAgencyOutForm.Submitted::stage, "must be one of " + String.join(", ", STAGES));
    }
    Optional<Agency> agency = Optional.ofNullable(request.agency()).flatMap(this::agencyNamed);
    if (request.agency() != null && agency.isEmpty()) {
      submission.reject(TakeAgencyOutForm.Submitted::agency, "is no agency of the partnership: one of "
          + String.join(", ", partnership.agencies().stream().map(Agency::shortName).toList()));
    }
    if (request.withdrawalReason() != null && request.withdrawalReason().length() < 10) {
      submission.reject(TakeAgencyOutForm.Submitted::withdrawalReason, "must say why, in at least 10 characters");
    }
    submission.verdict();

    RuntimeService runtime = engine.getRuntimeService();
    ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(stage).active().singleResult();
    if (running == null) {
      submission.reject(TakeAgencyOutForm.Submitted::stage, "is not running for " + reference
          + " (not yet started, or over): there is nothing to take the agency out of");
      submission.verdict();
    }
    Instant now = EngineTime.now();
    int tasks = withdraw(running, reference, stage, agency.get().id(), request.withdrawalReason(), by, now);
    if (tasks < 0) {
      submission.reject(TakeAgencyOutForm.Submitted::agency, "has nothing open in this stage of " + reference);
      submission.verdict();
    }
    String stageName = stageName(running);
    outbox.enqueue(Mail.about(reference, "agency-taken-out")
        .to(agency.get().lead())
        .to(agency.get().deputy())
        .agency(agency.get().shortName())
        .task(stageName, links.tasklist())
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once("agency-taken-out:" + reference + ":" + stage + ":" + agency.get().id()));
    log.info("{} took {} out of {} of inspection {}: {} open task(s) withdrawn", by, agency.get().id(), stage, reference, tasks);
    return new Withdrawal(stage, agency.get().id(), request.withdrawalReason(), tasks, by, now);
  }

  /**
   * Withdraws every share of the agency in the running stage (its instance of each step done per agency, with its
   * per-child work) and records it in {@code jtai_stage_withdrawal}, in the caller's transaction: the number of
   * its open tasks withdrawn, or -1 (nothing changed, nothing recorded) when it has no share open there.
   */
  int withdraw(ProcessInstance running, String reference, String stage, String agencyId, String reason, String by, Instant at) {
    RuntimeService runtime = engine.getRuntimeService();
    List<Share> shares = new ArrayList<>();
    collectShares(runtime, runtime.getActivityInstance(running.getId()), agencyId, shares);
    if (shares.isEmpty()) {
      return -1;
    }
    long tasks = engine.getTaskService().createTaskQuery().processInstanceId(running.getId()).list().stream()
        .filter(task -> agencyId.equals(engine.getTaskService().getVariable(task.getId(), Standing.AGENCY.name())))
        .count();
    var modification = runtime.createProcessInstanceModification(running.getId());
    for (Share share : shares) {
      if (share.lastOfItsStep()) {
        // The agency was the last one the step waited for: the step is over, and the stage goes on after it
        // as it does when the last agency completes (cancelling the last instance alone would leave it waiting).
        modification.cancelActivityInstance(share.body().getId())
            .startAfterActivity(share.body().getActivityId(), share.body().getParentActivityInstanceId());
      } else {
        modification.cancelActivityInstance(share.instance().getId());
      }
    }
    modification.execute();
    jdbc.sql("insert into jtai_stage_withdrawal (reference, stage, agency, reason, tasks_withdrawn, withdrawn_by, withdrawn_at) "
            + "values (?, ?, ?, ?, ?, ?, ?)")
        .params(reference, stage, agencyId, reason, (int) tasks, by, utc(at)).update();
    return (int) tasks;
  }

  /** The running stage of the inspection with the process key, if it runs. */
  Optional<ProcessInstance> running(String reference, String stage) {
    return Optional.ofNullable(engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(stage).active().singleResult());
  }

  /** The agencies taken out of stages of an inspection, oldest first. */
  public List<Withdrawal> of(String reference) {
    return jdbc.sql("select stage, agency, reason, tasks_withdrawn, withdrawn_by, withdrawn_at from jtai_stage_withdrawal "
            + "where reference = ? order by id")
        .param(reference)
        .query((rs, row) -> new Withdrawal(rs.getString("stage"), rs.getString("agency"), rs.getString("reason"),
            rs.getInt("tasks_withdrawn"), rs.getString("withdrawn_by"), rs.getTimestamp("withdrawn_at").toInstant()))
        .list();
  }

  /** By id, short name or name, as people write it ("education", "Education", "YJS" is not enough). */
  private Optional<Agency> agencyNamed(String written) {
    String wanted = written.strip().toLowerCase(Locale.UK);
    return partnership.agencies().stream().filter(a -> a.id().equals(wanted) || a.shortName().toLowerCase(Locale.UK).equals(wanted)
        || a.name().toLowerCase(Locale.UK).equals(wanted)).findFirst();
  }

  /**
   * One share of the agency in a stage: its {@code instance} of a step done per agency (an inner instance of the
   * step's multi-instance {@code body}); whether no other agency's instance is left.
   */
  private record Share(ActivityInstance body, ActivityInstance instance, boolean lastOfItsStep) {}

  /**
   * The agency's shares of the stage: each inner instance of a step done per agency (a multi-instance over the
   * agencies) whose element variable {@code agency} is this agency, outermost first (its per-child work inside).
   */
  private static void collectShares(RuntimeService runtime, ActivityInstance instance, String agency, List<Share> shares) {
    boolean perInstance = instance.getActivityId().endsWith(MULTI_INSTANCE_BODY);
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      if (perInstance && child.getExecutionIds().length > 0
          && agency.equals(runtime.getVariable(child.getExecutionIds()[0], Standing.AGENCY.name()))) {
        shares.add(new Share(instance, child, instance.getChildActivityInstances().length == 1));
      } else {
        collectShares(runtime, child, agency, shares);
      }
    }
  }

  private String stageName(ProcessInstance running) {
    return engine.getRepositoryService().getProcessDefinition(running.getProcessDefinitionId()).getName();
  }
}
