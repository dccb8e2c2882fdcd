package org.spatialcatalog.node.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * The log line for a batch of changes that became searchable late on this node, saying where the
 * time went: before the cycle that applied them began (a notification or a poll that came late, or
 * an earlier cycle, a rebuild or a verify holding the index), or in the cycle's reads of the change
 * log with the records, the building of documents or the index. A visibility p99 is decided by a
 * few such moments (docs/benchmarks.md, fifteenth step). At most one line per {@link #QUIET}, so a
 * node that falls behind does not flood its log.
 */
final class SlowApplyLog {

  /** A batch whose oldest change waited longer than this to be applied is logged. */
  static final Duration SLOW = Duration.ofMillis(500);

  /** The least time between two lines. */
  static final Duration QUIET = Duration.ofSeconds(5);

  private Instant lastLine;

  /** Times of one cycle's steps, in milliseconds. */
  record Cycle(Instant began, long readMs, int records, long documentsMs, long indexMs) {}

  /**
   * The line for {@code changes} changes whose oldest was committed at {@code oldestCommit} and
   * which {@code cycle} applied by {@code now}; null when they were not late, or when a line was
   * returned less than {@link #QUIET} before.
   */
  synchronized String line(Instant oldestCommit, int changes, Cycle cycle, Instant now) {
    long waited = Duration.between(oldestCommit, now).toMillis();
    if (waited <= SLOW.toMillis()) {
      return null;
    }
    if (lastLine != null && Duration.between(lastLine, now).compareTo(QUIET) < 0) {
      return null;
    }
    lastLine = now;
    return String.format(
        "changes searchable late: %d change(s), the oldest committed %d ms before; the cycle"
            + " began %d ms after that commit, read the change log with %d record(s) in %d ms,"
            + " built their documents in %d ms and wrote them to the index in %d ms",
        changes,
        waited,
        Duration.between(oldestCommit, cycle.began()).toMillis(),
        cycle.records(),
        cycle.readMs(),
        cycle.documentsMs(),
        cycle.indexMs());
  }
}
