package uk.jtai.response.childselection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table jtai_known_to_agency: each agency's answers, recorded as its return arrives. */
@Repository
public class KnownToAgencyReturns {

  /** One answer: the child, the question ("known" or a theme question id) and yes or no. */
  public record Answer(String child, String question, String answer) {}

  private final JdbcTemplate jdbc;

  public KnownToAgencyReturns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String reference, String agency, List<Answer> answers, String by, Instant at) {
    jdbc.update("delete from jtai_known_to_agency where reference = ? and agency = ?", reference, agency);
    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
    jdbc.batchUpdate("insert into jtai_known_to_agency (reference, agency, child_reference, question, answer, "
            + "submitted_by, submitted_at) values (?, ?, ?, ?, ?, ?, ?)",
        answers.stream().map(a -> new Object[] {reference, agency, a.child(), a.question(), a.answer(), by, when}).toList());
  }

  /** agency -> child -> question -> answer, for the agencies that have returned. */
  public Map<String, Map<String, Map<String, String>>> byAgency(String reference) {
    Map<String, Map<String, Map<String, String>>> returns = new HashMap<>();
    jdbc.query("select agency, child_reference, question, answer from jtai_known_to_agency where reference = ?",
        rs -> {
          returns.computeIfAbsent(rs.getString(1), a -> new HashMap<>())
              .computeIfAbsent(rs.getString(2), c -> new HashMap<>())
              .put(rs.getString(3), rs.getString(4));
        }, reference);
    return returns;
  }

  public int delete(String reference) {
    return jdbc.update("delete from jtai_known_to_agency where reference = ?", reference);
  }
}
