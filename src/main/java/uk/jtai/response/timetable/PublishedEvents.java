package uk.jtai.response.timetable;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  private final JdbcClient jdbc;

  public PublishedEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The revision of a milestone as published. */
  public record Revision(int sequence, Instant lastModified) {}

  private record Published(Instant due, String title, int sequence, Instant lastModified) {}

  /** The milestone's revision, recording a new one if it changed since last published. */
  public Revision current(String reference, Milestone milestone, Instant now) {
    for (int attempt = 0; attempt < 3; attempt++) {
      Optional<Published> stored = jdbc.sql("select due, title, sequence, last_modified from jtai_timetable_event "
              + "where reference = ? and name = ?")
          .params(reference, milestone.name()).query(Published.class).optional();
      if (stored.isEmpty()) {
        try {
          jdbc.sql("insert into jtai_timetable_event (reference, name, due, title, sequence, last_modified) "
                  + "values (?, ?, ?, ?, 0, ?)")
              .params(reference, milestone.name(), utc(milestone.due()), milestone.title(), utc(now)).update();
          return new Revision(0, now);
        } catch (DuplicateKeyException publishedMeanwhile) {
          continue;
        }
      }
      Published row = stored.get();
      if (row.due().equals(milestone.due()) && row.title().equals(milestone.title())) {
        return new Revision(row.sequence(), row.lastModified());
      }
      // Conditional on the sequence read: of two readers publishing the same change, one bumps it.
      if (jdbc.sql("update jtai_timetable_event set due = ?, title = ?, sequence = ?, last_modified = ? "
              + "where reference = ? and name = ? and sequence = ?")
          .params(utc(milestone.due()), milestone.title(), row.sequence() + 1, utc(now), reference, milestone.name(),
              row.sequence())
          .update() == 1) {
        return new Revision(row.sequence() + 1, now);
      }
    }
    throw new IllegalStateException("timetable event " + milestone.name() + " of " + reference + " keeps changing");
  }
}
