package uk.jtai.response.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.ScheduleRepository;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;

/**
 * The lessons-learned debrief's figures (issue 18): per agency, each step's deadline against its completion (early or
 * late, in working time), the reminders and escalations it took, its nil returns and its corrections; the same step
 * by step as CSV; and how the partnership's previous inspection or rehearsal went. Read from the board (the task
 * history), the reminders, the misses recorded on the inspection and the corrections: steps and times, never a child.
 */
@Component("debrief")
public class Debrief {

  /**
   * One agency's figures over the whole inspection. Working time in minutes: how late its late steps were and how
   * early its early ones, in all, and the median lead of the steps it did on time (how close to the deadline it works).
   */
  public record AgencyFigures(String agency, String name, int deadlines, int onTime, int late, int missed, int nilReturns,
                              long lateWorkingMinutes, long earlyWorkingMinutes, long medianLeadWorkingMinutes,
                              int reminders, int escalations, int corrections) {

    /** Deadlines met, as a whole percentage of those that fell due (null: none did). */
    public Integer onTimePercent() {
      int decided = onTime + late + missed;
      return decided == 0 ? null : Math.round(100f * onTime / decided);
    }
  }

  /**
   * One agency at one step with a deadline: when it fell due and was done, the board's state, and the working minutes
   * from the deadline to the completion (negative: done early; null: not done).
   */
  public record StepFigures(String agency, String step, Instant due, Instant doneAt, InspectionBoard.State state,
                            Long workingMinutesAfterDeadline) {}

  private final InspectionBoard board;
  private final ScheduleRepository inspections;
  private final Partnership partnership;
  private final WorkingCalendar calendar;
  private final JdbcClient jdbc;
  private final ObjectMapper json = new ObjectMapper();

  public Debrief(InspectionBoard board, ScheduleRepository inspections, Partnership partnership, WorkingCalendar calendar,
                 JdbcClient jdbc) {
    this.board = board;
    this.inspections = inspections;
    this.partnership = partnership;
    this.calendar = calendar;
    this.jdbc = jdbc;
  }

  /** Every step with a deadline, agency by agency (the partnership's own roles last), in the order they fell due. */
  public List<StepFigures> steps(InspectionSchedule schedule) {
    return steps(board.of(schedule, null));
  }

  private List<StepFigures> steps(InspectionBoard.Board whole) {
    List<StepFigures> steps = new ArrayList<>();
    for (InspectionBoard.Row row : whole.rows()) {
      for (InspectionBoard.Cell cell : row.cells()) {
        if (cell.due() == null || cell.state() == InspectionBoard.State.NOT_YET_OPEN
            || cell.state() == InspectionBoard.State.NOT_REQUIRED) {
          continue;
        }
        Long after = cell.doneAt() == null || !done(cell.state()) ? null
            : cell.doneAt().isAfter(cell.due()) ? calendar.workingTimeBetween(cell.due(), cell.doneAt()).toMinutes()
            : -calendar.workingTimeBetween(cell.doneAt(), cell.due()).toMinutes();
        steps.add(new StepFigures(row.agency(), cell.step(), cell.due(), cell.doneAt(), cell.state(), after));
      }
    }
    return steps;
  }

  /** Per agency of the inspection's theme, then the partnership's own roles. */
  public List<AgencyFigures> figures(InspectionSchedule schedule) {
    InspectionBoard.Board whole = board.of(schedule, null);
    List<StepFigures> steps = steps(whole);
    Map<String, Integer> reminders = reminders(schedule.reference());
    String missed = board.missedDeadlines(schedule.reference());
    Map<String, Integer> corrections = corrections(schedule.reference());
    List<AgencyFigures> figures = new ArrayList<>();
    for (InspectionBoard.Row row : whole.rows()) {
      String agency = row.agency();
      List<StepFigures> own = steps.stream().filter(step -> step.agency().equals(agency)).toList();
      int onTime = count(own, InspectionBoard.State.DONE_ON_TIME) + count(own, InspectionBoard.State.NIL_RETURN);
      int late = count(own, InspectionBoard.State.DONE_LATE);
      int missedSteps = count(own, InspectionBoard.State.MISSED) + count(own, InspectionBoard.State.OVERDUE);
      long lateBy = own.stream().map(StepFigures::workingMinutesAfterDeadline).filter(m -> m != null && m > 0)
          .mapToLong(Long::longValue).sum();
      List<Long> leads = own.stream().map(StepFigures::workingMinutesAfterDeadline).filter(m -> m != null && m <= 0)
          .map(m -> -m).sorted().toList();
      long earlyBy = leads.stream().mapToLong(Long::longValue).sum();
      long medianLead = leads.isEmpty() ? 0 : leads.get((leads.size() - 1) / 2);
      int nil = row.cells().stream().mapToInt(InspectionBoard.Cell::nilReturns).sum();
      figures.add(new AgencyFigures(agency, row.name(), onTime + late + missedSteps, onTime, late, missedSteps, nil, lateBy,
          earlyBy, medianLead, reminders.getOrDefault(agency, 0), escalations(missed, agency), corrections.getOrDefault(agency, 0)));
    }
    return figures;
  }

