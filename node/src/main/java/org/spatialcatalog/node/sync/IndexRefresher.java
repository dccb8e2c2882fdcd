package org.spatialcatalog.node.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.index.RecordIndex;

/**
 * The {@code index-refresh} thread: makes what {@code index-sync} applied searchable, so that
 * applying never waits for a refresh and everything applied while one runs shares the next.
 *
 * <p>It refreshes when it is asked ({@link #request()}) and anything applied is not yet visible,
 * and at least every poll interval. When asked while more of this node's writes are on their way
 * ({@code writesComing}: committing, or handed over and not yet applied), it first waits for them,
 * at most the batch wait ({@code catalog.sync.refresh-batch-wait}), so that they share the refresh:
 * each refresh flushes a segment and opens a reader on it, which costs far more than a document. A
 * lone write, with nothing else coming, is refreshed at once. After each refresh it records the
 * visibility delays of the change-log batches the refresh covers and calls {@code onVisible}, which
 * wakes the waiters. A refresh that fails is logged and retried with a back-off; the loop never
 * dies of it.
 */
final class IndexRefresher {

  private static final Logger log = LoggerFactory.getLogger(IndexRefresher.class);

  /** The refresher is this many batches behind: the caller of {@link #applied} refreshes itself. */
  private static final int MAX_BATCHES_WAITING = 16;

  private record AppliedBatch(long lastSeq, List<Instant> committedAt) {}

  private final RecordIndex index;
  private final VisibilityStats stats;
  private final SyncMetrics metrics;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration batchWait;
  private final BooleanSupplier writesComing;
  private final Runnable onVisible;
  private final Semaphore wanted = new Semaphore(0);
  private final Queue<AppliedBatch> waiting = new ConcurrentLinkedQueue<>();
  private final Object publishing = new Object();
  private volatile boolean running;
  private volatile Thread thread;
  private volatile String lastError;

  IndexRefresher(
      RecordIndex index,
      VisibilityStats stats,
      SyncMetrics metrics,
      Clock clock,
      Duration pollInterval,
      Duration batchWait,
      BooleanSupplier writesComing,
      Runnable onVisible) {
    this.index = index;
    this.stats = stats;
    this.metrics = metrics;
    this.clock = clock;
    this.pollInterval = pollInterval;
    this.batchWait = batchWait;
    this.writesComing = writesComing;
    this.onVisible = onVisible;
  }

  /** Asks for a refresh soon; returns at once. */
  void request() {
    wanted.release();
  }

  /**
   * A change-log batch up to {@code lastSeq} was applied; its delays are recorded when a refresh
   * shows it. Refreshes on the calling thread when the refresher is far behind, so that what waits
   * for it stays small during a long catch-up.
   */
  void applied(long lastSeq, List<Instant> committedAt) {
    waiting.add(new AppliedBatch(lastSeq, committedAt));
    if (waiting.size() > MAX_BATCHES_WAITING) {
      refreshNow();
    } else {
      request();
    }
  }

  /** Refreshes on the calling thread and publishes what became visible. */
  void refreshNow() {
    metrics.refreshed();
    publish(index.refresh());
  }

  /** The last refresh failure, or null once a refresh succeeded again. */
  String lastError() {
    return lastError;
  }

  private void publish(long visible) {
    synchronized (publishing) {
      Instant now = Instant.now(clock);
      for (AppliedBatch batch = waiting.peek();
          batch != null && batch.lastSeq() <= visible;
          batch = waiting.peek()) {
        waiting.poll();
        for (Instant at : batch.committedAt()) {
          stats.record(at, now);
          metrics.visible(at, now);
        }
      }
    }
    onVisible.run();
  }

  /**
   * Waits, at most the batch wait, while writes of this node are coming; every hand-over, apply and
   * failed write asks for a refresh, which wakes this wait to look again.
   */
  private void awaitWritesComing() throws InterruptedException {
    long until = System.nanoTime() + batchWait.toNanos();
    for (long left = batchWait.toNanos();
        left > 0 && running && writesComing.getAsBoolean();
        left = until - System.nanoTime()) {
      wanted.tryAcquire(left, TimeUnit.NANOSECONDS);
    }
  }

  private void loop() {
    Duration backOff = Duration.ofMillis(500);
    while (running) {
      try {
        wanted.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        awaitWritesComing();
        wanted.drainPermits();
        if (index.generation() > index.visibleGeneration()
            || index.checkpoint() > index.visibleCheckpoint()) {
          refreshNow();
        }
        lastError = null;
        backOff = Duration.ofMillis(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        lastError = e.toString();
        log.warn("index refresh failed, retrying in {} ms: {}", backOff.toMillis(), e.toString());
        try {
          wanted.tryAcquire(backOff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        backOff = IndexSynchronizer.longer(backOff);
      }
    }
  }

  void start() {
    running = true;
    Thread t = new Thread(this::loop, "index-refresh");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /** Stops the thread, waiting up to ten seconds for a refresh in progress. */
  void stop() throws InterruptedException {
    running = false;
    wanted.release();
    Thread t = thread;
    if (t != null) {
      t.join(10_000);
    }
  }
}
