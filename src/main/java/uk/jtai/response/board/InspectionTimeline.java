package uk.jtai.response.board;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.InspectionSchedule;
import uk.jtai.response.calendar.Milestone;
import uk.jtai.response.calendar.WorkingCalendar;

/**
 * The inspection's schedule as a timeline picture (SVG): its working days (1 to 15 at least) across, today's line,
 * and each milestone a mark on its own line, coloured by how it stands. A milestone's state comes from the board's
 * cells that fall due at it (so an agency's people see it as their own row has it), and, where no task falls due
 * at it, from the misses recorded on the inspection. Titles and times only, never a child or an answer.
 */
@Component
public class InspectionTimeline {

  /** How a milestone stands. */
  public enum State {
    MISSED("Missed", "#d4351c"), DUE_TODAY("Due today", "#ffdd00"), TO_COME("To come", "#ffffff"),
    MET("Met", "#00703c"), PASSED("Passed", "#b1b4b6");

    final String label;
    final String colour;

    State(String label, String colour) {
      this.label = label;
      this.colour = colour;
    }
  }

  public record Mark(Milestone milestone, State state) {}

  static final int WIDTH = 960;
  static final int LEFT = 20;
  static final int TOP = 46;
  static final int LANE = 20;
  /** Days drawn a column each: the notice and the fieldwork. */
  static final int DETAILED_DAYS = 15;
  // Where a working day's hours fall on the picture: 08:00 at its left edge, 18:00 at its right.
  static final int DAY_STARTS = 8 * 60;
  static final int DAY_MINUTES = 10 * 60;

  private final InspectionBoard inspectionBoard;
  private final WorkingCalendar calendar;

  public InspectionTimeline(InspectionBoard inspectionBoard, WorkingCalendar calendar) {
    this.inspectionBoard = inspectionBoard;
    this.calendar = calendar;
  }

  /** The marks of the inspection's milestones, in the order they fall due. */
  public List<Mark> marks(InspectionSchedule schedule, InspectionBoard.Board board) {
    Instant now = EngineTime.now();
    LocalDate today = now.atZone(calendar.zone()).toLocalDate();
    String missed = inspectionBoard.missedDeadlines(schedule.reference());
    List<Mark> marks = new ArrayList<>();
    schedule.milestones().stream().sorted(Comparator.comparing(Milestone::due)).forEach(milestone -> {
      List<InspectionBoard.State> cells = board.rows().stream().flatMap(row -> row.cells().stream())
          .filter(cell -> milestone.due().equals(cell.due())).map(InspectionBoard.Cell::state).toList();
      boolean late = cells.contains(InspectionBoard.State.OVERDUE) || cells.contains(InspectionBoard.State.MISSED)
          || cells.contains(InspectionBoard.State.DONE_LATE)
          || (cells.isEmpty() && recorded(missed, milestone.name()));
      boolean allDone = !cells.isEmpty() && cells.stream().allMatch(InspectionTimeline::done);
      State state;
      if (late) {
        state = State.MISSED;
      } else if (allDone) {
        state = State.MET; // before its time, too
      } else if (milestone.due().isAfter(now)) {
        state = milestone.due().atZone(calendar.zone()).toLocalDate().equals(today) ? State.DUE_TODAY : State.TO_COME;
      } else {
        state = State.PASSED; // its time has gone and no task fell due at it: nothing says it was missed
      }
      marks.add(new Mark(milestone, state));
    });
    return marks;
  }

  private static boolean done(InspectionBoard.State state) {
    return state == InspectionBoard.State.DONE_ON_TIME || state == InspectionBoard.State.NIL_RETURN
        || state == InspectionBoard.State.NOT_REQUIRED;
  }