  /**
   * The debrief task's table (a view, read when the task is opened): per agency its figures for this inspection and
   * how many deadlines it met in the previous one.
   */
  public SpinJsonNode view(VariableScope scope) {
    InspectionSchedule schedule = inspections.find(Standing.REFERENCE.get(scope)).orElseThrow();
    Optional<InspectionSchedule> previous = inspections.previous(schedule.reference()).flatMap(inspections::find);
    Map<String, AgencyFigures> before = new LinkedHashMap<>();
    previous.ifPresent(p -> figures(p).forEach(f -> before.put(f.agency(), f)));
    ArrayNode rows = json.createArrayNode();
    for (AgencyFigures f : figures(schedule)) {
      ObjectNode row = rows.addObject().put("agency", f.name())
          .put("deadlines", f.onTime() + " of " + f.deadlines() + " on time" + percent(f.onTimePercent()))
          .put("late", f.late() + " late (" + BoardPage.hoursAndMinutes(f.lateWorkingMinutes()) + "), " + f.missed() + " missed")
          .put("early", f.onTime() == 0 ? "" : BoardPage.hoursAndMinutes(f.medianLeadWorkingMinutes()) + " before the deadline")
          .put("reminders", f.reminders() + " reminders, " + f.escalations() + " escalations")
          .put("returns", f.nilReturns() + " nil returns, " + f.corrections() + " corrections");
      AgencyFigures then = before.get(f.agency());
      row.put("previous", previous.isEmpty() ? "No earlier inspection or rehearsal"
          : then == null ? "Not in " + previous.get().reference()
          : previous.get().reference() + ": " + then.onTime() + " of " + then.deadlines() + " on time" + percent(then.onTimePercent()));
    }
    return Spin.JSON(rows.toString());
  }

  private static String percent(Integer percent) {
    return percent == null ? "" : " (" + percent + "%)";
  }

  private static boolean done(InspectionBoard.State state) {
    return state == InspectionBoard.State.DONE_ON_TIME || state == InspectionBoard.State.DONE_LATE
        || state == InspectionBoard.State.NIL_RETURN;
  }

  private static int count(List<StepFigures> steps, InspectionBoard.State state) {
    return (int) steps.stream().filter(step -> step.state() == state).count();
  }

  /** Reminders e-mailed before a deadline, by the agency whose task it was (the group it was offered to). */
  private Map<String, Integer> reminders(String reference) {
    Map<String, Integer> byAgency = new LinkedHashMap<>();
    jdbc.sql("select (select min(l.GROUP_ID_) from ACT_HI_IDENTITYLINK l where l.TASK_ID_ = r.task_id "
            + "and l.TYPE_ = 'candidate' and l.GROUP_ID_ is not null) as grp from jtai_reminder r "
            + "where r.reference = ? and r.kind = 'REMINDER' and r.status = 'SENT'")
        .param(reference).query(String.class).list()
        .forEach(group -> byAgency.merge(board.rowOfGroup(group), 1, Integer::sum));
    return byAgency;
  }

  /** Missed deadlines recorded on the inspection naming the agency (each escalated once), or naming none: the partnership's. */
  private int escalations(String missed, String agency) {
    if (missed == null) {
      return 0;
    }
    int count = 0;
    for (String line : missed.split("\n")) {
      Agency named = partnership.agencies().stream().filter(a -> line.endsWith(": " + a.shortName())
          || line.contains("(" + a.shortName() + ":") || line.contains(": " + a.shortName() + ":")).findFirst().orElse(null);
      if (named == null ? agency.equals(InspectionBoard.PARTNERSHIP_ROW) : named.id().equals(agency)) {
        count++;
      }
    }
    return count;
  }

  /** Known-to-agency returns an agency reopened to correct them. */
  private Map<String, Integer> corrections(String reference) {
    Map<String, Integer> byAgency = new LinkedHashMap<>();
    jdbc.sql("select agency, count(*) as corrections from jtai_return_correction where reference = ? group by agency")
        .param(reference).query((rs, n) -> byAgency.put(rs.getString("agency"), rs.getInt("corrections"))).list();
    return byAgency;
  }
}
