package uk.jtai.response.childselection.identity;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code jtai.identity}: the key that encrypts the children's identifying details (base64, 256 bits), its
 * id, the old keys still read (id to base64 key) while their rows are re-encrypted, and the milestone after
 * which the details are deleted ahead of the rest of the child-level data.
 */
@ConfigurationProperties("jtai.identity")
public record IdentityProperties(String key, @DefaultValue("k1") String keyId, Map<String, String> oldKeys,
                                 @DefaultValue("FINDINGS") String purgeAt, @DefaultValue("PT10M") Duration purgeInterval) {

  public IdentityProperties {
    oldKeys = oldKeys == null ? Map.of() : Map.copyOf(oldKeys);
  }
}
