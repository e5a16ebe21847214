package uk.jtai.response.afterfieldwork;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.Milestone;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.inspection.Inspections;
import uk.jtai.response.notify.Mail;
import uk.jtai.response.notify.Outbox;
import uk.jtai.response.notify.TaskLinks;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.process.Standing;
import uk.jtai.response.store.Sql;

/**
 * Bean {@code afterFieldwork}: the deadlines that start from events after fieldwork (guidance sections
 * 15 to 18 and published action plans): the factual-accuracy deadlines from the draft report's arrival,
 * the publication date from the final report, the action plan from publication; the embargo notice; and
 * the DCS's view of the agencies' factual-accuracy comments.
 */
@Component("afterFieldwork")
public class AfterFieldwork {

  public static final String AGENCY_COMMENTS_DUE = "AGENCY_COMMENTS_DUE";
  public static final String FACTUAL_ACCURACY_DUE = "FACTUAL_ACCURACY_DUE";
  public static final String PUBLICATION = "PUBLICATION";
  public static final String PUBLICATION_RECORDED_DUE = "PUBLICATION_RECORDED_DUE";
  public static final String ACTION_PLAN_DUE = "ACTION_PLAN_DUE";
  static final String DCS_TASK = "Task_ReturnFactualAccuracy";

  private final ScheduleRepository schedules;
  private final WorkingCalendar calendar;
  private final Inspections inspections;
  private final Partnership partnership;
  private final AfterPublicationProperties afterPublication;
  private final Outbox outbox;
  private final TaskLinks links;
  private final JdbcClient jdbc;
  private final TaskService tasks;
  private final RuntimeService runtime;
  private final ObjectMapper json = new ObjectMapper();

  public AfterFieldwork(ScheduleRepository schedules, WorkingCalendar calendar, Inspections inspections,
                        Partnership partnership, AfterPublicationProperties afterPublication, Outbox outbox,
                        TaskLinks links, JdbcClient jdbc, @Lazy TaskService tasks, @Lazy RuntimeService runtime) {
    this.schedules = schedules;
    this.calendar = calendar;
    this.inspections = inspections;
    this.partnership = partnership;
    this.afterPublication = afterPublication;
    this.outbox = outbox;
    this.links = links;
    this.jdbc = jdbc;
    this.tasks = tasks;
    this.runtime = runtime;
  }

  /**
   * A milestone due at the end of the working day {@code workingDays} working days after {@code from}'s
   * date (day 0 = that date).
   */
  void putAfter(VariableScope scope, String name, String title, Instant from, int workingDays) {
    String reference = Standing.REFERENCE.get(scope);
    InspectionSchedule schedule = schedules.find(reference).orElseThrow();
    LocalDate date = calendar.plusWorkingDays(from.atZone(calendar.zone()).toLocalDate(), workingDays);
    Instant due = calendar.endOfWork(date);
    schedules.putMilestone(reference, new Milestone(name,
        calendar.dayNumber(schedule.notifiedAt().atZone(calendar.zone()).toLocalDate(), date), due, title));
  }

  /** The draft report has arrived: the agencies' comments and the DCS's return are due so many working days later. */
  public void draftArrived(VariableScope scope, Instant arrivedAt) {
    Theme.FactualAccuracy days = inspections.theme(scope).factualAccuracy();
    putAfter(scope, AGENCY_COMMENTS_DUE, "Agencies' factual-accuracy comments to the DCS", arrivedAt,
        days.agencyCommentsWorkingDays());
    putAfter(scope, FACTUAL_ACCURACY_DUE, "DCS returns the coordinated factual-accuracy comments to the inspectors",
        arrivedAt, days.returnWorkingDays());
  }

