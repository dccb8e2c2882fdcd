package org.spatialcatalog.node.chaos;

import tools.jackson.databind.JsonNode;

/**
 * Reads one harvest job's events (oldest first) as a state machine: each event starts from the
 * state the previous one ended in, a job is claimed (→ RUNNING) only when nobody holds it, and only
 * the node holding it ends it SUCCEEDED. A zombie that wrote after losing its lease breaks one of
 * these. An event whose state does not change ({@code RUNNING -> RUNNING}) is a note (a worker's
 * remark, a cancel request taken by any node) and neither claims nor releases the job.
 */
final class JobEvents {

  private JobEvents() {}

  /** Null when the events are consistent, otherwise the first inconsistency. */
  static String violation(String jobId, JsonNode events) {
    String state = null;
    String holder = null;
    int i = 0;
    for (JsonNode e : events) {
      i++;
      String from = text(e.path("from"));
      String to = text(e.path("to"));
      String node = text(e.path("node"));
      String where =
          "job "
              + jobId
              + " event "
              + i
              + " ("
              + text(e.path("at"))
              + ", "
              + from
              + " -> "
              + to
              + " by "
              + node
              + ", "
              + text(e.path("reason"))
              + ")";
      if (state != null && !from.isEmpty() && !from.equals(state)) {
        return where + ": the job was " + state;
      }
      if (from.equals(to)) {
        continue;
      }
      if (to.equals("RUNNING")) {
        if (holder != null) {
          return where + ": still held by " + holder;
        }
        holder = node;
      } else {
        if ("RUNNING".equals(state) && to.equals("SUCCEEDED") && !node.equals(holder)) {
          return where + ": held by " + holder;
        }
        holder = null;
      }
      state = to;
    }
    return null;
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode() ? "" : value.asString();
  }
}
