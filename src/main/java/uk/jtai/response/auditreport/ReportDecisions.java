package uk.jtai.response.auditreport;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Tables jtai_report_decision and jtai_report_comment: the statutory partners' decisions on each
 * version of the audit report (an approval belongs to its version) and the attendees' comments.
 */
@Repository
public class ReportDecisions {

  public static final String APPROVED = "APPROVED";
  public static final String REJECTED = "REJECTED";

  /** One partner's decision on one version. */
  public record Decision(String agency, String decision, boolean qualityAssured, String reason) {}

  private final JdbcTemplate jdbc;

  public ReportDecisions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void decide(String reference, int version, Decision decision, String by, Instant at) {
    jdbc.update("delete from jtai_report_decision where reference = ? and version = ? and agency = ?",
        reference, version, decision.agency());
    jdbc.update("insert into jtai_report_decision (reference, version, agency, decision, quality_assured, reason, "
            + "decided_by, decided_at) values (?, ?, ?, ?, ?, ?, ?, ?)", reference, version, decision.agency(),
        decision.decision(), decision.qualityAssured(), decision.reason(), by, at.atOffset(ZoneOffset.UTC));
  }

  /** The decisions on one version, by agency. */
  public Map<String, Decision> decisions(String reference, int version) {
    Map<String, Decision> decisions = new LinkedHashMap<>();
    jdbc.query("select agency, decision, quality_assured, reason from jtai_report_decision "
        + "where reference = ? and version = ? order by decided_at", rs -> {
          decisions.put(rs.getString(1), new Decision(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)));
        }, reference, version);
    return decisions;
  }

  public void comment(String reference, int version, String agency, String comment, String by, Instant at) {
    jdbc.update("insert into jtai_report_comment (reference, version, agency, comment, commented_by, commented_at) "
        + "values (?, ?, ?, ?, ?, ?)", reference, version, agency, comment, by, at.atOffset(ZoneOffset.UTC));
  }

  /** The comments on one version: agency and text, oldest first. */
  public List<String[]> comments(String reference, int version) {
    return jdbc.query("select agency, comment from jtai_report_comment where reference = ? and version = ? order by id",
        (rs, i) -> new String[] {rs.getString(1), rs.getString(2)}, reference, version);
  }
}