  /** The picture, as an SVG document. */
  public String svg(InspectionSchedule schedule, InspectionBoard.Board board) {
    List<Mark> marks = marks(schedule, board);
    LocalDate dayOne = schedule.notifiedAt().atZone(calendar.zone()).toLocalDate();
    Instant now = EngineTime.now();
    int lastDay = Math.max(board.today(), marks.stream().mapToInt(mark -> day(dayOne, mark.milestone().due())).max().orElse(1));
    Axis axis = new Axis(dayOne, lastDay);
    int height = TOP + LANE * marks.size() + 40;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\" role=\"img\" "
        + "aria-labelledby=\"timeline-title\">%n", WIDTH, height, WIDTH, height));
    svg.append("<title id=\"timeline-title\">").append(text("Timeline of " + schedule.reference()
        + ": its milestones by working day, today marked")).append("</title>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    for (int day = 1; day <= DETAILED_DAYS; day++) {
      double x = axis.dayStart(day);
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
          x, TOP - 16, axis.dayWidth, height - TOP - 24, day % 2 == 0 ? "#f3f2f1" : "#ffffff"));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\"%s>%s</text>%n",
          x + axis.dayWidth / 2, TOP - 22, day == board.today() ? " font-weight=\"bold\"" : "", day == 1 ? "Day 1" : day));
    }
    if (lastDay > DETAILED_DAYS) {
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#e8f1f8\"/>%n",
          axis.afterStart, TOP - 16, WIDTH - LEFT - axis.afterStart, height - TOP - 24));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">Days %d to %d</text>%n",
          (axis.afterStart + WIDTH - LEFT) / 2, TOP - 22, DETAILED_DAYS + 1, lastDay));
    }
    for (int i = 0; i < marks.size(); i++) {
      Mark mark = marks.get(i);
      double x = axis.x(mark.milestone().due());
      int y = TOP + i * LANE + LANE / 2;
      String says = "Day " + mark.milestone().workingDay() + ", " + calendar.spoken(mark.milestone().due()) + ": "
          + mark.milestone().title() + " (" + mark.state().label.toLowerCase(Locale.UK) + ")";
      svg.append(String.format(Locale.ROOT, "<g class=\"milestone mark-%s\"><title>%s</title>"
              + "<circle cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"%s\" stroke=\"#0b0c0c\"/>",
          mark.state().name().toLowerCase(Locale.ROOT).replace('_', '-'), text(says), x, y, mark.state().colour));
      boolean leftOfMark = x > WIDTH / 2.0;
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" stroke=\"#ffffff\" stroke-width=\"3\" "
              + "paint-order=\"stroke\">%s</text></g>%n",
          leftOfMark ? x - 10 : x + 10, y + 4, leftOfMark ? "end" : "start", text(mark.milestone().title())));
    }
    if (!now.isBefore(schedule.notifiedAt())) {
      double today = axis.x(now);
      svg.append(String.format(Locale.ROOT, "<line class=\"today\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
          + "stroke=\"#1d70b8\" stroke-width=\"2\"/>%n", today, TOP - 16, today, height - 40));
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#1d70b8\" text-anchor=\"middle\" "
          + "font-weight=\"bold\">Today</text>%n", today, height - 26));
    }
    double keyX = LEFT;
    for (State state : State.values()) {
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"6\" fill=\"%s\" stroke=\"#0b0c0c\"/>"
          + "<text x=\"%.1f\" y=\"%d\">%s</text>%n", keyX + 6, height - 10, state.colour, keyX + 16, height - 6, state.label));
      keyX += 110;
    }
    return svg.append("</svg>\n").toString();
  }

  /**
   * Across the picture: days 1 to 15 (the inspection's notice and fieldwork) each a column, their hours from 08:00
   * to 18:00; the days after, to the last milestone (the findings, weeks later), squeezed into a band on the right.
   */
  private final class Axis {
    final LocalDate dayOne;
    final int lastDay;
    final double dayWidth;
    final double afterStart;

    Axis(LocalDate dayOne, int lastDay) {
      this.dayOne = dayOne;
      this.lastDay = lastDay;
      double detailed = lastDay > DETAILED_DAYS ? (WIDTH - 2.0 * LEFT) * 0.8 : WIDTH - 2.0 * LEFT;
      this.dayWidth = detailed / DETAILED_DAYS;
      this.afterStart = LEFT + detailed;
    }

    double dayStart(int day) {
      return LEFT + (day - 1) * dayWidth;
    }

    double x(Instant at) {
      ZonedDateTime local = at.atZone(calendar.zone());
      int minutes = local.getHour() * 60 + local.getMinute() - DAY_STARTS;
      double withinDay = Math.max(0, Math.min(1, minutes / (double) DAY_MINUTES));
      int day = day(dayOne, at);
      if (day <= DETAILED_DAYS) {
        return dayStart(day) + withinDay * dayWidth;
      }
      double band = WIDTH - LEFT - afterStart;
      return afterStart + band * (day - DETAILED_DAYS - 1 + withinDay) / (lastDay - DETAILED_DAYS);
    }
  }

  private int day(LocalDate dayOne, Instant at) {
    LocalDate date = at.atZone(calendar.zone()).toLocalDate();
    return date.isBefore(dayOne) ? 1 : calendar.dayNumber(dayOne, date);
  }

  /** Whether the inspection's misses name the milestone ("AUDITS_DUE (...)", "ANNEX_A_DUE: Police"). */
  private static boolean recorded(String missed, String milestone) {
    if (missed == null) {
      return false;
    }
    for (String line : missed.split("\n")) {
      if (line.equals(milestone) || line.startsWith(milestone + " ") || line.startsWith(milestone + ":")) {
        return true;
      }
    }
    return false;
  }

  private static String text(String value) {
    return HtmlUtils.htmlEscape(value, "UTF-8");
  }
}
