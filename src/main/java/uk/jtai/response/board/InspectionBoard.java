package uk.jtai.response.board;

import uk.jtai.response.inspection.TakingPart;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.jtai.response.auditreport.AuditReportVariables;
import uk.jtai.response.auditreport.ReportDecisions;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.Milestone;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.caseaudit.AuditReturns;
import uk.jtai.response.notify.MissedDeadlines;
import uk.jtai.response.partnership.Agency;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.partnership.ThemeRegistry;
import uk.jtai.response.process.Standing;
import uk.jtai.response.tasks.TaskNaming;

/**
 * Where every agency stands in one inspection (issue 18, the board's data): a row per agency of the theme, and one
 * for the partnership's own roles (Business Unit, LAIM, DCS, the Audit Chair and Author), by the inspection's steps
 * in the order they fall due; each cell the state of that agency's tasks at that step, with when they were due and
 * done and by whom. Read from the engine's task history (every stage of the inspection shares its business key),
 * so it shows steps and times, never a child or an answer.
 */
@Component
public class InspectionBoard {

  /** The row of the tasks done by the partnership's own roles rather than by an agency. */
  public static final String PARTNERSHIP_ROW = "partnership";

  /**
   * A cell's state, worst first when one agency has several tasks at a step (per child, or a repeated step).
   * NIL_RETURN: every audit tool the agency completed was a nil return (no involvement with the child). MISSED: its
   * stage closed after the deadline with the task not done (it was withdrawn).
   */
  public enum State { OVERDUE, MISSED, DUE_TODAY, OPEN, DONE_LATE, DONE_ON_TIME, NIL_RETURN, NOT_REQUIRED, NOT_YET_OPEN }

  /** The step whose completions may be nil returns: an agency's Audit Tool and Chronology for one audited child. */
  static final String AUDIT_TOOL_STEP = "Task_CompleteAuditTool";

  public record Board(String reference, String theme, int today, Milestone nextDeadline, List<Column> columns, List<Row> rows,
                      List<ReportVersion> approvals) {}

  /**
   * One version of the audit report shared for approval, and each statutory partner's decision on it as it came in
   * (latest first among the versions): decisions and times only, never a reason given.
   */
  public record ReportVersion(int version, boolean current, List<Approval> approvals) {}

  /** A statutory partner's decision on a version: APPROVED, REJECTED, or null while it has given none. */
  public record Approval(String agency, String name, String decision, Instant decidedAt, boolean late) {}

  /**
   * A step: its task definition, the name partners see, the working day it first falls due (null: no deadline), and
   * whether one of its tasks falls due at the inspection's next deadline.
   */
  public record Column(String step, String name, Integer dueDay, boolean atNextDeadline) {}

  public record Row(String agency, String name, List<Cell> cells) {}

  /**
   * One agency at one step: its state, how many tasks it had there, the latest deadline, when the last was done and
   * by whom, how late the latest was in working minutes (0 when on time), and how many of its completions were nil
   * returns.
   */
  public record Cell(String step, State state, int tasks, Instant due, Instant doneAt, String doneBy, long lateByWorkingMinutes,
                     int nilReturns) {}

  private record HistoricTask(String step, String name, String group, Instant start, Instant end, Instant due,
                              String deleteReason, String assignee) {
    boolean completed() {
      return end != null && "completed".equals(deleteReason);
    }
  }

  private final JdbcClient jdbc;
  private final TakingPart takingPart;
  private final Partnership partnership;
  private final ThemeRegistry themes;
  private final WorkingCalendar calendar;
  private final AuditReturns auditReturns;
  private final ReportDecisions reportDecisions;

  public InspectionBoard(JdbcClient jdbc, Partnership partnership, ThemeRegistry themes, WorkingCalendar calendar,
                         AuditReturns auditReturns, ReportDecisions reportDecisions, TakingPart takingPart) {
    this.takingPart = takingPart;
    this.jdbc = jdbc;
    this.reportDecisions = reportDecisions;
    this.auditReturns = auditReturns;
    this.partnership = partnership;
    this.themes = themes;
    this.calendar = calendar;
  }

