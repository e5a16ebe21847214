package uk.jtai.response.benchmarking;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tables jtai_benchmarking and jtai_benchmark_rating: each self-assessment, each agency's ratings, and
 * the presentation reference it produced. Writes join the caller's transaction.
 */
@Repository
public class BenchmarkingRepository {

  private final JdbcClient jdbc;

  public BenchmarkingRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One agency's rating of one criterion, in Signs of Safety form. */
  public record Rating(String agency, String criterion, int position, String rag, String workingWell, String worried,
                       String needsToHappen, String submittedBy, Instant submittedAt) {}

  /** Where a self-assessment's presentation is, who recorded it and when. */
  public record Presentation(String benchmarkingKey, String theme, String reference, String recordedBy, Instant recordedAt) {}

  public void insert(String key, String theme, Instant due, String templateLocation, String startedBy, Instant now) {
    jdbc.sql("insert into jtai_benchmarking (benchmarking_key, theme, due, template_location, started_by, started_at) "
            + "values (?, ?, ?, ?, ?, ?)")
        .params(key, theme, utc(due), templateLocation, startedBy, utc(now)).update();
  }

  public boolean exists(String key) {
    return jdbc.sql("select count(*) from jtai_benchmarking where benchmarking_key = ?").param(key)
        .query(Integer.class).single() > 0;
  }

  public Optional<String> theme(String key) {
    return jdbc.sql("select theme from jtai_benchmarking where benchmarking_key = ?").param(key).query(String.class).optional();
  }

  public void recordRatings(String key, List<Rating> ratings) {
    for (Rating rating : ratings) {
      jdbc.sql("delete from jtai_benchmark_rating where benchmarking_key = ? and agency = ? and criterion = ?")
          .params(key, rating.agency(), rating.criterion()).update();
      jdbc.sql("insert into jtai_benchmark_rating (benchmarking_key, agency, criterion, position, rag, working_well, worried, "
              + "needs_to_happen, submitted_by, submitted_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
          .params(key, rating.agency(), rating.criterion(), rating.position(), rating.rag(), rating.workingWell(),
              rating.worried(), rating.needsToHappen(), rating.submittedBy(), utc(rating.submittedAt()))
          .update();
    }
  }

  public List<Rating> ratings(String key) {
    return jdbc.sql("select agency, criterion, position, rag, working_well, worried, needs_to_happen, submitted_by, submitted_at "
            + "from jtai_benchmark_rating where benchmarking_key = ? order by position, agency")
        .param(key).query(Rating.class).list();
  }

  public List<String> agenciesReturned(String key) {
    return jdbc.sql("select distinct agency from jtai_benchmark_rating where benchmarking_key = ?").param(key)
        .query(String.class).list();
  }

  public void recordPresentation(String key, String reference, String by, Instant now) {
    jdbc.sql("update jtai_benchmarking set presentation = ?, presentation_by = ?, presentation_at = ? where benchmarking_key = ?")
        .params(reference, by, utc(now), key).update();
  }

  /** The presentation recorded last for the theme, if any. */
  public Optional<Presentation> latestPresentation(String theme) {
    return jdbc.sql("select benchmarking_key, theme, presentation as reference, presentation_by as recorded_by, "
            + "presentation_at as recorded_at from jtai_benchmarking "
            + "where theme = ? and presentation is not null order by presentation_at desc, benchmarking_key desc")
        .param(theme).query(Presentation.class).list().stream().findFirst();
  }
}
