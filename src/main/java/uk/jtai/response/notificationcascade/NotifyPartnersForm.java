package uk.jtai.response.notificationcascade;

import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.tasks.TaskForm;

/**
 * forms/notify-partners.form: the Business Unit notifies all multi-agency partners (guidance 11: "the CYSCP
 * Business Unit will be responsible for notifying all multi-agency partners"). Completing it e-mails each
 * agency the theme names a link to its confirmation task (their tasks open next, {@link AgencyNotification})
 * and each other partner of the partnership file, whose lead contact and deputy are told for information:
 * the inspectors may still ask for what it holds.
 */
@Component
public class NotifyPartnersForm implements TaskForm<NotifyPartnersForm.Submitted> {

  public record Submitted(boolean contactsCurrent) {}

  private final Inspections inspections;
  private final Partnership partnership;
  private final Outbox outbox;
  private final TaskLinks links;

  public NotifyPartnersForm(Inspections inspections, Partnership partnership, Outbox outbox, TaskLinks links) {
    this.inspections = inspections;
    this.partnership = partnership;
    this.outbox = outbox;
    this.links = links;
  }

  @Override
  public String formId() {
    return "notify-partners";
  }

  @Override
  public Submitted read(DelegateTask task, Submission submission) {
    return new Submitted(submission.requireTrue(Submitted::contactsCurrent,
        "confirm that each agency's lead contact and deputies are current before the notification goes out"));
  }

  @Override
  public void record(DelegateTask task, Submitted submitted) {
    String reference = Standing.REFERENCE.get(task);
    List<String> named = inspections.agencies(task);
    for (Agency agency : partnership.agencies()) {
      if (named.contains(agency.id())) {
        continue;
      }
      outbox.enqueue(Mail.about(reference, "partner-informed")
          .to(agency.lead())
          .to(agency.deputy())
          .agency(agency.shortName())
          .theme(Standing.THEME_NAME.get(task).toLowerCase(Locale.UK))
          .themeAgencies(inspections.agencyNames(task))
          .link(links.tasklist())
          .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
          .once("partner-informed:" + reference + ":" + agency.id()));
    }
  }
}
