package org.spatialcatalog.node.datadir;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cluster-wide turns for the uploads of one attachment name of one record: a row of the shared
 * table {@code attachment_name}, locked with {@code SELECT … FOR UPDATE} for as long as the work
 * runs. Uploads on any node that hold the same name's lock never overlap.
 *
 * <p>Why the database and not the file system: the shared directory may be NFS, where file locks
 * depend on the server's lock service; every node already shares the database, and its row locks
 * are released when a node dies (its connection closes). The row is created on first use and kept,
 * so later uploads of the name only lock it; a record's rows go with its files ({@link #forget}).
 * Keep the work short: the lock holds a pooled connection.
 *
 * <p>Thread-safe; holds no state of its own.
 */
final class AttachmentNameLocks {

  /** Work done while the name is locked. */
  interface Work<T> {
    T run() throws IOException;
  }

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  AttachmentNameLocks(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** Runs {@code work} while no other upload of {@code name} to the record runs, on any node. */
  <T> T holding(String recordId, AttachmentName name, Work<T> work) throws IOException {
    while (true) {
      Done<T> done;
      try {
        done =
            tx.execute(
                status -> {
                  boolean locked =
                      jdbc.sql(
                              "SELECT record_id FROM attachment_name"
                                  + " WHERE record_id = ? AND name = ? FOR UPDATE")
                          .params(recordId, name.value())
                          .query(String.class)
                          .optional()
                          .isPresent();
                  if (!locked) {
                    return null;
                  }
                  try {
                    return new Done<>(work.run());
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      if (done != null) {
        return done.value();
      }
      // First upload of the name (or the record's rows were just removed): create the row, then
      // lock it.
      create(recordId, name);
    }
  }

  private record Done<T>(T value) {}

  /** Removes the rows of a record whose files are being deleted. */
  void forget(String recordId) {
    jdbc.sql("DELETE FROM attachment_name WHERE record_id = ?").param(recordId).update();
  }

  private void create(String recordId, AttachmentName name) {
    try {
      jdbc.sql("INSERT INTO attachment_name (record_id, name) VALUES (?, ?)")
          .params(recordId, name.value())
          .update();
    } catch (DuplicateKeyException raced) {
      // Another node created it at the same moment; locking it is all that is needed.
      return;
    }
  }
}
