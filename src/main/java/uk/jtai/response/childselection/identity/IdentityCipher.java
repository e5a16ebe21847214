package uk.jtai.response.childselection.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM for the children's identifying details, with the JDK's own provider (javax.crypto: no further
 * dependency; spring-security-crypto's AesBytesEncryptor offers no associated data). Each value is sealed with
 * a fresh 96-bit nonce and bound to where it is stored (its associated data: inspection and position), so a
 * ciphertext copied to another row does not open. The current key seals; it and the old keys open, by id.
 * Without a well-formed current key the service does not start.
 */
@Component
public class IdentityCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  /** A ciphertext and the id of the key that sealed it. */
  public record Sealed(String keyId, String text) {}

  private final SecureRandom random = new SecureRandom();
  private final String currentId;
  private final Map<String, SecretKey> keys = new HashMap<>();

  public IdentityCipher(IdentityProperties properties) {
    if (properties.key() == null || properties.key().isBlank()) {
      throw new IllegalStateException("jtai.identity.key (JTAI_IDENTITY_KEY) is not set: the children's identifying "
          + "details are encrypted with it. Make one with `openssl rand -base64 32` (docs/security.md, \"Identifying details\")");
    }
    if (properties.keyId() == null || !properties.keyId().matches("[A-Za-z0-9_.-]{1,32}")) {
      throw new IllegalStateException("jtai.identity.key-id must be 1 to 32 letters, digits, '.', '_' or '-'");
    }
    this.currentId = properties.keyId();
    keys.put(currentId, key("jtai.identity.key", properties.key()));
    properties.oldKeys().forEach((id, key) -> {
      if (!id.equals(currentId)) {
        keys.put(id, key("jtai.identity.old-keys." + id, key));
      }
    });
  }

  private static SecretKey key(String name, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(name + " is not base64");
    }
    if (bytes.length != 32) {
      throw new IllegalStateException(name + " must be 32 bytes (256 bits) in base64, not " + bytes.length);
    }
    return new SecretKeySpec(bytes, "AES");
  }

  /** A new random key, base64: what `openssl rand -base64 32` prints. */
  public static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  public String currentKeyId() {
    return currentId;
  }

  public Sealed seal(String plain, String associated) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return new Sealed(currentId, Base64.getEncoder().encodeToString(
          ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The plain text; refused (never a guess) for an unknown key, another row's ciphertext or a changed one. */
  public String open(Sealed sealed, String associated) {
    SecretKey key = keys.get(sealed.keyId());
    if (key == null) {
      throw new IllegalStateException("No key with id " + sealed.keyId() + " (jtai.identity.old-keys)");
    }
    byte[] bytes = Base64.getDecoder().decode(sealed.text());
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Identifying details that do not open with key " + sealed.keyId()
          + ": altered, or stored under another row", e);
    }
  }
}
