package uk.jtai.response.board;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.jtai.response.auditreport.ReportDecisions;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.WorkingCalendar;

/** The board as the page shows it: days over steps, and each cell's words, colour and what hovering says. */
public record BoardPage(String reference, int today, String nextDeadline, String readAt, List<Day> days,
                        List<InspectionBoard.Column> columns, List<Row> rows, List<String> approvers, List<Version> versions) {

  /** A version of the audit report, and each partner's decision on it in words, with its colour. */
  public record Version(String label, List<Cell> decisions) {}

  /** A group of columns: the steps first due on one working day (null: steps with no deadline). */
  public record Day(Integer day, int steps, boolean today) {
    public String label() {
      return day == null ? "No deadline" : "Day " + day;
    }
  }

  public record Row(String name, List<Cell> cells) {}

  public record Cell(String label, String css, String hover) {}

  static BoardPage of(InspectionBoard.Board board, WorkingCalendar calendar) {
    Map<Integer, Integer> byDay = new LinkedHashMap<>();
    board.columns().forEach(column -> byDay.merge(column.dueDay(), 1, Integer::sum));
    List<Day> days = new ArrayList<>();
    byDay.forEach((day, steps) -> days.add(new Day(day, steps, day != null && day == board.today())));
    List<Row> rows = board.rows().stream().map(row -> new Row(row.name(), row.cells().stream()
        .map(cell -> cell(cell, calendar)).toList())).toList();
    String next = board.nextDeadline() == null ? "none"
        : board.nextDeadline().title() + ", " + calendar.spoken(board.nextDeadline().due());
    String readAt = DateTimeFormatter.ofPattern("HH:mm", Locale.UK).format(EngineTime.now().atZone(calendar.zone()));
    List<String> approvers = board.approvals().isEmpty() ? List.of()
        : board.approvals().get(0).approvals().stream().map(InspectionBoard.Approval::name).toList();
    List<Version> versions = board.approvals().stream().map(version -> new Version(
        "Version " + version.version() + (version.current() ? " (current)" : ""),
        version.approvals().stream().map(approval -> decision(approval, version.current(), calendar)).toList())).toList();
    return new BoardPage(board.reference(), board.today(), next, readAt, days, board.columns(), rows, approvers, versions);
  }

  private static Cell decision(InspectionBoard.Approval approval, boolean current, WorkingCalendar calendar) {
    if (approval.decision() == null) {
      return current ? new Cell("Awaited", "open", "No decision yet on this version")
          : new Cell("", "not-required", "No decision: a later version replaced it");
    }
    boolean approved = ReportDecisions.APPROVED.equals(approval.decision());
    String when = calendar.spoken(approval.decidedAt()) + (approval.late() ? ", after the deadline" : "");
    return new Cell((approved ? "Approved" : "Not approved") + (approval.late() ? " (late)" : ""),
        approved ? (approval.late() ? "done-late" : "done-on-time") : "overdue", when);
  }

  private static Cell cell(InspectionBoard.Cell cell, WorkingCalendar calendar) {
    String label = switch (cell.state()) {
      case OVERDUE -> "Overdue";
      case MISSED -> "Missed";
      case DUE_TODAY -> "Due today";
      case OPEN -> "Open";
      case DONE_LATE -> "Late by " + hoursAndMinutes(cell.lateByWorkingMinutes());
      case DONE_ON_TIME -> "Done";
      case NIL_RETURN -> "Nil return";
      case NOT_REQUIRED -> "Not required";
      case NOT_YET_OPEN -> "";
    };
    StringBuilder hover = new StringBuilder();
    if (cell.tasks() > 1) {
      hover.append(cell.tasks()).append(" tasks. ");
    }
    if (cell.nilReturns() > 0 && cell.state() != InspectionBoard.State.NIL_RETURN) {
      hover.append(cell.nilReturns()).append(cell.nilReturns() == 1 ? " nil return. " : " nil returns. ");
    }
    if (cell.due() != null) {
      hover.append("Due ").append(calendar.spoken(cell.due())).append(". ");
    }
    if (cell.doneAt() != null) {
      hover.append("Done ").append(calendar.spoken(cell.doneAt()));
      hover.append(cell.doneBy() == null ? "." : " by " + cell.doneBy() + ".");
    }
    return new Cell(label, cell.state().name().toLowerCase(Locale.UK).replace('_', '-'), hover.toString().strip());
  }

  /** Working time as people say it: "2 h 30 min", "45 min". */
  static String hoursAndMinutes(long minutes) {
    return minutes >= 60 ? minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min") : minutes + " min";
  }
}
