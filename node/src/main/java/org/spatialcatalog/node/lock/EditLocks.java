package org.spatialcatalog.node.lock;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.spatialcatalog.config.NodeIdentity;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code record_lock} table: take, renew, release and list edit locks.
 *
 * <p>Every statement is a single auto-committed INSERT, UPDATE or DELETE whose WHERE clause states
 * the condition under which it may act, so there is no read-then-write window: concurrent callers
 * on any nodes are serialised by the database's row locks and primary key.
 */
@Repository
class EditLocks {

  private static final int ATTEMPTS = 5;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration idleTimeout;
  private final String nodeId;

  EditLocks(JdbcClient jdbc, Clock clock, LockProperties properties, NodeIdentity identity) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.idleTimeout = properties.idleTimeout();
    this.nodeId = identity.nodeId();
  }

  /**
   * Takes or renews the lock of {@code recordId} for {@code holder}; throws a 409 {@link
   * EditLockException} naming the holder when another user holds it.
   */
  EditLock acquire(String recordId, String holder) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Instant now = Instant.now(clock);
      Timestamp expires = Timestamp.from(now.plus(idleTimeout));
      try {
        Optional<EditLock> taken = tryAcquire(recordId, holder, now);
        if (taken.isPresent()) {
          return taken.get();
        }
      } catch (TransientDataAccessException contended) {
        // Some databases report a lost row race as a lock or serialization failure: try again.
        continue;
      }
    }
    throw new EditLockException(409, "record " + recordId + " lock is contended; try again", null);
  }

  private Optional<EditLock> tryAcquire(String recordId, String holder, Instant now) {
    Timestamp expires = Timestamp.from(now.plus(idleTimeout));
    if (renew(recordId, holder, now)) {
      return current(recordId);
    }
    int takenOver =
        jdbc.sql(
                "UPDATE record_lock SET holder = ?, node_id = ?, acquired_at = ?,"
                    + " expires_at = ? WHERE record_id = ? AND expires_at <= ?")
            .params(holder, nodeId, Timestamp.from(now), expires, recordId, Timestamp.from(now))
            .update();
    if (takenOver == 1) {
      return current(recordId);
    }
    try {
      jdbc.sql(
              "INSERT INTO record_lock (record_id, holder, node_id, acquired_at, expires_at)"
                  + " VALUES (?, ?, ?, ?, ?)")
          .params(recordId, holder, nodeId, Timestamp.from(now), expires)
          .update();
      return current(recordId);
    } catch (DuplicateKeyException lost) {
      Optional<EditLock> other = current(recordId);
      // The row may have been released or may have expired since; then the caller tries again.
      if (other.isPresent() && !other.get().holder().equals(holder)) {
        throw new EditLockException(
            409,
            "record " + recordId + " is being edited: lock " + other.get().describe(),
            other.get());
      }
      return Optional.empty();
    }
  }

  /** Extends the holder's unexpired lock; false when the holder has none. */
  boolean renew(String recordId, String holder, Instant now) {
    return jdbc.sql(
                "UPDATE record_lock SET expires_at = ?, node_id = ? WHERE record_id = ?"
                    + " AND holder = ? AND expires_at > ?")
            .params(
                Timestamp.from(now.plus(idleTimeout)),
                nodeId,
                recordId,
                holder,
                Timestamp.from(now))
            .update()
        == 1;
  }

  /** Releases the holder's lock; false when the holder had none. */
  boolean release(String recordId, String holder) {
    return jdbc.sql("DELETE FROM record_lock WHERE record_id = ? AND holder = ?")
            .params(recordId, holder)
            .update()
        == 1;
  }

  /** Removes whatever lock the record has; false when it had none. */
  boolean forceRelease(String recordId) {
    return jdbc.sql("DELETE FROM record_lock WHERE record_id = ?").param(recordId).update() == 1;
  }

  /** The unexpired lock of a record. */
  Optional<EditLock> current(String recordId) {
    return jdbc.sql(
            "SELECT record_id, holder, node_id, acquired_at, expires_at FROM record_lock"
                + " WHERE record_id = ? AND expires_at > ?")
        .params(recordId, Timestamp.from(Instant.now(clock)))
        .query(EditLocks::map)
        .optional();
  }

  /** Every unexpired lock, oldest first. */
  List<EditLock> all() {
    return jdbc.sql(
            "SELECT record_id, holder, node_id, acquired_at, expires_at FROM record_lock"
                + " WHERE expires_at > ? ORDER BY acquired_at")
        .param(Timestamp.from(Instant.now(clock)))
        .query(EditLocks::map)
        .list();
  }

  Instant now() {
    return Instant.now(clock);
  }

  private static EditLock map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new EditLock(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getTimestamp(4).toInstant(),
        rs.getTimestamp(5).toInstant());
  }
}
