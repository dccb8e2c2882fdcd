package org.spatialcatalog.node.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * (applying is idempotent). Reading the database, building the documents ({@link #BUILDERS}
 * threads) and writing the index (two threads, {@link RecordIndex#replaceAll}) run on threads of
 * their own, so that none waits for another's slow step. Searches see the old index until the
 * rebuild is complete. Callers hold the index write lock ({@link IndexSynchronizer#exclusively}).
 */
@Component
public class IndexRebuilder {

  private static final Logger log = LoggerFactory.getLogger(IndexRebuilder.class);

  /**
   * Threads that turn records into documents (parsing the XML for configured extra fields, and for
   * the properties of rows stored without them) beside the reader and the indexing thread: with
   * one, a rebuild kept the machine's two cores 55-78 % busy, the reader waiting for each batch of
   * rows from the database and then building while the index waited for it (issue 11, eleventh
   * step).
   */
  static final int BUILDERS = 2;

  /** Records waiting for a builder, and documents waiting for the index, at most. */
  private static final int QUEUED = 1024;

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
    BlockingQueue<IndexedRecord> queue = new ArrayBlockingQueue<>(QUEUED);
    AtomicReference<RuntimeException> readFailure = new AtomicReference<>();
    AtomicBoolean indexingOver = new AtomicBoolean();
    AtomicLong count = new AtomicLong();
    Thread reader =
        new Thread(() -> read(queue, readFailure, indexingOver, count), "index-rebuild-reader");
    reader.setDaemon(true);
    reader.start();
    List<QuarantinedRecord> quarantined;
    try {
      quarantined = index.replaceAll(new QueueIterator(queue, readFailure), head);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("index rebuild failed", e);
    } finally {
      // If indexing failed, the reader and builders stop instead of waiting on a full queue.
      indexingOver.set(true);
      queue.clear();
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

  /**
   * The reader thread: streams the records with their stored properties (and XML where needed,
   * {@link RecordDocuments#needXml}) and hands each to the builders, which turn it into its
   * document and queue it for the index; puts {@link #END} once every record read is queued, or
   * reading or building failed ({@code failure}).
   */
  private void read(
      BlockingQueue<IndexedRecord> queue,
      AtomicReference<RuntimeException> failure,
      AtomicBoolean indexingOver,
      AtomicLong count) {
    ThreadPoolExecutor builders = builders();
    try {
      records.forEachForIndex(
          documents.needXml(),
          r -> {
            if (failure.get() != null || indexingOver.get()) {
              throw new RebuildStopped();
            }
            builders.execute(
                () -> {
                  try {
                    put(queue, documents.of(r), indexingOver);
                    count.incrementAndGet();
                  } catch (RebuildStopped stopped) {
                    // indexing is over: nothing to hand over
                  } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                  } catch (Error e) {
                    // Not a record left out in silence: the rebuild fails and is rolled back.
                    failure.compareAndSet(null, new IllegalStateException("building failed", e));
                  }
                });
          });
    } catch (RebuildStopped stopped) {
      // a builder failed (its failure is recorded) or indexing is over
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    } finally {
      builders.shutdown();
      try {
        while (!builders.awaitTermination(1, TimeUnit.SECONDS)) {
          // the builders finish what was read, or stop once indexing is over
        }
        put(queue, END, indexingOver);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.compareAndSet(null, new IllegalStateException("rebuild reader interrupted", e));
      } catch (RebuildStopped stopped) {
        // indexing is over: nobody waits for the end
      }
    }
  }

  /**
   * {@link #BUILDERS} threads; when they are all busy and {@link #QUEUED} records wait for them,
   * the reader builds the next one itself rather than reading further ahead.
   */
  private static ThreadPoolExecutor builders() {
    AtomicLong n = new AtomicLong();
    return new ThreadPoolExecutor(
        BUILDERS,
        BUILDERS,
        0,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUED),
        r -> {
          Thread t = new Thread(r, "index-rebuild-builder-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** Waits for room in the queue; gives up once indexing is over. */
  private static void put(
      BlockingQueue<IndexedRecord> queue, IndexedRecord record, AtomicBoolean indexingOver) {
    try {
      while (!queue.offer(record, 100, TimeUnit.MILLISECONDS)) {
        if (indexingOver.get()) {
          throw new RebuildStopped();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("rebuild reader interrupted", e);
    }
  }

  /** Ends reading or building early: a builder failed, or indexing is over. */
  private static final class RebuildStopped extends RuntimeException {
    RebuildStopped() {
      super(null, null, false, false);
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