  /** The board of the inspection, with the rows of {@code agencies} only ({@code null}: every row). */
  public Board of(InspectionSchedule schedule, Set<String> agencies) {
    Instant now = EngineTime.now();
    LocalDate dayOne = schedule.notifiedAt().atZone(calendar.zone()).toLocalDate();
    LocalDate today = now.atZone(calendar.zone()).toLocalDate();
    List<HistoricTask> tasks = tasks(schedule.reference());
    Map<String, Integer> nilReturns = auditReturns.nilReturns(schedule.reference());

    Milestone next = schedule.milestones().stream().filter(m -> m.due().isAfter(now))
        .min(Comparator.comparing(Milestone::due)).orElse(null);
    Set<String> atNext = new java.util.HashSet<>();
    tasks.stream().filter(t -> next != null && next.due().equals(t.due())).forEach(t -> atNext.add(t.step()));
    Map<String, Column> columns = new LinkedHashMap<>();
    tasks.stream()
        .sorted(Comparator.comparing((HistoricTask t) -> t.due() == null ? Instant.MAX : t.due()).thenComparing(HistoricTask::start))
        .forEach(task -> columns.putIfAbsent(task.step(), new Column(task.step(), stepName(task.name()),
            task.due() == null ? null : dayOf(dayOne, task.due()), atNext.contains(task.step()))));

    Map<String, String> rowNames = new LinkedHashMap<>();
    for (String agency : takingPart.everTakingPart(schedule.reference(), themes.theme(schedule.theme()).agencies())) {
      rowNames.put(agency, partnership.agencyName(agency));
    }
    rowNames.put(PARTNERSHIP_ROW, partnership.name());
    List<Row> rows = new ArrayList<>();
    rowNames.forEach((row, name) -> {
      if (agencies != null && !agencies.contains(row)) {
        return;
      }
      List<Cell> cells = columns.keySet().stream()
          .map(step -> cell(step, tasks.stream().filter(t -> t.step().equals(step) && row.equals(rowOf(t))).toList(), now, today,
              step.equals(AUDIT_TOOL_STEP) ? nilReturns.getOrDefault(row, 0) : 0))
          .toList();
      rows.add(new Row(row, name, cells));
    });
    return new Board(schedule.reference(), schedule.theme(), dayOf(dayOne, now), next,
        List.copyOf(columns.values()), rows, approvals(schedule.reference(), agencies));
  }

  /**
   * The audit report's versions shared so far (the latest from the report's process, so a version nobody has decided
   * on yet shows too), newest first, with the decisions of the statutory partners among {@code agencies}.
   */
  private List<ReportVersion> approvals(String reference, Set<String> agencies) {
    List<ReportDecisions.Given> given = reportDecisions.given(reference);
    int latest = Math.max(given.stream().mapToInt(ReportDecisions.Given::version).max().orElse(0), currentVersion(reference));
    List<ReportVersion> versions = new ArrayList<>();
    for (int version = latest; version >= 1; version--) {
      List<Approval> approvals = new ArrayList<>();
      for (Agency partner : partnership.statutoryPartners()) {
        if (agencies != null && !agencies.contains(partner.id())) {
          continue;
        }
        int v = version;
        Optional<ReportDecisions.Given> decision = given.stream()
            .filter(g -> g.version() == v && g.agency().equals(partner.id())).reduce((first, second) -> second);
        approvals.add(new Approval(partner.id(), partner.shortName(), decision.map(ReportDecisions.Given::decision).orElse(null),
            decision.map(ReportDecisions.Given::decidedAt).orElse(null), decision.map(ReportDecisions.Given::late).orElse(false)));
      }
      versions.add(new ReportVersion(version, version == latest, approvals));
    }
    return versions;
  }

  /** The version of the audit report last shared for approval (0: none yet), from the report process's history. */
  private int currentVersion(String reference) {
    return jdbc.sql("select max(v.LONG_) from ACT_HI_VARINST v join ACT_HI_PROCINST p on p.ID_ = v.PROC_INST_ID_ "
            + "where p.BUSINESS_KEY_ = ? and v.NAME_ = ?")
        .params(reference, AuditReportVariables.REPORT_VERSION.name()).query(Long.class).optional().map(Long::intValue).orElse(0);
  }

