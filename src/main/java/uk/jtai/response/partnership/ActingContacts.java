package uk.jtai.response.partnership;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who acts for each agency in one inspection, as the agency confirmed on day 1 (guidance 18.5: "if your
 * lead contact is not available, provide a suitable deputy, fully briefed"). The partnership file names
 * standing mailboxes; a deputy named for this inspection may be someone else, and the daily digest and the
 * escalations of the agency's missed deadlines reach them too. Table jtai_acting_contact; writes join the
 * caller's transaction (the task's completion).
 */
@Repository
public class ActingContacts {

  /** The agency's lead contact acts, as the partnership file names them. */
  public static final String LEAD = "lead";
  /** A deputy acts, named for this inspection. */
  public static final String DEPUTY = "deputy";

  /** One agency's acting contact in one inspection. */
  public record Acting(String agency, String actingAs, Contact contact) {}

  private static final RowMapper<Acting> ROW = (rs, row) -> new Acting(rs.getString("agency"), rs.getString("acting_as"),
      new Contact(rs.getString("name"), rs.getString("email")));

  private final JdbcClient jdbc;

  public ActingContacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records (or corrects) who acts for {@code agency} in the inspection {@code reference}. */
  public void record(String reference, String agency, String actingAs, Contact contact, String recordedBy, Instant at) {
    jdbc.sql("delete from jtai_acting_contact where reference = ? and agency = ?").params(reference, agency).update();
    jdbc.sql("insert into jtai_acting_contact (reference, agency, acting_as, name, email, recorded_by, recorded_at) "
            + "values (?, ?, ?, ?, ?, ?, ?)")
        .params(reference, agency, actingAs, contact.name(), contact.email(), recordedBy, utc(at))
        .update();
  }

  /** Who acts for {@code agency} in the inspection, if the agency has confirmed it. */
  public Optional<Acting> of(String reference, String agency) {
    return jdbc.sql("select agency, acting_as, name, email from jtai_acting_contact where reference = ? and agency = ?")
        .params(reference, agency)
        .query(ROW)
        .optional();
  }

  /** The deputies named for the inspection, in agency order. */
  public List<Acting> deputies(String reference) {
    return jdbc.sql("select agency, acting_as, name, email from jtai_acting_contact where reference = ? and acting_as = ? "
            + "order by agency")
        .params(reference, DEPUTY)
        .query(ROW)
        .list();
  }
}
