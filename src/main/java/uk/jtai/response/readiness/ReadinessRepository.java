package uk.jtai.response.readiness;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import uk.jtai.response.partnership.Theme;
import uk.jtai.response.tasks.FieldError;
import uk.jtai.response.tasks.SubmissionRejectedException;

/**
 * Tables jtai_readiness, jtai_readiness_agency and jtai_readiness_document: each theme-readiness run,
 * each agency's checklist and each document's answers. Writes join the caller's transaction, so a
 * refused submission records nothing.
 */
@Repository
public class ReadinessRepository {

  private final JdbcTemplate jdbc;

  public ReadinessRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A run, as started. */
  public record Run(String key, String theme, String evidenceLocation, Instant startedAt, Instant closedAt) {}

  /** One agency's checklist: its state and the latest sign-off and quality assurance. */
  public record AgencyChecklist(String agency, EvidenceState state, int round, String confirmedBy, Instant confirmedAt,
                                String signedOffBy, Instant signedOffAt, String returnedReason, String qualityAssurer,
                                String qualityAssurance, String qualityAssuredBy, Instant qualityAssuredAt,
                                String qualityComments) {}

  /** One document's answers; {@code uploaded} is null until the agency has returned its checklist. */
  public record Document(String agency, String document, int position, String title, Boolean uploaded, String location,
                         Boolean seniorApproved, String rationale) {}

  public void insertRun(String key, Theme theme, String evidenceLocation, String startedBy, Instant now) {
    try {
      jdbc.update("insert into jtai_readiness (readiness_key, theme, open_theme, evidence_location, started_by, started_at) values (?, ?, ?, ?, ?, ?)",
          key, theme.id(), theme.id(), evidenceLocation, startedBy, utc(now));
    } catch (DuplicateKeyException raced) {
      // Another start of this theme committed after our check: refuse this one as the check would have.
      throw new SubmissionRejectedException(List.of(new FieldError("theme",
          "readiness for '" + theme.name() + "' was started by someone else a moment ago; close that one first")));
    }
    for (String agency : theme.agenciesWithEvidence()) {
      jdbc.update("insert into jtai_readiness_agency (readiness_key, agency, state, check_round) values (?, ?, ?, 1)",
          key, agency, EvidenceState.ASKED.name());
      addMissingDocuments(key, agency, theme.evidenceFor(agency));
    }
  }

  /** Adds the documents the theme file lists that the checklist lacks (a theme file updated since). */
  public int addMissingDocuments(String key, String agency, List<Theme.EvidenceDocument> documents) {
    int added = 0;
    Integer last = jdbc.queryForObject("select max(position) from jtai_readiness_document where readiness_key = ? and agency = ?",
        Integer.class, key, agency);
    int position = last == null ? 0 : last;
    for (Theme.EvidenceDocument document : documents) {
      Integer present = jdbc.queryForObject("select count(*) from jtai_readiness_document where readiness_key = ? "
          + "and agency = ? and document = ?", Integer.class, key, agency, document.id());
      if (present == null || present == 0) {
        jdbc.update("insert into jtai_readiness_document (readiness_key, agency, document, position, title) values (?, ?, ?, ?, ?)",
            key, agency, document.id(), ++position, document.title());
        added++;
      }
    }
    return added;
  }

