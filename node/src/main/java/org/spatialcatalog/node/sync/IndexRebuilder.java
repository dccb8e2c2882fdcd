package org.spatialcatalog.node.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.index.IndexedRecord;
import org.spatialcatalog.index.QuarantinedRecord;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.node.changelog.ChangeLog;
import org.spatialcatalog.node.record.RecordRepository;
import org.springframework.stereotype.Component;

/**
 * Rebuilds this node's index from the database.
 *
 * <p>The change-log head is read before the records, and becomes the index checkpoint: a change
 * committed during the rebuild is either already in what was read, or is replayed afterwards
 * (applying is idempotent). Reading the database and writing the index run on two threads, so a
 * rebuild uses both cores. Searches see the old index until the rebuild is complete. Callers hold
 * the index write lock ({@link IndexSynchronizer#exclusively}).
 */
@Component
public class IndexRebuilder {

  private static final Logger log = LoggerFactory.getLogger(IndexRebuilder.class);
  private static final IndexedRecord END =
      new IndexedRecord("end-of-rebuild", "end", "none", "end", "", null, null, Instant.EPOCH, 0);

  private final RecordIndex index;
  private final ChangeLog changeLog;
  private final RecordRepository records;

  private final RecordDocuments documents;

  IndexRebuilder(
      RecordIndex index, ChangeLog changeLog, RecordRepository records, RecordDocuments documents) {
    this.documents = documents;
    this.index = index;
    this.changeLog = changeLog;
    this.records = records;
  }

  /** What a rebuild did. */
  public record Result(
      long records, long checkpoint, Duration took, List<QuarantinedRecord> quarantined) {
    public double recordsPerSecond() {
      return took.isZero() ? records : records * 1000.0 / Math.max(1, took.toMillis());
    }

    /** The answer of a rebuild request, the same whether the node was asked directly or not. */
    public java.util.Map<String, Object> answer() {
      java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
      body.put("records", records);
      body.put("checkpoint", checkpoint);
      body.put("millis", took.toMillis());
      body.put("recordsPerSecond", Math.round(recordsPerSecond()));
      body.put("quarantined", quarantined);
      return body;
    }
  }

  Result rebuild() {
    long started = System.nanoTime();
    long head = changeLog.head();
    BlockingQueue<IndexedRecord> queue = new ArrayBlockingQueue<>(4096);
    AtomicReference<RuntimeException> readFailure = new AtomicReference<>();
    AtomicLong count = new AtomicLong();
    Thread reader =
        new Thread(
            () -> {
              try {
                records.forEachWithXml(
                    (r, xml) -> {
                      put(queue, documents.of(r, xml));
                      count.incrementAndGet();
                    });
              } catch (RuntimeException e) {
                readFailure.set(e);
              } finally {
                put(queue, END);
              }
            },
            "index-rebuild-reader");
    reader.setDaemon(true);
    reader.start();
    List<QuarantinedRecord> quarantined;
    try {
      quarantined = index.replaceAll(new QueueIterator(queue, readFailure), head);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("index rebuild failed", e);
    }
    Result result =
        new Result(count.get(), head, Duration.ofNanos(System.nanoTime() - started), quarantined);
    log.info(
        "index rebuilt from the database: {} records in {} ms ({} records/s), checkpoint {}",
        result.records(),
        result.took().toMillis(),
        Math.round(result.recordsPerSecond()),
        head);
    return result;
  }

  private static void put(BlockingQueue<IndexedRecord> queue, IndexedRecord record) {
    try {
      queue.put(record);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("rebuild reader interrupted", e);
    }
  }

  /** Hands the reader thread's records to the index; rethrows a read failure at the end. */
  private static final class QueueIterator implements Iterator<IndexedRecord> {
    private final BlockingQueue<IndexedRecord> queue;
    private final AtomicReference<RuntimeException> failure;
    private IndexedRecord next;

    QueueIterator(BlockingQueue<IndexedRecord> queue, AtomicReference<RuntimeException> failure) {
      this.queue = queue;
      this.failure = failure;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        try {
          IndexedRecord taken;
          do {
            taken = queue.poll(60, TimeUnit.SECONDS);
          } while (taken == null && failure.get() == null);
          next = taken;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("rebuild interrupted", e);
        }
      }
      if (next == END || next == null) {
        if (failure.get() != null) {
          throw new IllegalStateException("reading records failed", failure.get());
        }
        return false;
      }
      return true;
    }

    @Override
    public IndexedRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      IndexedRecord r = next;
      next = null;
      return r;
    }
  }
}
