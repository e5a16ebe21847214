package uk.jtai.response.childselection;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import uk.jtai.response.store.InsertRows;

/** Table jtai_known_to_agency: each agency's answers, recorded as its return arrives. */
@Repository
public class KnownToAgencyReturns {

  /**
   * One answer: the child, the question ("known" or a theme question id) and yes or no, or for a child not
   * known to the agency {@link #NOT_KNOWN} ("known") and {@link #NOT_APPLICABLE} (the theme's questions).
   */
  public record Answer(String child, String question, String answer) {}

  /** The answer to "known" for a child the agency ticked as not known to it (fits the answer column's 8). */
  public static final String NOT_KNOWN = "notknown";
  /** The answer to a theme question for a child not known to the agency. */
  public static final String NOT_APPLICABLE = "na";

  private final JdbcClient jdbc;
  private static final List<String> COLUMNS = List.of("reference", "agency", "child_reference", "question", "answer",
      "submitted_by", "submitted_at");

  private final InsertRows rows;

  public KnownToAgencyReturns(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.rows = new InsertRows(template);
  }

  public void record(String reference, String agency, List<Answer> answers, String by, Instant at) {
    jdbc.sql("delete from jtai_known_to_agency where reference = ? and agency = ?").params(reference, agency).update();
    OffsetDateTime when = utc(at);
    // One statement for the whole return.
    rows.insert("jtai_known_to_agency", COLUMNS,
        answers.stream().map(a -> new Object[] {reference, agency, a.child(), a.question(), a.answer(), by, when}).toList());
  }

  /** agency -> child -> question -> answer, for the agencies that have returned. */
  public Map<String, Map<String, Map<String, String>>> byAgency(String reference) {
    Map<String, Map<String, Map<String, String>>> returns = new HashMap<>();
    jdbc.sql("select agency, child_reference as child, question, answer from jtai_known_to_agency where reference = ?")
        .param(reference).query(Returned.class).list()
        .forEach(row -> returns.computeIfAbsent(row.agency(), a -> new HashMap<>())
            .computeIfAbsent(row.child(), c -> new HashMap<>())
            .put(row.question(), row.answer()));
    return returns;
  }

  private record Returned(String agency, String child, String question, String answer) {}

  /** agency -> when its return was recorded, for the agencies that have returned. */
  public Map<String, Instant> returnedAt(String reference) {
    Map<String, Instant> at = new HashMap<>();
    jdbc.sql("select agency, max(submitted_at) as submitted_at from jtai_known_to_agency where reference = ? group by agency")
        .param(reference).query((rs, row) -> Map.entry(rs.getString("agency"), rs.getObject("submitted_at", OffsetDateTime.class)))
        .list().forEach(entry -> at.put(entry.getKey(), entry.getValue().toInstant()));
    return at;
  }

  public int delete(String reference) {
    return jdbc.sql("delete from jtai_known_to_agency where reference = ?").param(reference).update();
  }
}
