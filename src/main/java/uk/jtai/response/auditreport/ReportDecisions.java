package uk.jtai.response.auditreport;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tables jtai_report_decision and jtai_report_comment: the statutory partners' decisions on each
 * version of the audit report (an approval belongs to its version) and the attendees' comments; and
 * jtai_report_submission: what the LAIM submitted and which approvals were missing then.
 */
@Repository
public class ReportDecisions {

  public static final String APPROVED = "APPROVED";
  public static final String REJECTED = "REJECTED";

  /** One partner's decision on one version. */
  public record Decision(String agency, String decision, boolean qualityAssured, String reason) {}

  /** An attendee's comment on one version. */
  public record Comment(String agency, String comment) {}

  private final JdbcClient jdbc;

  public ReportDecisions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A decision given after the report was due (17:00 day 9) is kept as late. */
  public void decide(String reference, int version, Decision decision, String by, Instant at) {
    decide(reference, version, decision, by, at, false);
  }

  public void decide(String reference, int version, Decision decision, String by, Instant at, boolean late) {
    jdbc.sql("delete from jtai_report_decision where reference = ? and version = ? and agency = ?")
        .params(reference, version, decision.agency()).update();
    jdbc.sql("insert into jtai_report_decision (reference, version, agency, decision, quality_assured, reason, "
            + "decided_by, decided_at, late) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(reference, version, decision.agency(), decision.decision(), decision.qualityAssured(), decision.reason(), by,
            utc(at), late)
        .update();
  }

  /** The decisions on one version, by agency. */
  public Map<String, Decision> decisions(String reference, int version) {
    Map<String, Decision> decisions = new LinkedHashMap<>();
    jdbc.sql("select agency, decision, quality_assured, reason from jtai_report_decision "
            + "where reference = ? and version = ? order by decided_at")
        .params(reference, version).query(Decision.class).list()
        .forEach(decision -> decisions.put(decision.agency(), decision));
    return decisions;
  }

  public void comment(String reference, int version, String agency, String comment, String by, Instant at) {
    jdbc.sql("insert into jtai_report_comment (reference, version, agency, comment, commented_by, commented_at) "
            + "values (?, ?, ?, ?, ?, ?)")
        .params(reference, version, agency, comment, by, utc(at)).update();
  }

  /** The comments on one version, oldest first. */
  public List<Comment> comments(String reference, int version) {
    return jdbc.sql("select agency, comment from jtai_report_comment where reference = ? and version = ? order by id")
        .params(reference, version).query(Comment.class).list();
  }

  /** A decision as it was given: on which version, by which partner, when, and whether after the deadline. */
  public record Given(int version, String agency, String decision, Instant decidedAt, boolean late) {}

  /** Every decision given on every version of the inspection's report, oldest first. */
  public List<Given> given(String reference) {
    return jdbc.sql("select version, agency, decision, decided_at, late from jtai_report_decision where reference = ? "
            + "order by version, decided_at")
        .param(reference)
        .query((rs, row) -> new Given(rs.getInt("version"), rs.getString("agency"), rs.getString("decision"),
            rs.getTimestamp("decided_at").toInstant(), rs.getBoolean("late")))
        .list();
  }

  /** The agencies whose decision on one version came after the deadline. */
  public List<String> late(String reference, int version) {
    return jdbc.sql("select agency from jtai_report_decision where reference = ? and version = ? and late order by decided_at")
        .params(reference, version).query(String.class).list();
  }

  /** The report as submitted: its version (none if no draft was shared) and the approvals missing then, by name. */
  public record Submission(Integer version, Instant submittedAt, String missingApprovals) {}

  public void submitted(String reference, Submission submission, String by, Instant at) {
    jdbc.sql("delete from jtai_report_submission where reference = ?").param(reference).update();
    jdbc.sql("insert into jtai_report_submission (reference, version, submitted_at, missing_approvals, recorded_by, recorded_at) "
            + "values (?, ?, ?, ?, ?, ?)")
        .params(reference, submission.version(), utc(submission.submittedAt()), submission.missingApprovals(), by, utc(at))
        .update();
  }

  public java.util.Optional<Submission> submission(String reference) {
    return jdbc.sql("select version, submitted_at, missing_approvals from jtai_report_submission where reference = ?")
        .param(reference)
        .query((rs, row) -> new Submission((Integer) rs.getObject("version"), rs.getTimestamp("submitted_at").toInstant(),
            rs.getString("missing_approvals")))
        .optional();
  }
}
