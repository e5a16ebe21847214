package uk.jtai.response.withdrawal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstanceModificationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.inspection.TakingPart;
import uk.jtai.response.notify.Escalation;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;

/**
 * The Business Unit changes which health providers take part in a running inspection (issue 16, item 6: "CQC will
 * determine which health agencies", decided per inspection and changeable). Each change is kept as a decision in
 * {@code jtai_inspection_provider} (who, when, why), in the caller's transaction:
 * <ul>
 *   <li>a provider <b>added</b> does every step of its part ("health") that opens from now on, and joins every step
 *   done per agency that is open now in a running stage: a new instance for it beside the others', so the stage
 *   waits for it too. A step whose deadline has already passed is not escalated for it (it was not asked in time);
 *   its lead contact and deputy are e-mailed a link to Tasklist;</li>
 *   <li>a provider <b>removed</b> is taken out of every running stage as {@link StageWithdrawals} does for one
 *   (recorded there too, with the same reason) and of every stage still to come; its lead and deputy are told.</li>
 * </ul>
 * E-mails name the inspection and the provider, never the reason (free text).
 */
@Service
public class ProviderChanges {

  private static final String BODY = "#multiInstanceBody";
  private static final List<String> CASE_AUDIT_STAGES = List.of("child-selection", "case-audit");
  private static final Logger log = LoggerFactory.getLogger(ProviderChanges.class);

  private final ProcessEngine engine;
  private final ScheduleRepository inspections;
  private final ThemeRegistry themes;
  private final Partnership partnership;
  private final TakingPart takingPart;
  private final StageWithdrawals withdrawals;
  private final Outbox outbox;
  private final TaskLinks links;

  public ProviderChanges(@Lazy ProcessEngine engine, ScheduleRepository inspections, ThemeRegistry themes,
                         Partnership partnership, TakingPart takingPart, StageWithdrawals withdrawals, Outbox outbox,
                         TaskLinks links) {
    this.engine = engine;
    this.inspections = inspections;
    this.themes = themes;
    this.partnership = partnership;
    this.takingPart = takingPart;
    this.withdrawals = withdrawals;
    this.outbox = outbox;
    this.links = links;
  }

  /** What a change did: the providers added and removed, and the steps each joined or left. */
  public record Change(List<String> added, List<String> removed, int stepsJoined, int stagesLeft) {}

