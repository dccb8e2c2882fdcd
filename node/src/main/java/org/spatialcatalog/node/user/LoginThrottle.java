package org.spatialcatalog.node.user;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.config.NodeIdentity;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brute-force protection: after {@code maxFailedLogins} failures in a row for one user name from
 * one source address, that pair is refused for {@code lockout}, on every node (the count is in the
 * shared database).
 *
 * <p>The pair, not the name alone, is counted so that a stranger's failures cannot lock the real
 * user out from their own address. Names are counted whether or not such a user exists, so the
 * lock-out cannot be used to discover user names. Failures and lock-outs are logged at WARN with
 * name, address and node.
 *
 * <p>Atomicity: a failure is counted by one {@code UPDATE … SET failures = failures + 1} (or the
 * first {@code INSERT}, retried as an update when another node inserted first), which also sets the
 * lock-out when the count reaches the limit, so no concurrent failure on any node is lost. Once a
 * pair has a failure on record, its further attempts are checked one at a time under the row's lock
 * ({@code SELECT … FOR UPDATE}), so no more than the limit of passwords can be tried before the
 * lock-out; only the very first burst of a pair with a clean record is checked in parallel (all of
 * it is counted). Pairs without failures, the normal case, cost one read; a caller may take that
 * read into its own query of the credential ({@link #ON_RECORD_COLUMN}), as the admin account does.
 */
@Component
class LoginThrottle {

  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
  // Longer names are cut so that a huge submitted name cannot overflow the column.
  private static final int MAX_NAME = 100;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final int maxFailures;
  private final Duration lockout;
  private final String nodeId;

  LoginThrottle(
      JdbcClient jdbc,
      TransactionTemplate tx,
      Clock clock,
      SecurityProperties properties,
      NodeIdentity identity) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
    this.maxFailures = properties.maxFailedLogins();
    this.lockout = properties.lockout();
    this.nodeId = identity.nodeId();
  }

  /**
   * A column for a caller's own query of a credential: 1 when the pair has a row in {@code
   * login_failure} (failures on record, or a lock-out that ran out), 0 for a clean record. Its
   * parameters are {@link #onRecordParams}. With it, the credential and the throttle's first read
   * cost one statement; the caller passes {@code > 0} on to {@link #attempt(String, String,
   * boolean, Supplier)}.
   */
  static final String ON_RECORD_COLUMN =
      "(SELECT COUNT(*) FROM login_failure WHERE username = ? AND address = ?)";

  /** The parameters of {@link #ON_RECORD_COLUMN}, in order, for this pair. */
  static Object[] onRecordParams(String username, String address) {
    return new Object[] {key(username), address};
  }

  private record Row(int failures, Timestamp lockedUntil) {}

  /**
   * Runs {@code verify} (null: wrong credentials) for {@code username} from {@code address} under
   * the throttle; throws {@link LoginLockedException} while the pair is locked out.
   */
  CatalogUser attempt(String username, String address, Supplier<CatalogUser> verify) {
    return attempt(username, address, read(key(username), address, false).isPresent(), verify);
  }

  /**
   * {@link #attempt(String, String, Supplier)} for a caller that has just read whether the pair has
   * failures on record ({@link #ON_RECORD_COLUMN}). With none, {@code verify} runs at once;
   * otherwise the pair is read again under its row lock, and {@code verify} runs under it.
   */
  CatalogUser attempt(
      String username, String address, boolean onRecord, Supplier<CatalogUser> verify) {
    String name = key(username);
    if (!onRecord) {
      CatalogUser user = verify.get();
      if (user == null) {
        countFailure(name, address);
      }
      return user;
    }
    Object outcome =
        tx.execute(
            status -> {
              Optional<Row> locked = read(name, address, true);
              Instant now = Instant.now(clock);
              if (locked.isPresent() && locked.get().lockedUntil() != null) {
                Instant until = locked.get().lockedUntil().toInstant();
                if (until.isAfter(now)) {
                  return Duration.between(now, until);
                }
                // A lock-out that has run out starts a fresh count.
                jdbc.sql(
                        "UPDATE login_failure SET failures = 0, locked_until = NULL"
                            + " WHERE username = ? AND address = ?")
                    .params(name, address)
                    .update();
              }
              CatalogUser user = verify.get();
              if (user == null) {
                countFailure(name, address);
                return null;
              }
              jdbc.sql("DELETE FROM login_failure WHERE username = ? AND address = ?")
                  .params(name, address)
                  .update();
              return user;
            });
    if (outcome instanceof Duration wait) {
      throw new LoginLockedException(wait);
    }
    return (CatalogUser) outcome;
  }

  private Optional<Row> read(String name, String address, boolean forUpdate) {
    return jdbc.sql(
            "SELECT failures, locked_until FROM login_failure"
                + " WHERE username = ? AND address = ?"
                + (forUpdate ? " FOR UPDATE" : ""))
        .params(name, address)
        .query((rs, i) -> new Row(rs.getInt(1), rs.getTimestamp(2)))
        .optional();
  }

  /** Counts one failure atomically, locking the pair out when it reaches the limit. */
  private void countFailure(String name, String address) {
    log.warn("failed login: user '{}' from {} on {}", name, address, nodeId);
    // Whole milliseconds, which every database stores exactly: reading this value back below
    // tells that it was this failure that reached the limit.
    Timestamp until =
        Timestamp.from(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS).plus(lockout));
    for (int tries = 0; ; tries++) {
      int updated =
          jdbc.sql(
                  "UPDATE login_failure SET failures = failures + 1,"
                      + " locked_until = CASE WHEN failures + 1 = ? THEN ? ELSE locked_until END"
                      + " WHERE username = ? AND address = ?")
              .params(maxFailures, until, name, address)
              .update();
      if (updated == 1) {
        break;
      }
      try {
        jdbc.sql(
                "INSERT INTO login_failure (username, address, failures, locked_until)"
                    + " VALUES (?, ?, 1, ?)")
            .params(name, address, maxFailures == 1 ? until : null)
            .update();
        break;
      } catch (DuplicateKeyException raced) {
        // Another node counted the pair's first failure at the same time: count on its row.
        if (tries == 3) {
          throw raced;
        }
      }
    }
    // Not "failures == limit": concurrent failures on other nodes may have counted past the limit
    // before this read, and then no one would log the lock-out. Exactly one failure sets it.
    read(name, address, false)
        .filter(
            r -> r.lockedUntil() != null && r.lockedUntil().toInstant().equals(until.toInstant()))
        .ifPresent(
            r ->
                log.warn(
                    "login locked out: user '{}' from {} on {} after {} failed"
                        + " logins, for {} s",
                    name,
                    address,
                    nodeId,
                    maxFailures,
                    lockout.toSeconds()));
  }

  private static String key(String username) {
    String name = username == null ? "" : username;
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
  }
}
