package uk.jtai.response.calendar;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The stored inspections and their schedules (tables jtai_inspection and jtai_milestone). Writes join
 * the caller's transaction, so a process start that fails stores nothing.
 */
@Repository
public class ScheduleRepository {

  private final JdbcTemplate jdbc;

  public ScheduleRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean exists(String reference) {
    Integer n = jdbc.queryForObject("select count(*) from jtai_inspection where reference = ?", Integer.class, reference);
    return n != null && n > 0;
  }

  /** Stores a new inspection and its schedule; a reference that exists already fails on the primary key. */
  public void insert(InspectionSchedule schedule, String processInstanceId, String startedBy, Instant now) {
    jdbc.update("insert into jtai_inspection (reference, theme, notified_at, process_instance_id, started_by, created_at) "
            + "values (?, ?, ?, ?, ?, ?)",
        schedule.reference(), schedule.theme(), utc(schedule.notifiedAt()), processInstanceId, startedBy, utc(now));
    jdbc.batchUpdate("insert into jtai_milestone (reference, name, working_day, due, title) values (?, ?, ?, ?, ?)",
        schedule.milestones().stream()
            .map(m -> new Object[] {schedule.reference(), m.name(), m.workingDay(), utc(m.due()), m.title()})
            .toList());
  }

  /** Adds (or replaces) one milestone of a running inspection, e.g. a deadline relative to a step. */
  public void putMilestone(String reference, Milestone milestone) {
    jdbc.update("delete from jtai_milestone where reference = ? and name = ?", reference, milestone.name());
    jdbc.update("insert into jtai_milestone (reference, name, working_day, due, title) values (?, ?, ?, ?, ?)",
        reference, milestone.name(), milestone.workingDay(), utc(milestone.due()), milestone.title());
  }

  public void recordChange(String reference, String name, Instant oldDue, Instant newDue, String reason, String by, Instant at) {
    jdbc.update("insert into jtai_milestone_change (reference, name, old_due, new_due, reason, moved_by, moved_at) "
        + "values (?, ?, ?, ?, ?, ?, ?)", reference, name, utc(oldDue), utc(newDue), reason, by, utc(at));
  }

  /** A recorded move of a milestone. */
  public record Change(String name, Instant oldDue, Instant newDue, String reason, String movedBy, Instant movedAt) {}

  public java.util.List<Change> changes(String reference) {
    return jdbc.query("select name, old_due, new_due, reason, moved_by, moved_at from jtai_milestone_change "
            + "where reference = ? order by id",
        (rs, i) -> new Change(rs.getString(1), instant(rs.getObject(2, OffsetDateTime.class)),
            instant(rs.getObject(3, OffsetDateTime.class)), rs.getString(4), rs.getString(5),
            instant(rs.getObject(6, OffsetDateTime.class))), reference);
  }

  public Optional<InspectionSchedule> find(String reference) {
    List<Object[]> head = jdbc.query("select theme, notified_at from jtai_inspection where reference = ?",
        (rs, i) -> new Object[] {rs.getString(1), instant(rs.getObject(2, OffsetDateTime.class))}, reference);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    List<Milestone> milestones = jdbc.query(
        "select name, working_day, due, title from jtai_milestone where reference = ? order by due, name",
        (rs, i) -> new Milestone(rs.getString(1), rs.getInt(2), instant(rs.getObject(3, OffsetDateTime.class)), rs.getString(4)),
        reference);
    return Optional.of(new InspectionSchedule(reference, (String) head.get(0)[0], (Instant) head.get(0)[1], milestones));
  }

  public Optional<Instant> due(String reference, String milestone) {
    return jdbc.query("select due from jtai_milestone where reference = ? and name = ?",
            (rs, i) -> instant(rs.getObject(1, OffsetDateTime.class)), reference, milestone)
        .stream().findFirst();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime value) {
    return value.toInstant();
  }

}
