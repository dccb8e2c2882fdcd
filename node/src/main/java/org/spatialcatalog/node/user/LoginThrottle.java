package org.spatialcatalog.node.user;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection: after {@code maxFailedLogins} failures in a row a user name is refused
 * for {@code lockout}, on every node (the count is in the shared database).
 *
 * <p>Names are counted whether or not such a user exists, so the lock-out cannot be used to
 * discover user names. A success clears the count.
 */
@Component
class LoginThrottle {

  // Longer names are cut so that a huge submitted name cannot overflow the column.
  private static final int MAX_NAME = 100;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final int maxFailures;
  private final Duration lockout;

  LoginThrottle(JdbcClient jdbc, Clock clock, SecurityProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.maxFailures = properties.maxFailedLogins();
    this.lockout = properties.lockout();
  }

  /** Throws {@link LoginLockedException} while the name is locked out. */
  void check(String username) {
    Optional<Timestamp> until =
        jdbc.sql("SELECT locked_until FROM login_failure WHERE username = ?")
            .param(key(username))
            .query(Timestamp.class)
            .optional();
    Instant now = Instant.now(clock);
    if (until.isPresent() && until.get().toInstant().isAfter(now)) {
      throw new LoginLockedException(Duration.between(now, until.get().toInstant()));
    }
  }

  void failed(String username) {
    String key = key(username);
    if (increment(key) == 0) {
      try {
        jdbc.sql("INSERT INTO login_failure (username, failures) VALUES (?, 0)").param(key)
            .update();
      } catch (DuplicateKeyException raced) {
        // Another node counted a failure for the same name first; count ours on its row.
      }
      increment(key);
    }
    Instant now = Instant.now(clock);
    jdbc.sql("UPDATE login_failure SET failures = 0, locked_until = ? WHERE username = ?"
            + " AND failures >= ?")
        .params(Timestamp.from(now.plus(lockout)), key, maxFailures)
        .update();
  }

  void succeeded(String username) {
    jdbc.sql("DELETE FROM login_failure WHERE username = ?").param(key(username)).update();
  }

  private int increment(String key) {
    return jdbc.sql("UPDATE login_failure SET failures = failures + 1 WHERE username = ?")
        .param(key)
        .update();
  }

  private static String key(String username) {
    String name = username == null ? "" : username;
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
  }
}
