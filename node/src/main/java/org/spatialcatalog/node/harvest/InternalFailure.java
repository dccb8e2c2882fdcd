package org.spatialcatalog.node.harvest;

import org.springframework.dao.DataAccessException;

/**
 * Words an unexpected failure for a job's {@code error}, which operators and webhooks read: the
 * kind of failure and where to look, never SQL text, table names or bound values (those stay in the
 * node's log, next to the stack trace).
 */
final class InternalFailure {

  private InternalFailure() {}

  static String describe(Throwable e, String nodeId) {
    String where = "; details in the log of node " + nodeId;
    if (e instanceof DataAccessException) {
      return "internal error: the database refused a write of this job ("
          + e.getClass().getSimpleName()
          + ")"
          + where;
    }
    if (e instanceof OutOfMemoryError) {
      return "internal error: out of memory while harvesting (an answer too large for this"
          + " node's heap; lower catalog.harvest.max-response-size, catalog.max-record-size or catalog.harvest.batch-size)"
          + where;
    }
    if (e instanceof StackOverflowError) {
      return "internal error: stack overflow while harvesting (a source answer nested too"
          + " deeply)"
          + where;
    }
    String message = e.getMessage();
    boolean safe =
        message != null
            && message.length() <= 300
            && !message.matches(
                "(?is).*\\b(select|insert|update|delete)\\b.*\\b(from|into|set)\\b.*");
    return "internal error: " + e.getClass().getSimpleName() + (safe ? ": " + message : "") + where;
  }
}
