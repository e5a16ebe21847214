package uk.jtai.response.benchmarking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables jtai_benchmarking and jtai_benchmark_rating: each self-assessment, each agency's ratings, and
 * the presentation reference it produced. Writes join the caller's transaction.
 */
@Repository
public class BenchmarkingRepository {

  private final JdbcTemplate jdbc;

  public BenchmarkingRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One agency's rating of one criterion, in Signs of Safety form. */
  public record Rating(String agency, String criterion, int position, String rag, String workingWell, String worried,
                       String needsToHappen, String submittedBy, Instant submittedAt) {}

  /** Where a self-assessment's presentation is, who recorded it and when. */
  public record Presentation(String benchmarkingKey, String theme, String reference, String recordedBy, Instant recordedAt) {}

  public void insert(String key, String theme, Instant due, String templateLocation, String startedBy, Instant now) {
    jdbc.update("insert into jtai_benchmarking (benchmarking_key, theme, due, template_location, started_by, started_at) "
        + "values (?, ?, ?, ?, ?, ?)", key, theme, utc(due), templateLocation, startedBy, utc(now));
  }

  public boolean exists(String key) {
    Integer n = jdbc.queryForObject("select count(*) from jtai_benchmarking where benchmarking_key = ?", Integer.class, key);
    return n != null && n > 0;
  }

  public Optional<String> theme(String key) {
    return jdbc.queryForList("select theme from jtai_benchmarking where benchmarking_key = ?", String.class, key).stream().findFirst();
  }

  public void recordRatings(String key, List<Rating> ratings) {
    for (Rating rating : ratings) {
      jdbc.update("delete from jtai_benchmark_rating where benchmarking_key = ? and agency = ? and criterion = ?",
          key, rating.agency(), rating.criterion());
      jdbc.update("insert into jtai_benchmark_rating (benchmarking_key, agency, criterion, position, rag, working_well, worried, "
              + "needs_to_happen, submitted_by, submitted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          key, rating.agency(), rating.criterion(), rating.position(), rating.rag(), rating.workingWell(), rating.worried(),
          rating.needsToHappen(), rating.submittedBy(), utc(rating.submittedAt()));
    }
  }

  public List<Rating> ratings(String key) {
    return jdbc.query("select agency, criterion, position, rag, working_well, worried, needs_to_happen, submitted_by, submitted_at "
        + "from jtai_benchmark_rating where benchmarking_key = ? order by position, agency", (rs, i) -> new Rating(rs.getString(1),
        rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
        instant(rs, 9)), key);
  }

  public List<String> agenciesReturned(String key) {
    return jdbc.queryForList("select distinct agency from jtai_benchmark_rating where benchmarking_key = ?", String.class, key);
  }

  public void recordPresentation(String key, String reference, String by, Instant now) {
    jdbc.update("update jtai_benchmarking set presentation = ?, presentation_by = ?, presentation_at = ? where benchmarking_key = ?",
        reference, by, utc(now), key);
  }

  /** The presentation recorded last for the theme, if any. */
  public Optional<Presentation> latestPresentation(String theme) {
    return jdbc.query("select benchmarking_key, theme, presentation, presentation_by, presentation_at from jtai_benchmarking "
            + "where theme = ? and presentation is not null order by presentation_at desc, benchmarking_key desc",
        (rs, i) -> new Presentation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), instant(rs, 5)), theme)
        .stream().findFirst();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
