package uk.jtai.response.concerns;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.inspection.InspectionService;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.FieldError;
import uk.jtai.response.tasks.SubmissionRejectedException;

/**
 * Issues of concern (guidance section 14), as bean {@code concerns}: the inspectors raise a serious
 * concern at any time; LAIM records it (Tasklist or {@code POST /api/inspections/{reference}/concerns});
 * each becomes an instance of the event subprocess of jtai-inspection, which knows only the concern's
 * id, so several run side by side without sharing anything. The summary is child-level data: it is held
 * in table jtai_concern, shown only on the response tasks, never e-mailed.
 */
@Component("concerns")
public class IssuesOfConcern {

  public static final String MESSAGE = "IssueOfConcern";
  public static final String CONCERN_ID = "concernId";

  private final JdbcTemplate jdbc;
  private final Partnership partnership;
  private final ConcernProperties properties;
  private final RuntimeService runtime;
  private final ProcessEngine engine;
  private final Outbox outbox;
  private final TaskLinks links;
  private final WorkingCalendar calendar;

  public IssuesOfConcern(JdbcTemplate jdbc, Partnership partnership, ConcernProperties properties,
                         @Lazy RuntimeService runtime, @Lazy ProcessEngine engine, Outbox outbox, TaskLinks links,
                         WorkingCalendar calendar) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.partnership = partnership;
    this.properties = properties;
    this.runtime = runtime;
    this.outbox = outbox;
    this.links = links;
    this.calendar = calendar;
  }

  /**
   * Records a concern and starts its handling in the running inspection, in the caller's transaction.
   *
   * @return the concern's id
   */
  public long raise(String reference, String agency, String summary, String by) {
    // The caller's right to record a concern was checked (LAIM's task, or the API's group check); starting
    // the concern's handling in the inspection is the system's own work.
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> context.runWithoutAuthorization(() -> {
          ProcessInstance inspection = inspection(reference);
          if (inspection == null) {
            throw new SubmissionRejectedException(List.of(new FieldError("reference", "no inspection " + reference + " is running")));
          }
          Instant now = EngineTime.now();
          GeneratedKeyHolder key = new GeneratedKeyHolder();
          jdbc.update(connection -> {
            var statement = connection.prepareStatement("insert into jtai_concern (reference, agency, summary, raised_by, "
                + "raised_at, response_due) values (?, ?, ?, ?, ?, ?)", new String[] {"id"});
            statement.setString(1, reference);
            statement.setString(2, agency);
            statement.setString(3, summary.strip());
            statement.setString(4, by);
            statement.setObject(5, now.atOffset(ZoneOffset.UTC));
            statement.setObject(6, now.plus(properties.responseWindow()).atOffset(ZoneOffset.UTC));
            return statement;
          }, key);
          long id = key.getKey().longValue();
          runtime.createMessageCorrelation(MESSAGE).processInstanceId(inspection.getId())
              .setVariablesLocal(Map.of(CONCERN_ID, id)).correlateWithResult();
          return id;
        }));
  }

  private ProcessInstance inspection(String reference) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(InspectionService.PROCESS_KEY).active().singleResult();
  }

  private Map<String, Object> row(VariableScope scope) {
    return jdbc.queryForMap("select * from jtai_concern where id = ?", ((Number) scope.getVariable(CONCERN_ID)).longValue());
  }

  /**
   * Start listener of the concern's event subprocess: fixes which concern (and so which agency) this run is
   * about in its own scope, since the message sets the concern's id on the inspection, where the next
   * concern replaces it. The tasks' views read it from here whenever they are opened.
   */
  public void begin(DelegateExecution execution) {
    long id = ((Number) execution.getVariable(CONCERN_ID)).longValue();
    execution.setVariableLocal(CONCERN_ID, id);
    execution.setVariableLocal(Standing.AGENCY.name(), agency(execution));
  }

  /** The agency the concern is about (its senior responds). */
  public String agency(VariableScope scope) {
    return (String) row(scope).get("agency");
  }

  public String summary(VariableScope scope) {
    return (String) row(scope).get("summary");
  }

  public String response(VariableScope scope) {
    Object response = row(scope).get("agency_response");
    return response == null ? "" : (String) response;
  }

  /** When the agency's senior must have responded: a short window from the concern being raised. */
  public Date responseDue(VariableScope scope) {
    Object due = row(scope).get("response_due");
    return Date.from(due instanceof OffsetDateTime odt ? odt.toInstant() : ((java.sql.Timestamp) due).toInstant());
  }

  public void recordAgencyResponse(VariableScope scope, String response, String by) {
    jdbc.update("update jtai_concern set agency_response = ?, responded_by = ?, responded_at = ? where id = ?",
        response, by, EngineTime.now().atOffset(ZoneOffset.UTC), ((Number) scope.getVariable(CONCERN_ID)).longValue());
  }

  public void recordGivenToInspectors(VariableScope scope, Instant at) {
    jdbc.update("update jtai_concern set given_to_inspectors_at = ? where id = ?", at.atOffset(ZoneOffset.UTC),
        ((Number) scope.getVariable(CONCERN_ID)).longValue());
  }

  /** At once: the agency's senior approver and the DCS are told there is a concern, with a link (no details). */
  public void notifySeniorAndDcs(DelegateExecution execution) {
    Agency agency = partnership.agency(agency(execution));
    outbox.enqueue(Mail.about(Standing.REFERENCE.get(execution), "issue-of-concern")
        .to(agency.senior()).to(partnership.dcs())
        .agency(agency.shortName())
        .link(links.tasklist())
        .due(responseDue(execution).toInstant(), calendar.zone(), "Respond to the issue of concern")
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once("concern:" + execution.getVariable(CONCERN_ID)));
  }
}
