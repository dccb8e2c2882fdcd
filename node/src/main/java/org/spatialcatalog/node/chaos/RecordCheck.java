package org.spatialcatalog.node.chaos;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the history of one record key allows the database to hold: the last acknowledged write (or a
 * later one whose outcome is unknown), and nothing a refused write would have written.
 */
final class RecordCheck {

  private RecordCheck() {}

  /**
   * Null if {@code found} (the record's JSON summary, or null when absent) is allowed after {@code
   * ops}, otherwise what was expected against what was found.
   */
  static String violation(String uuid, List<History.Op> ops, JsonNode found) {
    int lastAck = -1;
    for (int i = 0; i < ops.size(); i++) {
      if (ops.get(i).outcome() == History.Outcome.ACKNOWLEDGED) {
        lastAck = i;
      }
    }
    List<History.Op> after = ops.subList(lastAck + 1, ops.size());
    boolean unknownAfter = after.stream().anyMatch(o -> o.outcome() == History.Outcome.UNKNOWN);
    boolean unknownDeleteAfter =
        after.stream()
            .anyMatch(o -> o.outcome() == History.Outcome.UNKNOWN && o.kind().equals("delete"));
    String foundText =
        found == null
            ? "absent"
            : "version "
                + found.path("version").asLong()
                + " '"
                + found.path("title").asString()
                + "'";
    if (lastAck < 0) {
      if (!unknownAfter && found != null) {
        return uuid
            + ": every write was refused ("
            + ops.get(0).detail()
            + "), expected absent, found "
            + foundText;
      }
      return null;
    }
    History.Op acked = ops.get(lastAck);
    if (acked.kind().equals("delete")) {
      return found == null
          ? null
          : uuid + ": delete acknowledged (op " + acked.seq() + "), found " + foundText;
    }
    if (found == null) {
      return unknownDeleteAfter
          ? null
          : uuid
              + ": "
              + acked.kind()
              + " acknowledged at version "
              + acked.version()
              + " (op "
              + acked.seq()
              + " on node "
              + acked.node()
              + "), found absent";
    }
    if (found.path("version").asLong() < acked.version()) {
      return uuid + ": expected version >= " + acked.version() + ", found " + foundText;
    }
    if (!unknownAfter && !acked.value().equals(found.path("title").asString())) {
      return uuid
          + ": expected '"
          + acked.value()
          + "' (op "
          + acked.seq()
          + "), found "
          + foundText;
    }
    return null;
  }
}
