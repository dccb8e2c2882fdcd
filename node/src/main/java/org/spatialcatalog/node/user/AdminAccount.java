package org.spatialcatalog.node.user;

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
 * <p>Scripts send the password with every request, and BCrypt costs tens of milliseconds of CPU:
 * the last verified password is remembered against the hash it matched ({@link VerifiedPasswords}),
 * and only believed while the stored hash, read on every request, is still that one. The same
 * statement reads whether the caller's address has failed logins as admin on record ({@link
 * #loadForLogin}), so that a request with the right password costs one statement.
 */
@Component
public class AdminAccount {

  private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);
  public static final String USERNAME = "admin";

  private record Stored(String hash, long revision) {}

  /**
   * The stored credential, and whether the address has failed logins as admin on record ({@link
   * LoginThrottle#ON_RECORD_COLUMN}), read together.
   */
  record Login(String hash, long revision, boolean failuresOnRecord) {}

  private final JdbcClient jdbc;
  private final PasswordEncoder encoder;
  private final VerifiedPasswords passwords;

  AdminAccount(
      JdbcClient jdbc,
      PasswordEncoder encoder,
      VerifiedPasswords passwords,
      CatalogProperties properties) {
    this.jdbc = jdbc;
    this.encoder = encoder;
    this.passwords = passwords;
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
    return load().map(stored -> check(password, stored.hash(), stored.revision())).orElse(null);
  }

  /** The admin user if {@code password} matches the credential {@code login} read, else null. */
  CatalogUser check(String password, Login login) {
    return check(password, login.hash(), login.revision());
  }

  private CatalogUser check(String password, String hash, long revision) {
    return passwords.matches(USERNAME, password == null ? "" : password, hash)
        ? user(revision)
        : null;
  }

  /**
   * The stored credential, read together with whether {@code address} has failed logins as admin on
   * record; empty before the credential is stored.
   */
  Optional<Login> loadForLogin(String address) {
    return jdbc.sql(
            "SELECT password_hash, revision, "
                + LoginThrottle.ON_RECORD_COLUMN
                + " FROM admin_credential WHERE id = 1")
        .params(LoginThrottle.onRecordParams(USERNAME, address))
        .query((rs, i) -> new Login(rs.getString(1), rs.getLong(2), rs.getLong(3) > 0))
        .optional();
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
}
