package uk.jtai.response.withdrawal;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.security.Roles;
import uk.jtai.response.tasks.StartFormListener;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.CurrentUser;

/**
 * Start listener of bpmn/change-health-providers.bpmn ({@code ${healthProviderChange}}): the Business Unit changes
 * which health providers take part in a running inspection: its start form read once ({@link
 * ChangeHealthProvidersForm}), then {@link ProviderChanges}; bad input refuses the start and changes nothing.
 */
@Component("healthProviderChange")
public class HealthProviderChange extends StartFormListener<ChangeHealthProvidersForm.Submitted> {

  public static final String PROCESS_KEY = "change-health-providers";

  private final ProviderChanges changes;
  private final CurrentUser user;

  public HealthProviderChange(ChangeHealthProvidersForm form, ProviderChanges changes, CurrentUser user) {
    super(form);
    this.changes = changes;
    this.user = user;
  }

  @Override
  protected void act(ChangeHealthProvidersForm.Submitted request, Submission submission) {
    changes.change(request, user.id(), submission);
  }

  /** Only the Business Unit records which health providers take part. */
  @Bean
  static ProcessStarters changeHealthProvidersStarters() {
    return new ProcessStarters(PROCESS_KEY, List.of(Roles.BUSINESS_UNIT));
  }
}
