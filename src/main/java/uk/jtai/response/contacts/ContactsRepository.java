package uk.jtai.response.contacts;

import static uk.jtai.response.store.Sql.utc;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table jtai_contact_confirmation: each agency's answer to each quarterly check of its contacts. */
@Repository
public class ContactsRepository {

  private final JdbcClient jdbc;

  public ContactsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** An agency's answer: its contacts are current, or the changes to make; its people are briefed. */
  public record Answer(String agency, boolean current, String changes, boolean briefed, String confirmedBy, Instant confirmedAt) {}

  public void record(String key, Answer answer) {
    jdbc.sql("delete from jtai_contact_confirmation where contacts_key = ? and agency = ?")
        .params(key, answer.agency()).update();
    jdbc.sql("insert into jtai_contact_confirmation (contacts_key, agency, contacts_current, changes, briefed, confirmed_by, "
            + "confirmed_at) values (?, ?, ?, ?, ?, ?, ?)")
        .params(key, answer.agency(), answer.current(), answer.changes(), answer.briefed(), answer.confirmedBy(),
            utc(answer.confirmedAt()))
        .update();
  }

  public List<Answer> answers(String key) {
    return jdbc.sql("select agency, contacts_current as \"current\", changes, briefed, confirmed_by, confirmed_at "
            + "from jtai_contact_confirmation where contacts_key = ?")
        .param(key).query(Answer.class).list();
  }
}
