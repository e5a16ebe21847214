package uk.jtai.response.readiness;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  private final JdbcClient jdbc;

  public ReadinessRepository(JdbcClient jdbc) {
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
      jdbc.sql("insert into jtai_readiness (readiness_key, theme, open_theme, evidence_location, started_by, started_at) "
              + "values (?, ?, ?, ?, ?, ?)")
          .params(key, theme.id(), theme.id(), evidenceLocation, startedBy, utc(now)).update();
    } catch (DuplicateKeyException raced) {
      // Another start of this theme committed after our check: refuse this one as the check would have.
      throw new SubmissionRejectedException(List.of(new FieldError("theme",
          "readiness for '" + theme.name() + "' was started by someone else a moment ago; close that one first")));
    }
    for (String agency : theme.agenciesWithEvidence()) {
      jdbc.sql("insert into jtai_readiness_agency (readiness_key, agency, state, check_round) values (?, ?, ?, 1)")
          .params(key, agency, EvidenceState.ASKED.name()).update();
      addMissingDocuments(key, agency, theme.evidenceFor(agency));
    }
  }

  /** Adds the documents the theme file lists that the checklist lacks (a theme file updated since). */
  public int addMissingDocuments(String key, String agency, List<Theme.EvidenceDocument> documents) {
    int added = 0;
    int position = jdbc.sql("select coalesce(max(position), 0) from jtai_readiness_document "
            + "where readiness_key = ? and agency = ?")
        .params(key, agency).query(Integer.class).single();
    for (Theme.EvidenceDocument document : documents) {
      int present = jdbc.sql("select count(*) from jtai_readiness_document "
              + "where readiness_key = ? and agency = ? and document = ?")
          .params(key, agency, document.id()).query(Integer.class).single();
      if (present == 0) {
        jdbc.sql("insert into jtai_readiness_document (readiness_key, agency, document, position, title) values (?, ?, ?, ?, ?)")
            .params(key, agency, document.id(), ++position, document.title()).update();
        added++;
      }
    }
    return added;
  }

  public Optional<Run> run(String key) {
    return jdbc.sql("select readiness_key as \"key\", theme, evidence_location, started_at, closed_at from jtai_readiness "
            + "where readiness_key = ?")
        .param(key).query(Run.class).optional();
  }

  /** The open run of a theme, if any (a theme has one readiness run at a time). */
  public Optional<String> openRunOf(String theme) {
    return jdbc.sql("select readiness_key from jtai_readiness where theme = ? and closed_at is null").param(theme)
        .query(String.class).optional();
  }

  /** The theme of the open run started last: the theme the partnership is getting ready for now. */
  public Optional<String> latestOpenTheme() {
    return jdbc.sql("select theme from jtai_readiness where closed_at is null order by started_at desc")
        .query(String.class).list().stream().findFirst();
  }

  public boolean exists(String key) {
    return jdbc.sql("select count(*) from jtai_readiness where readiness_key = ?").param(key).query(Integer.class).single() > 0;
  }

  public void close(String key, String reason, Instant now) {
    jdbc.sql("update jtai_readiness set closed_at = ?, closed_reason = ?, open_theme = null where readiness_key = ?")
        .params(utc(now), reason, key).update();
  }

  public List<String> agencies(String key) {
    return jdbc.sql("select agency from jtai_readiness_agency where readiness_key = ?").param(key).query(String.class).list();
  }

  public List<AgencyChecklist> checklists(String key) {
    return jdbc.sql("select agency, state, check_round as round, confirmed_by, confirmed_at, signed_off_by, signed_off_at, "
            + "returned_reason, quality_assurer, quality_assurance, quality_assured_by, quality_assured_at, quality_comments "
            + "from jtai_readiness_agency where readiness_key = ?")
        .param(key).query(AgencyChecklist.class).list();
  }

  public AgencyChecklist checklist(String key, String agency) {
    return checklists(key).stream().filter(c -> c.agency().equals(agency)).findFirst()
        .orElseThrow(() -> new IllegalStateException("readiness " + key + " asks nothing of agency " + agency));
  }

  public List<Document> documents(String key) {
    return jdbc.sql("select agency, document, position, title, uploaded, location, senior_approved, rationale "
            + "from jtai_readiness_document where readiness_key = ? order by agency, position")
        .param(key).query(Document.class).list();
  }

  public List<Document> documents(String key, String agency) {
    return jdbc.sql("select agency, document, position, title, uploaded, location, senior_approved, rationale "
            + "from jtai_readiness_document where readiness_key = ? and agency = ? order by position")
        .params(key, agency).query(Document.class).list();
  }

  /** The agency has returned its checklist: the answers, who and when; its senior's sign-off is awaited. */
  public void recordChecklist(String key, String agency, List<Document> answers, String qualityAssurer, String by, Instant now) {
    for (Document answer : answers) {
      jdbc.sql("update jtai_readiness_document set uploaded = ?, location = ?, senior_approved = ?, rationale = ? "
              + "where readiness_key = ? and agency = ? and document = ?")
          .params(answer.uploaded(), answer.location(), answer.seniorApproved(), answer.rationale(), key, agency,
              answer.document())
          .update();
    }
    jdbc.sql("update jtai_readiness_agency set state = ?, confirmed_by = ?, confirmed_at = ?, quality_assurer = ?, "
            + "quality_assurance = null, quality_assured_by = null, quality_assured_at = null, quality_comments = null "
            + "where readiness_key = ? and agency = ?")
        .params(EvidenceState.AWAITING_SIGN_OFF.name(), by, utc(now), qualityAssurer, key, agency).update();
  }

  public void recordSignOff(String key, String agency, boolean qualityAssuranceAsked, String by, Instant now) {
    jdbc.sql("update jtai_readiness_agency set state = ?, signed_off_by = ?, signed_off_at = ?, returned_reason = null "
            + "where readiness_key = ? and agency = ?")
        .params((qualityAssuranceAsked ? EvidenceState.AWAITING_QUALITY_ASSURANCE : EvidenceState.SIGNED_OFF).name(), by,
            utc(now), key, agency)
        .update();
  }

  public void recordReturn(String key, String agency, String reason) {
    jdbc.sql("update jtai_readiness_agency set state = ?, returned_reason = ? where readiness_key = ? and agency = ?")
        .params(EvidenceState.RETURNED.name(), reason, key, agency).update();
  }

  public void recordQualityAssurance(String key, String agency, boolean assured, String comments, String by, Instant now) {
    jdbc.sql("update jtai_readiness_agency set state = ?, quality_assurance = ?, quality_assured_by = ?, quality_assured_at = ?, "
            + "quality_comments = ? where readiness_key = ? and agency = ?")
        .params((assured ? EvidenceState.SIGNED_OFF : EvidenceState.QUALITY_CONCERNS).name(), assured ? "assured" : "concerns",
            by, utc(now), comments, key, agency)
        .update();
  }

  /** The periodic re-check: the next round begins; the answers stand until the agency re-confirms them. */
  public void recordRecheckAsked(String key, String agency) {
    jdbc.sql("update jtai_readiness_agency set state = ?, check_round = check_round + 1 where readiness_key = ? and agency = ?")
        .params(EvidenceState.RECHECK_ASKED.name(), key, agency).update();
  }
}