  public Optional<Run> run(String key) {
    return jdbc.query("select readiness_key, theme, evidence_location, started_at, closed_at from jtai_readiness where readiness_key = ?",
        (rs, i) -> new Run(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5)), key)
        .stream().findFirst();
  }

  /** The open run of a theme, if any (a theme has one readiness run at a time). */
  public Optional<String> openRunOf(String theme) {
    return jdbc.queryForList("select readiness_key from jtai_readiness where theme = ? and closed_at is null", String.class, theme)
        .stream().findFirst();
  }

  /** The theme of the open run started last: the theme the partnership is getting ready for now. */
  public Optional<String> latestOpenTheme() {
    return jdbc.queryForList("select theme from jtai_readiness where closed_at is null order by started_at desc", String.class)
        .stream().findFirst();
  }

  public boolean exists(String key) {
    Integer n = jdbc.queryForObject("select count(*) from jtai_readiness where readiness_key = ?", Integer.class, key);
    return n != null && n > 0;
  }

  public void close(String key, String reason, Instant now) {
    jdbc.update("update jtai_readiness set closed_at = ?, closed_reason = ?, open_theme = null where readiness_key = ?", utc(now), reason, key);
  }

  public List<String> agencies(String key) {
    return jdbc.queryForList("select agency from jtai_readiness_agency where readiness_key = ?", String.class, key);
  }

  public List<AgencyChecklist> checklists(String key) {
    return jdbc.query("select agency, state, check_round, confirmed_by, confirmed_at, signed_off_by, signed_off_at, returned_reason, "
        + "quality_assurer, quality_assurance, quality_assured_by, quality_assured_at, quality_comments "
        + "from jtai_readiness_agency where readiness_key = ?", (rs, i) -> new AgencyChecklist(rs.getString(1),
        EvidenceState.valueOf(rs.getString(2)), rs.getInt(3), rs.getString(4), instant(rs, 5), rs.getString(6), instant(rs, 7),
        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), instant(rs, 12), rs.getString(13)), key);
  }

  public AgencyChecklist checklist(String key, String agency) {
    return checklists(key).stream().filter(c -> c.agency().equals(agency)).findFirst()
        .orElseThrow(() -> new IllegalStateException("readiness " + key + " asks nothing of agency " + agency));
  }

  public List<Document> documents(String key) {
    return jdbc.query("select agency, document, position, title, uploaded, location, senior_approved, rationale "
        + "from jtai_readiness_document where readiness_key = ? order by agency, position", this::document, key);
  }

  public List<Document> documents(String key, String agency) {
    return jdbc.query("select agency, document, position, title, uploaded, location, senior_approved, rationale "
        + "from jtai_readiness_document where readiness_key = ? and agency = ? order by position", this::document, key, agency);
  }

  /** The agency has returned its checklist: the answers, who and when; its senior's sign-off is awaited. */
  public void recordChecklist(String key, String agency, List<Document> answers, String qualityAssurer, String by, Instant now) {
    for (Document answer : answers) {
      jdbc.update("update jtai_readiness_document set uploaded = ?, location = ?, senior_approved = ?, rationale = ? "
              + "where readiness_key = ? and agency = ? and document = ?",
          answer.uploaded(), answer.location(), answer.seniorApproved(), answer.rationale(), key, agency, answer.document());
    }
    jdbc.update("update jtai_readiness_agency set state = ?, confirmed_by = ?, confirmed_at = ?, quality_assurer = ?, "
            + "quality_assurance = null, quality_assured_by = null, quality_assured_at = null, quality_comments = null "
            + "where readiness_key = ? and agency = ?",
        EvidenceState.AWAITING_SIGN_OFF.name(), by, utc(now), qualityAssurer, key, agency);
  }

  public void recordSignOff(String key, String agency, boolean qualityAssuranceAsked, String by, Instant now) {
    jdbc.update("update jtai_readiness_agency set state = ?, signed_off_by = ?, signed_off_at = ?, returned_reason = null "
            + "where readiness_key = ? and agency = ?",
        (qualityAssuranceAsked ? EvidenceState.AWAITING_QUALITY_ASSURANCE : EvidenceState.SIGNED_OFF).name(), by, utc(now), key, agency);
  }

  public void recordReturn(String key, String agency, String reason) {
    jdbc.update("update jtai_readiness_agency set state = ?, returned_reason = ? where readiness_key = ? and agency = ?",
        EvidenceState.RETURNED.name(), reason, key, agency);
  }

  public void recordQualityAssurance(String key, String agency, boolean assured, String comments, String by, Instant now) {
    jdbc.update("update jtai_readiness_agency set state = ?, quality_assurance = ?, quality_assured_by = ?, quality_assured_at = ?, "
            + "quality_comments = ? where readiness_key = ? and agency = ?",
        (assured ? EvidenceState.SIGNED_OFF : EvidenceState.QUALITY_CONCERNS).name(), assured ? "assured" : "concerns", by,
        utc(now), comments, key, agency);
  }

  /** The periodic re-check: the next round begins; the answers stand until the agency re-confirms them. */
  public void recordRecheckAsked(String key, String agency) {
    jdbc.update("update jtai_readiness_agency set state = ?, check_round = check_round + 1 where readiness_key = ? and agency = ?",
        EvidenceState.RECHECK_ASKED.name(), key, agency);
  }

  private Document document(ResultSet rs, int row) throws SQLException {
    return new Document(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), (Boolean) rs.getObject(5),
        rs.getString(6), (Boolean) rs.getObject(7), rs.getString(8));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
