package org.spatialcatalog.node.user;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks a password against a stored BCrypt hash, remembering per user name the last password that
 * matched, so that a script sending the same credentials with every request (HTTP Basic) costs one
 * BCrypt check, not one per request: BCrypt takes tens of milliseconds of CPU by design.
 *
 * <p>A remembered password only counts while the stored hash is still the one it matched: the
 * caller reads the hash from the shared database on every request, so a password changed on any
 * node is refused everywhere at once. What is kept is not the password but its HMAC-SHA256 under a
 * key drawn at random when the node starts, compared in constant time; a wrong password is always
 * checked with BCrypt and never remembered. At most {@link #MAX_NAMES} names are kept; beyond that
 * the memory is emptied and fills again.
 */
@Component
class VerifiedPasswords {

  static final int MAX_NAMES = 10_000;

  private record Verified(String hash, byte[] mac) {}

  private final PasswordEncoder encoder;
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;
  private final Map<String, Verified> byName = new ConcurrentHashMap<>();

  VerifiedPasswords(PasswordEncoder encoder) {
    this.encoder = encoder;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** Whether {@code password} matches {@code hash}, the stored hash of {@code name}'s password. */
  boolean matches(String name, String password, String hash) {
    byte[] mac = macs.get().doFinal(password.getBytes(StandardCharsets.UTF_8));
    Verified last = byName.get(name);
    if (last != null && last.hash().equals(hash) && MessageDigest.isEqual(last.mac(), mac)) {
      return true;
    }
    if (!encoder.matches(password, hash)) {
      return false;
    }
    if (byName.size() >= MAX_NAMES) {
      byName.clear();
    }
    byName.put(name, new Verified(hash, mac));
    return true;
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