  /**
   * Makes {@code request.healthProviders()} the providers taking part from now on; refuses, naming the field, an
   * unknown or finished inspection and a choice that changes nothing.
   */
  public Change change(ChangeHealthProvidersForm.Submitted request, String by, Submission submission) {
    String reference = request.inspectionReference();
    var inspection = inspections.find(reference);
    if (inspection.isEmpty()) {
      submission.reject(ChangeHealthProvidersForm.Submitted::inspectionReference, "is no inspection of this service");
      submission.verdict();
    }
    RuntimeService runtime = engine.getRuntimeService();
    if (runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference)
        .processDefinitionKey(Standing.INSPECTION_PROCESS_KEY).active().count() == 0) {
      submission.reject(ChangeHealthProvidersForm.Submitted::inspectionReference, "is over: there is nothing left to take part in");
      submission.verdict();
    }
    List<String> now = takingPart.providers(reference);
    List<String> wanted = request.healthProviders();
    List<String> added = wanted.stream().filter(p -> !now.contains(p)).toList();
    List<String> removed = now.stream().filter(p -> !wanted.contains(p)).toList();
    if (added.isEmpty() && removed.isEmpty()) {
      submission.reject(ChangeHealthProvidersForm.Submitted::healthProviders, "is who takes part already: "
          + (now.isEmpty() ? "no provider besides the integrated care board" : names(now)));
      submission.verdict();
    }
    Theme theme = themes.theme(inspection.get().theme());
    Instant at = EngineTime.now();
    int joined = 0;
    int left = 0;
    for (String provider : removed) {
      takingPart.decide(reference, provider, false, request.changeReason(), by, at);
      for (String stage : StageWithdrawals.STAGES) {
        ProcessInstance running = withdrawals.running(reference, stage).orElse(null);
        if (running != null && withdrawals.withdraw(running, reference, stage, provider, request.changeReason(), by, at) >= 0) {
          left++;
        }
      }
      tell(reference, partnership.agency(provider), "provider-removed");
    }
    for (String provider : added) {
      takingPart.decide(reference, provider, true, request.changeReason(), by, at);
      Agency agency = partnership.agency(provider);
      for (String stage : StageWithdrawals.STAGES) {
        List<String> stageAgencies = CASE_AUDIT_STAGES.contains(stage) ? theme.caseAuditAgencies() : theme.agencies();
        if (!stageAgencies.contains(agency.themeAgency())) {
          continue;
        }
        ProcessInstance running = withdrawals.running(reference, stage).orElse(null);
        if (running != null) {
          joined += join(running, provider);
        }
      }
      tell(reference, agency, "provider-added");
    }
    log.info("{} changed the health providers of inspection {}: added {}, removed {}; {} open step(s) joined, {} stage(s) left",
        by, reference, added, removed, joined, left);
    return new Change(added, removed, joined, left);
  }

  /**
   * Starts the provider's instance of every step done per agency open now in the running stage (outermost: its
   * per-child work follows inside); the number started.
   */
  private int join(ProcessInstance running, String provider) {
    RuntimeService runtime = engine.getRuntimeService();
    List<ActivityInstance> bodies = new ArrayList<>();
    perAgencyBodies(runtime, runtime.getActivityInstance(running.getId()), bodies);
    if (bodies.isEmpty()) {
      return 0;
    }
    ProcessInstanceModificationBuilder modification = runtime.createProcessInstanceModification(running.getId());
    Date now = Date.from(EngineTime.now());
    for (ActivityInstance body : bodies) {
      String inner = body.getActivityId().substring(0, body.getActivityId().length() - BODY.length());
      boolean pastDue = engine.getTaskService().createTaskQuery().activityInstanceIdIn(leaves(body)).list().stream()
          .anyMatch(task -> task.getDueDate() != null && task.getDueDate().before(now));
      var start = modification.startBeforeActivity(inner, body.getId()).setVariableLocal(Standing.AGENCY.name(), provider);
      if (pastDue) {
        // Asked after the step's deadline: its due timer fires at once, and the miss is not the provider's.
        start.setVariableLocal(Escalation.NOT_ESCALATED, true);
      }
    }
    modification.execute();
    return bodies.size();
  }

  /** The bodies of steps done per agency (their instances carry {@code agency}), outermost first, none inside another. */
  private static void perAgencyBodies(RuntimeService runtime, ActivityInstance instance, List<ActivityInstance> bodies) {
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      if (child.getActivityId().endsWith(BODY) && child.getChildActivityInstances().length > 0
          && child.getChildActivityInstances()[0].getExecutionIds().length > 0
          && runtime.getVariable(child.getChildActivityInstances()[0].getExecutionIds()[0], Standing.AGENCY.name()) != null) {
        bodies.add(child);
      } else {
        perAgencyBodies(runtime, child, bodies);
      }
    }
  }

  /** The ids of every activity instance inside {@code instance} (where its tasks are). */
  private static String[] leaves(ActivityInstance instance) {
    List<String> ids = new ArrayList<>();
    collect(instance, ids);
    return ids.toArray(String[]::new);
  }

  private static void collect(ActivityInstance instance, List<String> ids) {
    ids.add(instance.getId());
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      collect(child, ids);
    }
  }

  private void tell(String reference, Agency provider, String template) {
    outbox.enqueue(Mail.about(reference, template)
        .to(provider.lead())
        .to(provider.deputy())
        .agency(provider.shortName())
        .link(links.tasklist())
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once(template + ":" + reference + ":" + provider.id() + ":" + EngineTime.now().toEpochMilli()));
  }

  private String names(List<String> providers) {
    return String.join(", ", providers.stream().map(partnership::agencyName).toList());
  }
}
