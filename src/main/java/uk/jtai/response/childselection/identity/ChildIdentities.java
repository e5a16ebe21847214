package uk.jtai.response.childselection.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import uk.jtai.response.childselection.IdentifiedChildren;
import uk.jtai.response.store.Sql;

/**
 * Table jtai_child_identity: the identifying details of one inspection's selected children, one encrypted
 * row per child in the order LAIM recorded them ({@link IdentityCipher}; the row's inspection and position
 * are the associated data). Recording replaces the whole list in one transaction. Rows sealed under an old
 * key are re-encrypted under the current one when the service starts.
 */
@Repository
public class ChildIdentities implements IdentifiedChildren {

  private static final Logger log = LoggerFactory.getLogger(ChildIdentities.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JdbcClient jdbc;
  private final IdentityCipher cipher;

  public ChildIdentities(JdbcClient jdbc, IdentityCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  @Transactional
  public void record(String reference, List<ChildIdentity> children, String recordedBy, Instant at) {
    delete(reference);
    for (int i = 0; i < children.size(); i++) {
      int position = i + 1;
      IdentityCipher.Sealed sealed = cipher.seal(json(children.get(i)), associated(reference, position));
      jdbc.sql("insert into jtai_child_identity (reference, position, key_id, details, recorded_by, recorded_at) "
              + "values (?, ?, ?, ?, ?, ?)")
          .params(reference, position, sealed.keyId(), sealed.text(), recordedBy, Sql.utc(at)).update();
    }
  }

  /** The children in the order recorded; empty when none are (yet, or any more). */
  public List<ChildIdentity> list(String reference) {
    return jdbc.sql("select position, key_id, details from jtai_child_identity where reference = ? order by position")
        .param(reference)
        .query((rs, n) -> child(cipher.open(new IdentityCipher.Sealed(rs.getString("key_id"), rs.getString("details")),
            associated(reference, rs.getInt("position")))))
        .list();
  }

  @Override
  public List<String> childReferences(String reference) {
    return list(reference).stream().map(ChildIdentity::childReference).toList();
  }

  public boolean isRecorded(String reference) {
    return jdbc.sql("select count(*) from jtai_child_identity where reference = ?").param(reference)
        .query(Integer.class).single() > 0;
  }

  public int delete(String reference) {
    return jdbc.sql("delete from jtai_child_identity where reference = ?").param(reference).update();
  }

  /** Inspections whose details are still held. */
  public List<String> heldFor() {
    return jdbc.sql("select distinct reference from jtai_child_identity").query(String.class).list();
  }

  /** Seals again, under the current key, every row sealed under another; how many were. */
  @Transactional
  public int reencrypt() {
    record Row(String reference, int position, String keyId, String details) {}
    List<Row> old = jdbc.sql("select reference, position, key_id, details from jtai_child_identity where key_id <> ?")
        .param(cipher.currentKeyId())
        .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4))).list();
    for (Row row : old) {
      String associated = associated(row.reference(), row.position());
      IdentityCipher.Sealed sealed = cipher.seal(cipher.open(new IdentityCipher.Sealed(row.keyId(), row.details()), associated),
          associated);
      jdbc.sql("update jtai_child_identity set key_id = ?, details = ? where reference = ? and position = ?")
          .params(sealed.keyId(), sealed.text(), row.reference(), row.position()).update();
    }
    return old.size();
  }

  @EventListener(ApplicationReadyEvent.class)
  public void reencryptOnStart() {
    int count = reencrypt();
    if (count > 0) {
      log.info("Identifying details of {} children re-encrypted under key {}", count, cipher.currentKeyId());
    }
  }

  private static String associated(String reference, int position) {
    return "jtai_child_identity|" + reference + "|" + position;
  }

  private static String json(ChildIdentity child) {
    ObjectNode node = JSON.createObjectNode()
        .put("childReference", child.childReference())
        .put("fullName", child.fullName())
        .put("dateOfBirth", child.dateOfBirth().toString())
        .put("nhsNumber", child.nhsNumber())
        .put("postcode", child.postcode())
        .put("address", child.address());
    return node.toString();
  }

  private static ChildIdentity child(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      return new ChildIdentity(node.get("childReference").asText(), node.get("fullName").asText(),
          LocalDate.parse(node.get("dateOfBirth").asText()), text(node, "nhsNumber"), text(node, "postcode"),
          text(node, "address"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Identifying details that are not the stored shape", e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
