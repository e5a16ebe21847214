package uk.jtai.response.timetable;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import uk.jtai.response.calendar.Milestone;

/**
 * Table jtai_timetable_event: what the feed last published of each milestone. A milestone whose due time
 * or title differs from it is published with the next SEQUENCE and a new LAST-MODIFIED, so calendar
 * clients replace the event (same UID) rather than keep the old time. Whoever moves a milestone need not
 * know about the feed: the difference is found when the feed is read.
 */
@Repository
public class PublishedEvents {

  private final JdbcTemplate jdbc;

  public PublishedEvents(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The revision of a milestone as published. */
  public record Revision(int sequence, Instant lastModified) {}

  /** The milestone's revision, recording a new one if it changed since last published. */
  public Revision current(String reference, Milestone milestone, Instant now) {
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<Object[]> stored = jdbc.query("select due, title, sequence, last_modified from jtai_timetable_event "
              + "where reference = ? and name = ?",
          (rs, i) -> new Object[] {rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getInt(3),
              rs.getObject(4, OffsetDateTime.class).toInstant()}, reference, milestone.name()).stream().findFirst();
      if (stored.isEmpty()) {
        try {
          jdbc.update("insert into jtai_timetable_event (reference, name, due, title, sequence, last_modified) "
              + "values (?, ?, ?, ?, 0, ?)", reference, milestone.name(), utc(milestone.due()), milestone.title(), utc(now));
          return new Revision(0, now);
        } catch (DuplicateKeyException publishedMeanwhile) {
          continue;
        }
      }
      Object[] row = stored.get();
      int sequence = (Integer) row[2];
      if (row[0].equals(milestone.due()) && row[1].equals(milestone.title())) {
        return new Revision(sequence, (Instant) row[3]);
      }
      // Conditional on the sequence read: of two readers publishing the same change, one bumps it.
      if (jdbc.update("update jtai_timetable_event set due = ?, title = ?, sequence = ?, last_modified = ? "
              + "where reference = ? and name = ? and sequence = ?", utc(milestone.due()), milestone.title(), sequence + 1,
          utc(now), reference, milestone.name(), sequence) == 1) {
        return new Revision(sequence + 1, now);
      }
    }
    throw new IllegalStateException("timetable event " + milestone.name() + " of " + reference + " keeps changing");
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
