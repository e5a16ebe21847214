package uk.jtai.response.amendment;

import uk.jtai.response.inspection.TakingPart;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.childselection.KnownToAgencyReturns;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;

/**
 * An agency corrects its known-to-agency return until LAIM forwards the returns to the inspectors (issue 16,
 * corrections; guidance 9.4 to 9.5): its share of the known-to-agency step is started again ({@link
 * SelectionAmendments#askAgain}), its sheet showing its answers, and completing it replaces the return. Refused,
 * naming the field, once the forwarding is completed (the inspectors work from what was forwarded: LAIM passes a
 * correction on then), before the agency has returned (its sheet is open), or while its sheet is already open
 * again. Kept in jtai_return_correction (who, when, which agency, why).
 */
@Service
public class ReturnCorrections {

  static final String FORWARD_TASK = "Task_ForwardReturns";
  private static final Logger log = LoggerFactory.getLogger(ReturnCorrections.class);

  private final ProcessEngine engine;
  private final ScheduleRepository inspections;
  private final ThemeRegistry themes;
  private final KnownToAgencyReturns returns;
  private final SelectionAmendments amendments;
  private final JdbcClient jdbc;
  private final TakingPart takingPart;

  public ReturnCorrections(@Lazy ProcessEngine engine, ScheduleRepository inspections, ThemeRegistry themes,
                           KnownToAgencyReturns returns, SelectionAmendments amendments, JdbcClient jdbc,
                           TakingPart takingPart) {
    this.takingPart = takingPart;
    this.engine = engine;
    this.inspections = inspections;
    this.themes = themes;
    this.returns = returns;
    this.amendments = amendments;
    this.jdbc = jdbc;
  }

  /** One agency's return reopened for correction. */
  public record Correction(String agency, String reason, String correctedBy, Instant correctedAt) {}

  /** Reopens the return of the agency among {@code groups}, or refuses naming the field (nothing changed). */
  public Correction reopen(CorrectReturnForm.Submitted request, String by, List<String> groups, Submission submission) {
    String reference = request.inspectionReference();
    if (reference != null && inspections.find(reference).isEmpty()) {
      submission.reject(CorrectReturnForm.Submitted::inspectionReference, "is no inspection of this service");
    }
    if (request.correctionReason() != null && request.correctionReason().length() < 10) {
      submission.reject(CorrectReturnForm.Submitted::correctionReason, "must say why, in at least 10 characters");
    }
    submission.verdict();

    ProcessInstance running = engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(SelectionAmendments.CHILD_SELECTION).active().singleResult();
    if (running == null) {
      submission.reject(CorrectReturnForm.Submitted::inspectionReference,
          "has no known-to-agency returns running (not yet started, or over)");
      submission.verdict();
    }
    String theme = (String) engine.getRuntimeService().getVariable(running.getId(), Standing.THEME.name());
    List<String> mine = takingPart.expand(reference, themes.theme(theme).caseAuditAgencies()).stream()
        .filter(groups::contains).toList();
    if (mine.size() != 1) {
      submission.reject(CorrectReturnForm.Submitted::inspectionReference, mine.isEmpty()
          ? "asks no known-to-agency return of your agency" : "asks a return of more than one of your agencies: "
              + "ask the Business Unit to correct it");
      submission.verdict();
    }
    String agency = mine.get(0);
    if (engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(running.getId())
        .activityId(FORWARD_TASK).finished().count() > 0) {
      submission.reject(CorrectReturnForm.Submitted::inspectionReference, "the returns have been forwarded to the inspectors: "
          + "ask the LA Inspection Manager to pass your correction on");
    } else if (!returns.returnedAt(reference).containsKey(agency)) {
      submission.reject(CorrectReturnForm.Submitted::inspectionReference,
          "your agency has not returned yet: its sheet is open in Tasklist");
    } else if (engine.getTaskService().createTaskQuery().processInstanceId(running.getId())
        .taskDefinitionKey(SelectionAmendments.KNOWN_TO_AGENCY_TASK).taskCandidateGroup(agency).count() > 0) {
      submission.reject(CorrectReturnForm.Submitted::inspectionReference, "your agency's sheet is already open in Tasklist");
    }
    submission.verdict();

    amendments.askAgain(reference, running, List.of(agency));
    Instant now = EngineTime.now();
    jdbc.sql("insert into jtai_return_correction (reference, agency, reason, corrected_by, corrected_at) values (?, ?, ?, ?, ?)")
        .params(reference, agency, request.correctionReason(), by, utc(now)).update();
    log.info("{} reopened the known-to-agency return of {} for inspection {}", by, agency, reference);
    return new Correction(agency, request.correctionReason(), by, now);
  }

  /** The corrections of an inspection's returns, oldest first. */
  public List<Correction> of(String reference) {
    return jdbc.sql("select agency, reason, corrected_by, corrected_at from jtai_return_correction where reference = ? order by id")
        .param(reference)
        .query((rs, row) -> new Correction(rs.getString("agency"), rs.getString("reason"), rs.getString("corrected_by"),
            rs.getTimestamp("corrected_at").toInstant()))
        .list();
  }
}
