package uk.jtai.response.fieldwork;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.jtai.response.benchmarking.Benchmarking;
import uk.jtai.response.calendar.EngineTime;
import uk.jtai.response.calendar.Schedule;
import uk.jtai.response.calendar.WorkingCalendar;
import uk.jtai.response.partnership.Partnership;
import uk.jtai.response.process.Standing;
import uk.jtai.response.process.Var;
import uk.jtai.response.store.Sql;

/**
 * Bean {@code fieldwork}: the fieldwork week (guidance section 13): which days it spans, the agencies
 * invited to a Keeping in Touch meeting, and the themes LAIM records from the daily planning meetings.
 */
@Component("fieldwork")
public class Fieldwork {

  public static final Var<SpinJsonNode> KIT_AGENCIES = Var.of("kitAgencies", SpinJsonNode.class);

  private final Schedule schedule;
  private final WorkingCalendar calendar;
  private final JdbcClient jdbc;
  private final Benchmarking benchmarking;
  private final Partnership partnership;

  public Fieldwork(Schedule schedule, WorkingCalendar calendar, JdbcClient jdbc, Benchmarking benchmarking,
                   Partnership partnership) {
    this.partnership = partnership;
    this.schedule = schedule;
    this.calendar = calendar;
    this.jdbc = jdbc;
    this.benchmarking = benchmarking;
  }

  LocalDate day(VariableScope scope, String milestone) {
    return schedule.dueInstant(Standing.REFERENCE.get(scope), milestone).atZone(calendar.zone()).toLocalDate();
  }

  /** The first and last day inspectors are on site (FIELDWORK_START to FINDINGS). */
  LocalDate firstDay(VariableScope scope) {
    return day(scope, "FIELDWORK_START");
  }

  LocalDate lastDay(VariableScope scope) {
    return day(scope, "FINDINGS");
  }

  /** Keeping in Touch meetings are offered on Tuesday to Thursday of week 3: after day 11, to KIT_MEETINGS_CLOSE. */
  LocalDate firstKitDay(VariableScope scope) {
    return calendar.nextWorkingDay(firstDay(scope));
  }

  LocalDate lastKitDay(VariableScope scope) {
    return day(scope, "KIT_MEETINGS_CLOSE");
  }

  /** The days a Keeping in Touch meeting can be held, for LAIM's choice: [{label, value}]. */
  public SpinJsonNode kitDayChoices(VariableScope scope) {
    var choices = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
    java.time.format.DateTimeFormatter words = java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM", java.util.Locale.UK);
    for (LocalDate day = firstKitDay(scope); !day.isAfter(lastKitDay(scope)); day = calendar.nextWorkingDay(day)) {
      choices.addObject().put("label", words.format(day)).put("value", day.toString());
    }
    return org.camunda.spin.Spin.JSON(choices.toString());
  }

  /** The agencies LAIM invited to the Keeping in Touch meeting being arranged. */
  public List<String> kitAgencies(VariableScope scope) {
    List<String> agencies = new ArrayList<>();
    KIT_AGENCIES.get(scope).elements().forEach(node -> agencies.add(node.stringValue()));
    return agencies;
  }

  /** LAIM's record of a daily planning meeting's themes ({@code agency} null), or a partner's collation of its own. */
  void recordPlanningThemes(VariableScope scope, String agency, LocalDate day, String themes, String by) {
    jdbc.sql("insert into jtai_planning_theme (reference, agency, meeting_day, themes, recorded_by, recorded_at) "
            + "values (?, ?, ?, ?, ?, ?)")
        .params(Standing.REFERENCE.get(scope), agency, day, themes, by, Sql.utc(EngineTime.now())).update();
  }

  /**
   * LAIM's view when recording a planning meeting (child-level: a view, never a variable): what each partner has
   * collated so far, by agency and day, oldest first; or that no partner has collated any yet.
   */
  public String partnersPlanningThemes(VariableScope scope) {
    List<String> entries = jdbc.sql("select agency, meeting_day, themes from jtai_planning_theme "
            + "where reference = ? and agency is not null order by meeting_day, id")
        .param(Standing.REFERENCE.get(scope))
        .query((row, n) -> partnership.agencyName(row.getString("agency")) + ", " + row.getObject("meeting_day", LocalDate.class)
            + ": " + row.getString("themes"))
        .list();
    return entries.isEmpty() ? "No partner has collated any themes yet." : String.join("\n\n", entries);
  }

  /**
   * Where the partnership's context presentation for this inspection's theme is (or empty): whichever was
   * recorded last, the one the Business Unit produced from a benchmarking self-assessment between
   * inspections, or the one checked and updated during an earlier inspection of the theme.
   */
  public String latestPresentation(VariableScope scope) {
    String theme = Standing.THEME.get(scope);
    Optional<Presentation> updated = jdbc.sql("select location, updated_at as at from jtai_context_presentation_update "
            + "where theme = ? order by id desc fetch first 1 rows only")
        .param(theme).query(Presentation.class).optional();
    Optional<Presentation> benchmarked = benchmarking.latest(theme)
        .map(p -> new Presentation(p.reference(), p.recordedAt()));
    return Stream.of(updated, benchmarked).flatMap(Optional::stream)
        .max(Comparator.comparing(Presentation::at))
        .map(Presentation::location).orElse("");
  }

  private record Presentation(String location, Instant at) {}

  void recordPresentation(VariableScope scope, String location, String by) {
    String theme = Standing.THEME.get(scope);
    // A row per update, never a replaced row: two inspections of one theme may save it in the same instant.
    jdbc.sql("insert into jtai_context_presentation_update (theme, location, updated_by, updated_at) values (?, ?, ?, ?)")
        .params(theme, location, by, Sql.utc(EngineTime.now())).update();
  }

  /** How many daily planning meeting entries LAIM has recorded. */
  public int planningEntries(String reference) {
    return jdbc.sql("select count(*) from jtai_planning_theme where reference = ? and agency is null").param(reference)
        .query(Integer.class).single();
  }

  /** How many entries the partner has collated from its practitioners' discussions with inspectors. */
  public int collatedEntries(String reference, String agency) {
    return jdbc.sql("select count(*) from jtai_planning_theme where reference = ? and agency = ?").params(reference, agency)
        .query(Integer.class).single();
  }
}
