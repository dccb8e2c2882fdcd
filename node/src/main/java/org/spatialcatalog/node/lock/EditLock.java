package org.spatialcatalog.node.lock;

import java.time.Instant;

/**
 * The edit lock of a record.
 *
 * @param recordId the internal id of the locked record
 * @param holder the user name that holds it
 * @param node the node that last took or renewed it
 * @param acquired when the holder took it
 * @param expires when it lapses unless renewed
 */
public record EditLock(
    String recordId, String holder, String node, Instant acquired, Instant expires) {

  /** "held by alice (node node-2) since 2026-11-23T12:03:11Z", for error messages. */
  String describe() {
    return "held by " + holder + " (node " + node + ") since " + acquired + ", expires " + expires;
  }
}
