package uk.jtai.response.purge;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.childselection.KnownToAgencyReturns;
import uk.jtai.response.childselection.SelectedChildren;
import uk.jtai.response.reminders.ReminderRepository;
import uk.jtai.response.store.Sql;

/**
 * Removes an inspection's child-level data once it is closed or cancelled: any of its processes still
 * running; from the engine's history of its processes (and a rehearsal's control process) every variable
 * and form-field detail, Tasklist comments and attachments with their content, and the operation-log
 * values that repeat them ({@link EngineRecordsPurge}); and the product's child-level tables. What stays
 * is the audit trail without child data: which steps ran, who completed them and when, the schedule and
 * the e-mails' outbox (which never held child data). Each step runs in its own transaction (or in the
 * caller's, where there is one); running it again is harmless.
 */
@Component
public class InspectionPurge {

  private static final Logger log = LoggerFactory.getLogger(InspectionPurge.class);

  /** Business key of a rehearsal's control process: the rehearsal's reference followed by this. */
  public static final String CONTROL_SUFFIX = "-CONTROL";

  /** Tables of the product that can hold child-level data or free text about children, keyed by inspection. */
  static final List<String> CHILD_LEVEL_TABLES = List.of("jtai_child_identity", "jtai_audit_return", "jtai_report_decision",
      "jtai_report_comment", "jtai_concern", "jtai_planning_theme", "jtai_factual_accuracy", "jtai_audit_role_change",
      "jtai_stage_withdrawal", "jtai_selection_amendment", "jtai_return_correction");

  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final SelectedChildren selected;
  private final KnownToAgencyReturns returns;
  private final JdbcClient jdbc;
  private final ReminderRepository reminders;

  public InspectionPurge(@Lazy ProcessEngine engine, @Lazy RuntimeService runtime, SelectedChildren selected,
                         KnownToAgencyReturns returns, JdbcClient jdbc, ReminderRepository reminders) {
    this.engine = engine;
    this.runtime = runtime;
    this.selected = selected;
    this.returns = returns;
    this.jdbc = jdbc;
    this.reminders = reminders;
  }

  public void purge(String reference, String reason) {
    List<String> running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .rootProcessInstances().list().stream().map(ProcessInstance::getId).toList();
    if (!running.isEmpty()) {
      runtime.deleteProcessInstancesIfExists(running, reason, true, true, false);
    }
    ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(new EngineRecordsPurge(reference));
    returns.delete(reference);
    selected.delete(reference);
    // A purged rehearsal's processes are deleted without their listeners: its reminders are withdrawn here.
    reminders.withdrawInspection(reference, EngineTime.now(), "inspection purged");
    for (String table : CHILD_LEVEL_TABLES) {
      jdbc.sql("delete from " + table + " where reference = ?").param(reference).update();
    }
    jdbc.sql("update jtai_inspection set purged_at = ? where reference = ?").params(Sql.utc(EngineTime.now()), reference).update();
    log.info("Child-level data of inspection {} purged ({})", reference, reason);
  }

  /** Inspections whose main process has ended and whose child-level data is still held. */
  public List<String> closedAndNotPurged() {
    return jdbc.sql("select i.reference from jtai_inspection i where i.purged_at is null "
            + "and exists (select 1 from act_hi_procinst p where p.id_ = i.process_instance_id and p.end_time_ is not null)")
        .query(String.class).list();
  }

}
