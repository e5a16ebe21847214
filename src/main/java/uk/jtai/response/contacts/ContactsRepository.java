package uk.jtai.response.contacts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Table jtai_contact_confirmation: each agency's answer to each quarterly check of its contacts. */
@Repository
public class ContactsRepository {

  private final JdbcTemplate jdbc;

  public ContactsRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** An agency's answer: its contacts are current, or the changes to make; its people are briefed. */
  public record Answer(String agency, boolean current, String changes, boolean briefed, String confirmedBy, Instant confirmedAt) {}

  public void record(String key, Answer answer) {
    jdbc.update("delete from jtai_contact_confirmation where contacts_key = ? and agency = ?", key, answer.agency());
    jdbc.update("insert into jtai_contact_confirmation (contacts_key, agency, contacts_current, changes, briefed, confirmed_by, "
            + "confirmed_at) values (?, ?, ?, ?, ?, ?, ?)", key, answer.agency(), answer.current(), answer.changes(),
        answer.briefed(), answer.confirmedBy(), answer.confirmedAt().atOffset(ZoneOffset.UTC));
  }

  public List<Answer> answers(String key) {
    return jdbc.query("select agency, contacts_current, changes, briefed, confirmed_by, confirmed_at from jtai_contact_confirmation "
        + "where contacts_key = ?", this::answer, key);
  }

  private Answer answer(ResultSet rs, int row) throws SQLException {
    return new Answer(rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
        rs.getObject(6, OffsetDateTime.class).toInstant());
  }
}
