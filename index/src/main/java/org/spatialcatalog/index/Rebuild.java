package org.spatialcatalog.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LiveIndexWriterConfig;

/**
 * Replaces the whole content of a writer with a stream of records, tuned for throughput.
 *
 * <p>Nothing is committed here: until the caller commits, the previous commit is intact and a
 * rollback undoes the rebuild. Plain adds instead of updates skip the per-document id lookup (the
 * index is empty after {@code deleteAll}), and a larger RAM buffer during the rebuild means fewer,
 * larger segments to flush and merge.
 *
 * <p>{@link #INDEXERS} threads take records from the stream and add them: the caller's and {@code
 * INDEXERS - 1} of their own. An {@link IndexWriter} takes documents from several threads at once,
 * each into a segment of its own, so a rebuild is not bound to what one core indexes. The order of
 * the documents in the index is therefore not the stream's; nothing relies on it (every sort ends
 * with the record id).
 */
final class Rebuild {

  // The default 16 MB flushes many tiny segments and pays for merging them afterwards.
  static final double RAM_BUFFER_MB = 256;

  /**
   * Threads that add documents. With one, the indexing thread was the slowest step of a rebuild on
   * two cores while the machine stayed 14-20 % idle (issue 11, twelfth step).
   */
  static final int INDEXERS = 2;

  private Rebuild() {}

  /**
   * Returns the records that Lucene refused without harm to the writer and that were indexed
   * minimally instead (see {@link QuarantinedRecord}). A failure of the stream or of the writer on
   * any indexing thread stops them all and is thrown here, the first one if several failed.
   */
  static List<QuarantinedRecord> replaceContent(IndexWriter writer, Iterator<IndexedRecord> records)
      throws IOException {
    List<QuarantinedRecord> quarantined = Collections.synchronizedList(new ArrayList<>());
    LiveIndexWriterConfig config = writer.getConfig();
    double normalBuffer = config.getRAMBufferSizeMB();
    config.setRAMBufferSizeMB(RAM_BUFFER_MB);
    try {
      writer.deleteAll();
      Source source = new Source(records);
      List<Thread> helpers = new ArrayList<>();
      for (int i = 1; i < INDEXERS; i++) {
        Thread t = new Thread(() -> source.indexInto(writer, quarantined), "index-rebuild-" + i);
        t.setDaemon(true);
        helpers.add(t);
        t.start();
      }
      source.indexInto(writer, quarantined);
      for (Thread t : helpers) {
        joinUninterruptibly(t);
      }
      source.rethrowFailure();
    } finally {
      config.setRAMBufferSizeMB(normalBuffer);
    }
    return new ArrayList<>(quarantined);
  }

  /**
   * Waits for a helper even when interrupted: the caller rolls the writer back after a failure, and
   * must not do so while a helper still adds to it. A helper stops at its next record once a
   * failure is recorded.
   */
  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The stream shared by the indexing threads, and the first failure of any of them. */
  private static final class Source {
    private final Iterator<IndexedRecord> records;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Source(Iterator<IndexedRecord> records) {
      this.records = records;
    }

    /** The next record, or null at the end or once any thread failed. */
    private IndexedRecord next() {
      synchronized (records) {
        if (failure.get() != null || !records.hasNext()) {
          return null;
        }
        return records.next();
      }
    }

    /**
     * Adds records until the stream ends or a thread fails, then flushes one in-memory segment;
     * records its own failure.
     *
     * <p>The flush: with the rebuild's large buffer every document is still in memory when the
     * stream ends, and the commit after it would write all of it out on one thread. Each indexing
     * thread writing one buffer to disk as it finishes (Lucene's {@link
     * IndexWriter#flushNextBuffer}, which takes the largest buffer not yet flushing) makes that
     * work parallel, and leaves the commit little to flush.
     */
    void indexInto(IndexWriter writer, List<QuarantinedRecord> quarantined) {
      try {
        for (IndexedRecord record = next(); record != null; record = next()) {
          add(writer, record, quarantined);
        }
        if (failure.get() == null) {
          writer.flushNextBuffer();
        }
      } catch (IOException | RuntimeException | Error e) {
        failure.compareAndSet(null, e);
      }
    }

    private static void add(
        IndexWriter writer, IndexedRecord record, List<QuarantinedRecord> quarantined)
        throws IOException {
      try {
        writer.addDocument(RecordFields.toDocument(record));
      } catch (RuntimeException e) {
        if (writer.getTragicException() != null) {
          throw e;
        }
        String reason = RecordIndex.reason(e);
        writer.addDocument(RecordFields.minimalDocument(record, reason));
        quarantined.add(
            new QuarantinedRecord(
                record.id(), record.version(), RecordFields.shorten(reason, 500)));
      }
    }

    void rethrowFailure() throws IOException {
      Throwable e = failure.get();
      if (e instanceof IOException io) {
        throw io;
      } else if (e instanceof RuntimeException re) {
        throw re;
      } else if (e instanceof Error error) {
        throw error;
      }
    }
  }
}
