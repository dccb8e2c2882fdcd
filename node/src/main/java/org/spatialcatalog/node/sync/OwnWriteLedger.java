package org.spatialcatalog.node.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.spatialcatalog.index.IndexedRecord;
import org.spatialcatalog.node.changelog.Change;

/**
 * This node's own writes from their hand-over by the request until the log path passes them.
 * Thread-safe: request threads add and look up, {@code index-sync} drains and takes. Held in memory
 * only: after a restart the change log brings every write back.
 */
final class OwnWriteLedger {

  /** One own write; {@code document} is null for a deletion. */
  static final class Entry {
    final long seq;
    final String id;
    final long version;
    final IndexedRecord document;

    /** When it was written, as the writing request saw it: where its visibility delay starts. */
    final Instant committedAt;

    /** The index generation that holds it once applied, -1 before. */
    volatile long generation = -1;

    Entry(long seq, String id, long version, IndexedRecord document, Instant committedAt) {
      this.seq = seq;
      this.id = id;
      this.version = version;
      this.document = document;
      this.committedAt = committedAt;
    }

    boolean applied() {
      return generation >= 0;
    }
  }

  private final Map<Long, Entry> bySeq = new ConcurrentHashMap<>();
  private final Queue<Entry> toApply = new ConcurrentLinkedQueue<>();

  void add(Entry entry) {
    bySeq.put(entry.seq, entry);
    toApply.add(entry);
  }

  /** The own write of change {@code seq}, or null (not an own write, or the log passed it). */
  Entry find(long seq) {
    return bySeq.get(seq);
  }

  /**
   * The writes handed over since the last call that the log has not passed yet; those it passed
   * ({@code seq <= checkpoint}) are forgotten, since the log path applied them.
   */
  List<Entry> drainAbove(long checkpoint) {
    List<Entry> result = new ArrayList<>();
    for (Entry e = toApply.poll(); e != null; e = toApply.poll()) {
      if (e.seq <= checkpoint) {
        bySeq.remove(e.seq);
      } else {
        result.add(e);
      }
    }
    return result;
  }

  /**
   * Whether change {@code c} is an own write that was applied as it is: the index holds the record
   * at the change's version, and the change need not be read back.
   */
  boolean appliedAsIs(Change c) {
    Entry e = bySeq.get(c.seq());
    return e != null && e.applied() && e.id.equals(c.recordId()) && e.version == c.recordVersion();
  }

  /** Forgets the own writes among {@code changes}: the log path has passed them. */
  void forget(List<Change> changes) {
    changes.forEach(c -> bySeq.remove(c.seq()));
  }

  /** Whether no own write is waiting for the log to pass it. */
  boolean isEmpty() {
    return bySeq.isEmpty() && toApply.isEmpty();
  }

  /** Forgets every own write, so the log path reads them like any other change. */
  void clear() {
    bySeq.clear();
  }
}