  /** The final report has arrived: it is embargoed until publication. */
  public void finalArrived(VariableScope scope, LocalDate publicationDate) {
    String reference = Standing.REFERENCE.get(scope);
    InspectionSchedule schedule = schedules.find(reference).orElseThrow();
    // Reports are published at the start of the working day.
    Instant publication = calendar.startOfWork(publicationDate);
    schedules.putMilestone(reference, new Milestone(PUBLICATION,
        calendar.dayNumber(schedule.notifiedAt().atZone(calendar.zone()).toLocalDate(), publicationDate), publication,
        "Report published"));
    // Recording it is due by the end of publication day, not at the instant the embargo lifts.
    putAfter(scope, PUBLICATION_RECORDED_DUE, "Publication of the report recorded", publication, 0);
  }

  /** Published: the action plan is due 70 working days later, or sooner with a priority action. */
  public void published(VariableScope scope, Instant publishedAt, boolean priorityAction) {
    int days = priorityAction ? afterPublication.priorityActionPlanWorkingDays() : afterPublication.actionPlanWorkingDays();
    putAfter(scope, ACTION_PLAN_DUE, "Partnership action plan submitted" + (priorityAction ? " (priority action)" : ""),
        publishedAt, days);
  }

  /** Every partner is told the final report is embargoed until publication. */
  public void embargoNotice(DelegateExecution execution) {
    String reference = Standing.REFERENCE.get(execution);
    Instant publication = schedules.due(reference, PUBLICATION).orElseThrow();
    Mail mail = Mail.about(reference, "final-report-embargo")
        .to(partnership.dcs()).to(partnership.laim()).to(partnership.businessUnit()).to(partnership.independentScrutineer())
        .link(links.tasklist())
        .due(publication, calendar.zone(), "Publication")
        .partnership(partnership.name(), partnership.businessUnit().name(), partnership.businessUnit().email())
        .once("embargo:" + execution.getProcessInstanceId());
    for (String id : inspections.agencies(execution)) {
      Agency agency = partnership.agency(id);
      mail.to(agency.lead()).to(agency.deputy()).to(agency.senior());
    }
    outbox.enqueue(mail);
  }

  public void recordComments(VariableScope scope, String location, boolean none, String by) {
    String reference = Standing.REFERENCE.get(scope);
    String agency = Standing.AGENCY.get(scope);
    jdbc.sql("delete from jtai_factual_accuracy where reference = ? and agency = ?").params(reference, agency).update();
    jdbc.sql("insert into jtai_factual_accuracy (reference, agency, comments_location, no_comments, returned_by, "
            + "returned_at) values (?, ?, ?, ?, ?, ?)")
        .params(reference, agency, location, none, by, Sql.utc(EngineTime.now())).update();
  }

  /** The DCS's view: each agency's comments (where they are), none, or not yet returned. */
  public SpinJsonNode commentsView(VariableScope scope) {
    String reference = Standing.REFERENCE.get(scope);
    Map<String, String> received = new HashMap<>();
    jdbc.sql("select agency, comments_location, no_comments from jtai_factual_accuracy where reference = ?").param(reference)
        .query(Returned.class).list()
        .forEach(row -> received.put(row.agency(), row.noComments() ? "No comments" : row.commentsLocation()));
    ArrayNode rows = json.createArrayNode();
    for (String agency : inspections.agencies(scope)) {
      rows.addObject().put("agency", partnership.agencyName(agency)).put("comments", received.getOrDefault(agency, "Not returned"));
    }
    return Spin.JSON(rows.toString());
  }

  private record Returned(String agency, String commentsLocation, boolean noComments) {}

  /**
   * For inspections started on an earlier version of {@code after-fieldwork}, whose DCS's task kept the comments as a
   * variable refreshed by a job after each agency's return: brings that task up to date. The current model shows
   * them as a view read when the task is opened ({@link #commentsView}), so there is no job for a return to meet.
   */
  public void refreshComments(DelegateExecution execution) {
    List<Task> open = Context.getCommandContext().runWithoutAuthorization(() -> tasks.createTaskQuery()
        .processInstanceId(execution.getProcessInstanceId()).taskDefinitionKey(DCS_TASK).list());
    for (Task task : open) {
      runtime.setVariableLocal(task.getExecutionId(), "factualAccuracyComments", commentsView(execution));
    }
  }
}
