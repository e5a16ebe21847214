package uk.jtai.response.childselection.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AES-256-GCM of the identifying details: a round trip, bound to its row, refused when altered, and keys rotated. */
class IdentityCipherTest {

  private static final String OLD = IdentityCipher.newKey();
  private static final String NEW = IdentityCipher.newKey();

  private static IdentityCipher cipher(String key, String id, Map<String, String> old) {
    return new IdentityCipher(new IdentityProperties(key, id, old, "FINDINGS", Duration.ofMinutes(10)));
  }

  @Test
  void whatIsSealedOpensOnlyForItsOwnRowAndUnaltered() {
    IdentityCipher cipher = cipher(NEW, "k2", Map.of());
    IdentityCipher.Sealed sealed = cipher.seal("{\"fullName\":\"Ysolde Quennell\"}", "row|1");
    assertThat(sealed.keyId()).isEqualTo("k2");
    assertThat(sealed.text()).doesNotContain("Ysolde").doesNotContain("Quennell");
    assertThat(cipher.open(sealed, "row|1")).isEqualTo("{\"fullName\":\"Ysolde Quennell\"}");
    assertThat(cipher.seal("same", "row|1").text()).as("a fresh nonce each time").isNotEqualTo(cipher.seal("same", "row|1").text());

    assertThatThrownBy(() -> cipher.open(sealed, "row|2")).hasMessageContaining("do not open");
    byte[] bytes = java.util.Base64.getDecoder().decode(sealed.text());
    bytes[bytes.length - 1] ^= 1;
    IdentityCipher.Sealed altered = new IdentityCipher.Sealed("k2", java.util.Base64.getEncoder().encodeToString(bytes));
    assertThatThrownBy(() -> cipher.open(altered, "row|1")).hasMessageContaining("do not open");
    assertThatThrownBy(() -> cipher(IdentityCipher.newKey(), "k2", Map.of()).open(sealed, "row|1"))
        .as("another key with the same id").hasMessageContaining("do not open");
  }

  @Test
  void aRotatedKeyStillOpensOldRowsWhileNewOnesAreSealedUnderTheNewKey() {
    IdentityCipher.Sealed underOld = cipher(OLD, "k1", Map.of()).seal("details", "row|1");
    IdentityCipher rotated = cipher(NEW, "k2", Map.of("k1", OLD));
    assertThat(rotated.open(underOld, "row|1")).isEqualTo("details");
    assertThat(rotated.seal("details", "row|1").keyId()).isEqualTo("k2");
    assertThatThrownBy(() -> cipher(NEW, "k2", Map.of()).open(underOld, "row|1"))
        .as("once the old key is no longer listed").hasMessageContaining("No key with id k1");
  }

  @Test
  void withoutAWellFormedKeyTheServiceDoesNotStart() {
    assertThatThrownBy(() -> cipher(null, "k1", Map.of())).hasMessageContaining("(JTAI_IDENTITY_KEY) is not set");
    assertThatThrownBy(() -> cipher(" ", "k1", Map.of())).hasMessageContaining("(JTAI_IDENTITY_KEY) is not set");
    assertThatThrownBy(() -> cipher("c2hvcnQ=", "k1", Map.of())).hasMessageContaining("must be 32 bytes");
    assertThatThrownBy(() -> cipher("not base64!", "k1", Map.of())).hasMessageContaining("is not base64");
    assertThatThrownBy(() -> cipher(NEW, "k 1", Map.of())).hasMessageContaining("key-id");
    assertThatThrownBy(() -> cipher(NEW, "k2", Map.of("k1", "c2hvcnQ="))).hasMessageContaining("old-keys.k1");
  }
}
