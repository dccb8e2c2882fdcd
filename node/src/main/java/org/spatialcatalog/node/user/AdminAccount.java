package org.spatialcatalog.node.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.config.CatalogProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The configured {@code admin} account, which scripts use with HTTP Basic and which exists before
 * any user is created. Its password is the same on every node: its BCrypt hash lives in the shared
 * database ({@code admin_credential}).
 *
 * <p>The first node to start against an empty database stores the hash of {@code
 * catalog.admin-password}, or of a generated password that only that node logs. Every later node
 * uses the stored hash: started without {@code catalog.admin-password} it simply uses it; started
 * with a different one it refuses to start, so that no node can answer the same credentials
 * differently from the others. {@code PUT /api/me/password} changes it for the whole cluster.
 *
 * <p>Why a cache: scripts send the password on every request, and BCrypt costs tens of milliseconds
 * of CPU. The last verified password is kept as a SHA-256 digest together with the hash it matched;
 * it is only believed while the stored hash is still that one, and is compared in constant time.
 */
@Component
public class AdminAccount {

  private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);
  public static final String USERNAME = "admin";

  private record Stored(String hash, long revision) {}

  private record Verified(String hash, byte[] digest) {}

  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private volatile Verified verified;

  AdminAccount(JdbcClient jdbc, PasswordEncoder encoder, CatalogProperties properties) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    establish(properties.adminPassword());
  }

  private void establish(String configured) {
    boolean given = configured != null && !configured.isBlank();
    Optional<Stored> stored = load();
    if (stored.isEmpty()) {
      String password = given ? configured : generated();
      try {
        jdbc.sql("INSERT INTO admin_credential (id, password_hash, revision) VALUES (1, ?, 1)")
            .param(encoder.encode(password))
            .update();
        if (!given) {
          log.warn(
              "No admin password configured or stored; generated one for the whole cluster"
                  + " and stored its hash in the shared database: {}",
              password);
        }
        return;
      } catch (DuplicateKeyException raced) {
        // Another node stored its password first; that one is the cluster's.
        stored = load();
      }
    }
    if (given && !encoder.matches(configured, stored.orElseThrow().hash())) {
      throw new IllegalStateException(
          "catalog.admin-password (--admin-password) differs from the"
              + " admin password stored in the shared database; start without it to use the stored"
              + " one (change it with PUT /api/me/password)");
    }
    if (!given) {
      log.info("admin password: the one stored in the shared database");
    }
  }

  /** The admin user if {@code password} is the admin password, else null. */
  CatalogUser check(String password) {
    Stored stored = load().orElse(null);
    if (stored == null) {
      return null;
    }
    byte[] digest = digest(password == null ? "" : password);
    Verified last = verified;
    if (last != null
        && last.hash().equals(stored.hash())
        && MessageDigest.isEqual(last.digest(), digest)) {
      return user(stored.revision());
    }
    if (encoder.matches(password == null ? "" : password, stored.hash())) {
      verified = new Verified(stored.hash(), digest);
      return user(stored.revision());
    }
    return null;
  }

  /** The revision of the admin credential; a session of an older revision has ended. */
  long revision() {
    return load().map(Stored::revision).orElse(-1L);
  }

  void changePassword(String password) {
    jdbc.sql("UPDATE admin_credential SET password_hash = ?, revision = revision + 1 WHERE id = 1")
        .param(encoder.encode(password))
        .update();
  }

  static CatalogUser user(long revision) {
    return new CatalogUser(0, USERNAME, Profile.ADMINISTRATOR, Set.of(), revision);
  }

  private Optional<Stored> load() {
    return jdbc.sql("SELECT password_hash, revision FROM admin_credential WHERE id = 1")
        .query((rs, i) -> new Stored(rs.getString(1), rs.getLong(2)))
        .optional();
  }

  private static String generated() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
