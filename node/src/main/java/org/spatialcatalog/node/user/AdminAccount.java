package org.spatialcatalog.node.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * The configured {@code admin} account (password from {@code catalog.admin-password}), which
 * scripts use with HTTP Basic and which exists before any user is created.
 *
 * <p>Why not BCrypt: the password is in this node's configuration, not in the user table, and
 * scripts send it on every request; a constant-time comparison of SHA-256 digests gives the same
 * answer without tens of milliseconds of CPU per request, and leaks neither length nor content
 * through timing.
 */
public final class AdminAccount {

  public static final String USERNAME = "admin";
  static final CatalogUser USER = new CatalogUser(0, USERNAME, Profile.ADMINISTRATOR, Set.of());

  private final byte[] expectedDigest;

  public AdminAccount(String password) {
    this.expectedDigest = digest(password);
  }

  boolean matches(String password) {
    return MessageDigest.isEqual(expectedDigest, digest(password == null ? "" : password));
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
