package uk.jtai.response.inspection;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.process.Standing;
import uk.jtai.response.security.ProcessStarters;
import uk.jtai.response.security.Roles;
import uk.jtai.response.tasks.Submission;
import uk.jtai.response.web.ApiExceptionHandler;

/** Starting an inspection and reading its schedule, for the product API. */
@Service
public class InspectionService {

  public static final String PROCESS_KEY = Standing.INSPECTION_PROCESS_KEY;

  private final RuntimeService runtime;
  private final StartInspectionForm form;
  private final ScheduleRepository schedules;

  public InspectionService(RuntimeService runtime, StartInspectionForm form, ScheduleRepository schedules) {
    this.runtime = runtime;
    this.form = form;
    this.schedules = schedules;
  }

  /**
   * Starts jtai-inspection for a notification, as the authenticated user (the engine checks they may), with the
   * health providers CQC named (ids; null or empty: the integrated care board alone, changeable later).
   *
   * @throws uk.jtai.response.tasks.SubmissionRejectedException for a bad notification (nothing stored)
   * @throws InspectionExistsException when the reference is taken
   */
  public InspectionSchedule start(String reference, String theme, String notifiedAt, List<String> healthProviders) {
    Map<String, Object> values = new java.util.HashMap<>();
    if (healthProviders != null) {
      values.put(StartInspectionForm.HEALTH_PROVIDERS, List.copyOf(healthProviders));
    }
    values.put(StartInspectionForm.REFERENCE, reference);
    values.put(StartInspectionForm.THEME, theme);
    values.put(StartInspectionForm.NOTIFIED_AT, notifiedAt);
    Submission submission = new Submission(values::get);
    StartInspectionForm.Submitted inspection = form.read(submission);
    submission.verdict();
    if (schedules.exists(inspection.reference())) {
      throw new InspectionExistsException(inspection.reference());
    }
    try {
      ProcessInstance instance = runtime.createProcessInstanceByKey(PROCESS_KEY)
          .businessKey(inspection.reference())
          .setVariables(values)
          .execute();
      return schedules.find(inspection.reference()).orElseThrow(() -> new IllegalStateException(
          "inspection " + inspection.reference() + " started (" + instance.getId() + ") without a schedule"));
    } catch (DuplicateKeyException e) {
      throw new InspectionExistsException(inspection.reference());
    }
  }

  public Optional<InspectionSchedule> schedule(String reference) {
    return schedules.find(reference);
  }

  /** Another inspection already runs under the reference. */
  public static class InspectionExistsException extends ApiExceptionHandler.ConflictException {
    public InspectionExistsException(String reference) {
      super("An inspection with reference " + reference + " already exists");
    }
  }

  /** The DCS or the Business Unit records the lead inspector's notification. */
  @Bean
  static ProcessStarters inspectionStarters() {
    return new ProcessStarters(PROCESS_KEY, List.of(Roles.DCS, Roles.BUSINESS_UNIT));
  }
}
