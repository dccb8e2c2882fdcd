package org.spatialcatalog.node.sync;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.index.RecordIndex;

/**
 * The {@code index-refresh} thread: refreshes the searcher every poll interval when applied changes
 * are not shown yet.
 *
 * <p>Searches do not depend on it: a search refreshes first when it finds applied changes its
 * searcher does not show ({@link RecordIndex}). It bounds what such a search pays on a node that
 * took writes and no searches for a while, and lets Lucene release the segments that merges
 * replaced. A refresh that fails is logged and retried with a back-off; the loop never dies of it.
 */
final class IndexRefresher {

  private static final Logger log = LoggerFactory.getLogger(IndexRefresher.class);

  private final RecordIndex index;
  private final Duration pollInterval;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running;
  private volatile Thread thread;
  private volatile String lastError;

  IndexRefresher(RecordIndex index, Duration pollInterval) {
    this.index = index;
    this.pollInterval = pollInterval;
  }

  /** The last refresh failure, or null once a refresh succeeded again. */
  String lastError() {
    return lastError;
  }

  private void loop() {
    Duration backOff = Duration.ofMillis(500);
    while (running) {
      try {
        wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        if (!running) {
          return;
        }
        if (index.generation() > index.visibleGeneration()
            || index.checkpoint() > index.visibleCheckpoint()) {
          index.refresh();
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
          wake.tryAcquire(backOff.toMillis(), TimeUnit.MILLISECONDS);
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
    wake.release();
    Thread t = thread;
    if (t != null) {
      t.join(10_000);
    }
  }
}