  private Cell cell(String step, List<HistoricTask> tasks, Instant now, LocalDate today, int nilReturns) {
    if (tasks.isEmpty()) {
      return new Cell(step, State.NOT_YET_OPEN, 0, null, null, null, 0, 0);
    }
    State state = State.NOT_REQUIRED;
    long lateBy = 0;
    for (HistoricTask task : tasks) {
      State own;
      if (task.end() == null) {
        own = task.due() == null ? State.OPEN
            : task.due().isBefore(now) ? State.OVERDUE
            : task.due().atZone(calendar.zone()).toLocalDate().equals(today) ? State.DUE_TODAY : State.OPEN;
      } else if (!task.completed()) {
        // Withdrawn (the stage closed, the agency was taken out, the selection changed): after its deadline, a miss.
        own = task.due() != null && task.end().isAfter(task.due()) ? State.MISSED : State.NOT_REQUIRED;
      } else if (task.due() != null && task.end().isAfter(task.due())) {
        own = State.DONE_LATE;
        lateBy = Math.max(lateBy, calendar.workingTimeBetween(task.due(), task.end()).toMinutes());
      } else {
        own = State.DONE_ON_TIME;
      }
      state = own.ordinal() < state.ordinal() ? own : state;
    }
    if (nilReturns > 0 && (state == State.DONE_ON_TIME || state == State.DONE_LATE)
        && nilReturns == tasks.stream().filter(HistoricTask::completed).count()) {
      state = State.NIL_RETURN; // it had no involvement with any of the children it answered for
    }
    Instant due = tasks.stream().map(HistoricTask::due).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    Optional<HistoricTask> last = tasks.stream().filter(HistoricTask::completed).max(Comparator.comparing(HistoricTask::end));
    return new Cell(step, state, tasks.size(), due, last.map(HistoricTask::end).orElse(null),
        last.map(HistoricTask::assignee).orElse(null), lateBy, nilReturns);
  }

  /** The agency whose task it is (its lead contacts' or its senior's group), or the partnership's own roles. */
  private String rowOf(HistoricTask task) {
    return rowOfGroup(task.group());
  }

  /** The row of a task offered first to {@code group}: that agency's (its people's or its senior's group), else the partnership's. */
  String rowOfGroup(String group) {
    if (group != null) {
      for (Agency agency : partnership.agencies()) {
        if (agency.id().equals(group) || agency.seniorGroup().equals(group)) {
          return agency.id();
        }
      }
    }
    return PARTNERSHIP_ROW;
  }

  /** The step as partners know it: the task's name without its agency, child, inspection and due day. */
  private static String stepName(String taskName) {
    return TaskNaming.step(taskName).replaceFirst(" for child \\d+", "").replaceFirst(" \\([^)]*\\)$", "");
  }

  /** The working day of the inspection {@code at} falls on (day 1 for anything before it). */
  private int dayOf(LocalDate dayOne, Instant at) {
    LocalDate date = at.atZone(calendar.zone()).toLocalDate();
    return date.isBefore(dayOne) ? 1 : calendar.dayNumber(dayOne, date);
  }

  /**
   * The misses recorded on the inspection ({@link MissedDeadlines}), from history, so that an ended inspection still
   * has them; null if none.
   */
  public String missedDeadlines(String reference) {
    return jdbc.sql("select v.TEXT_ from ACT_HI_VARINST v join ACT_HI_PROCINST p on p.ID_ = v.PROC_INST_ID_ "
            + "where p.BUSINESS_KEY_ = ? and p.PROC_DEF_KEY_ = ? and v.NAME_ = ? and v.EXECUTION_ID_ = v.PROC_INST_ID_")
        .params(reference, Standing.INSPECTION_PROCESS_KEY, MissedDeadlines.VARIABLE).query(String.class).list()
        .stream().filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** Every task of every stage of the inspection, with the group it was offered to first. */
  private List<HistoricTask> tasks(String reference) {
    return jdbc.sql("select t.TASK_DEF_KEY_ as step, t.NAME_ as name, t.START_TIME_ as start_time, t.END_TIME_ as end_time, "
            + "t.DUE_DATE_ as due, t.DELETE_REASON_ as delete_reason, t.ASSIGNEE_ as assignee, "
            + "(select min(l.GROUP_ID_) from ACT_HI_IDENTITYLINK l where l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate' "
            + "and l.GROUP_ID_ is not null) as grp "
            + "from ACT_HI_TASKINST t join ACT_HI_PROCINST p on p.ID_ = t.PROC_INST_ID_ where p.BUSINESS_KEY_ = ?")
        .param(reference)
        .query((rs, n) -> new HistoricTask(rs.getString("step"), rs.getString("name"), rs.getString("grp"),
            instant(rs.getTimestamp("start_time")), instant(rs.getTimestamp("end_time")), instant(rs.getTimestamp("due")),
            rs.getString("delete_reason"), rs.getString("assignee")))
        .list();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
