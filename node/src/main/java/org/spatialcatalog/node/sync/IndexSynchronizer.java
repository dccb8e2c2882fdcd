package org.spatialcatalog.node.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.index.QuarantinedRecord;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.node.changelog.Change;
import org.spatialcatalog.node.changelog.ChangeLog;
import org.spatialcatalog.node.changelog.LocalIndexProgress;
import org.spatialcatalog.node.config.CatalogProperties;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.StoredRecord;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's index equal to the database by following the change log.
 *
 * <p>One named thread ({@code index-sync}) reads the log from the index's checkpoint, loads the
 * current state of the changed records, applies it and makes it searchable. It runs when woken (a
 * local commit, a RE-INDEX notification) and at least every poll interval, so a change whose
 * notification was lost is still applied. Applying is idempotent: a record is always written in its
 * current database state, so the same change applied twice, or after a newer one, does no harm. The
 * checkpoint is committed with the index ({@link RecordIndex#commit()}), so after a crash the node
 * replays from its last commit. If the log no longer holds the entries after the checkpoint (pruned
 * while the node was away: the first entry after the checkpoint is not the next sequence, or none
 * is left although the head is beyond the checkpoint), the node rebuilds its index from the
 * database and then catches up.
 *
 * <p>A record Lucene refuses is quarantined by the index (indexed minimally, see {@link
 * org.spatialcatalog.index.QuarantinedRecord}); it never holds back the checkpoint.
 *
 * <p>Readiness ({@link #ready()}): false until the index has caught up with the head read at start,
 * and while a rebuild of an empty index runs.
 *
 * <p>All writes to the index go through {@link #exclusively}, which serializes them.
 */
@Component
public class IndexSynchronizer implements LocalIndexProgress, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IndexSynchronizer.class);
  private static final int BATCH = 1000;

  private final RecordIndex index;
  private final ChangeLog changeLog;
  private final RecordRepository records;
  private final VisibilityStats stats;
  private final IndexRebuilder rebuilder;
  private final RecordDocuments documents;
  private final java.util.concurrent.atomic.AtomicBoolean rebuilding =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean rebuildAgain;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration commitInterval;
  private final SyncMetrics metrics;

  /** The change-log head read when the loop started; -1 until read. */
  private volatile long headAtStart = -1;

  private volatile boolean caughtUpOnce;
  private volatile boolean rebuildingEmpty;
  private volatile Instant lastHeadCheck = Instant.EPOCH;

  private final ReentrantLock writer = new ReentrantLock();
  private final Semaphore wake = new Semaphore(0);
  private final Object applied = new Object();
  private volatile Thread thread;
  private volatile boolean running;
  private volatile String lastError;
  private volatile Instant lastCommit = Instant.EPOCH;

  /** The checkpoint searches can see: raised only after a refresh, never before. */
  private volatile long visibleCheckpoint;

  IndexSynchronizer(
      RecordIndex index,
      ChangeLog changeLog,
      RecordRepository records,
      VisibilityStats stats,
      IndexRebuilder rebuilder,
      RecordDocuments documents,
      Clock clock,
      CatalogProperties properties,
      SyncMetrics metrics) {
    this.metrics = metrics;
    this.index = index;
    this.changeLog = changeLog;
    this.records = records;
    this.stats = stats;
    this.rebuilder = rebuilder;
    this.documents = documents;
    this.clock = clock;
    this.pollInterval = properties.sync().pollInterval();
    this.commitInterval = properties.sync().commitInterval();
    this.visibleCheckpoint = index.checkpoint();
  }

  /** The last change-log sequence whose change is searchable on this node. */
  public long visibleCheckpoint() {
    return visibleCheckpoint;
  }

  @Override
  public void changeCommitted(long seq) {
    if (visibleCheckpoint < seq) {
      wake.release();
    }
  }

  @Override
  public boolean awaitApplied(long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (applied) {
      while (visibleCheckpoint < seq) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(applied, left);
      }
    }
    return true;
  }

  /** Whether this node should receive search traffic (see the class comment). */
  public boolean ready() {
    return caughtUpOnce && !rebuildingEmpty;
  }

  /** The change-log head read at start, or -1 before it could be read. */
  public long headAtStart() {
    return headAtStart;
  }

  public boolean rebuildingEmptyIndex() {
    return rebuildingEmpty;
  }

  /** Reads and applies everything the log holds after the checkpoint; returns the checkpoint. */
  public long catchUp() {
    return catchUp(true);
  }

  /**
   * As {@link #catchUp()}; {@code compareWithHead} also checks, when the log holds nothing after
   * the checkpoint, that the head is not beyond it (a log pruned past this node). That costs a
   * query, so the loop does it at most once per poll interval rather than after every write.
   */
  private long catchUp(boolean compareWithHead) {
    return exclusively(
        () -> {
          while (true) {
            long from = index.checkpoint();
            List<Change> changes = changeLog.after(from, BATCH);
            if (changes.isEmpty()) {
              if (!compareWithHead) {
                return from;
              }
              long head = changeLog.head();
              if (head <= from) {
                return from;
              }
              // Either committed between the two reads, or pruned: a second read tells which.
              changes = changeLog.after(from, BATCH);
              if (changes.isEmpty()) {
                rebuildAfterPruning(from, head);
                continue;
              }
            }
            if (changes.get(0).seq() > from + 1) {
              rebuildAfterPruning(from, changes.get(0).seq());
              continue;
            }
            apply(changes);
            if (changes.size() < BATCH) {
              return index.checkpoint();
            }
          }
        });
  }

  private void rebuildAfterPruning(long checkpoint, long next) {
    log.warn(
        "change log no longer holds the entries after checkpoint {} (next kept or head: {});"
            + " rebuilding the index from the database, then catching up",
        checkpoint,
        next);
    rebuildLocked();
  }

  /** Rebuilds this node's index from the database, then applies what changed meanwhile. */
  public IndexRebuilder.Result rebuild() {
    IndexRebuilder.Result result = exclusively(this::rebuildLocked);
    catchUp();
    return result;
  }

  /** Caller holds the write lock. */
  private IndexRebuilder.Result rebuildLocked() {
    boolean empty = index.count() == 0;
    if (empty) {
      rebuildingEmpty = true;
    }
    log.info(
        "index rebuild started (index {}, checkpoint {})",
        empty ? "empty: not ready until done" : "keeps serving meanwhile",
        index.checkpoint());
    try {
      IndexRebuilder.Result result = rebuilder.rebuild();
      metrics.rebuilt();
      if (!result.quarantined().isEmpty()) {
        metrics.quarantined(result.quarantined().size());
        result
            .quarantined()
            .forEach(
                q ->
                    log.warn(
                        "record {} version {} quarantined during rebuild (indexed minimally): {}",
                        q.id(),
                        q.version(),
                        q.reason()));
      }
      return result;
    } finally {
      rebuildingEmpty = false;
    }
  }

  /**
   * Starts a rebuild on a background thread ({@code index-rebuild}) and returns; searches keep
   * answering from the current index until the new one is complete. A request while a rebuild runs
   * makes it run once more afterwards, so the last configuration always wins.
   */
  public void rebuildInBackground() {
    rebuildAgain = true;
    if (!rebuilding.compareAndSet(false, true)) {
      return;
    }
    Thread t =
        new Thread(
            () -> {
              try {
                while (rebuildAgain) {
                  rebuildAgain = false;
                  try {
                    rebuild();
                  } catch (RuntimeException e) {
                    lastError = e.toString();
                    log.error("background index rebuild failed", e);
                  }
                }
              } finally {
                rebuilding.set(false);
              }
            },
            "index-rebuild");
    t.setDaemon(true);
    t.start();
  }

  public boolean isRebuilding() {
    return rebuilding.get();
  }

  /** Force-merges this node's index. */
  public void optimize() {
    log.info("optimizing the index (force merge)");
    exclusively(
        () -> {
          index.forceMerge();
          return null;
        });
  }

  /** Runs an index write while no other index write runs. */
  public <T> T exclusively(Supplier<T> work) {
    writer.lock();
    try {
      T result = work.get();
      signalApplied();
      return result;
    } finally {
      writer.unlock();
    }
  }

  public String lastError() {
    return lastError;
  }

  private void apply(List<Change> changes) {
    Set<String> ids = new LinkedHashSet<>();
    changes.forEach(c -> ids.add(c.recordId()));
    List<StoredRecord> present = records.findAll(ids);
    present.forEach(r -> ids.remove(r.id()));
    List<QuarantinedRecord> quarantined =
        index.apply(documents.of(present), ids, changes.get(changes.size() - 1).seq());
    index.refresh();
    Instant now = Instant.now(clock);
    changes.forEach(
        c -> {
          stats.record(c.committedAt(), now);
          metrics.visible(c.committedAt(), now);
        });
    if (!quarantined.isEmpty()) {
      metrics.quarantined(quarantined.size());
      quarantined.forEach(
          q ->
              log.warn(
                  "record {} version {} quarantined (indexed minimally, checkpoint moves on): {}",
                  q.id(),
                  q.version(),
                  q.reason()));
    }
    signalApplied();
  }

  /** Called after every refresh: what the index holds is now what searches see. */
  private void signalApplied() {
    visibleCheckpoint = index.checkpoint();
    synchronized (applied) {
      applied.notifyAll();
    }
  }

  private void commitIfDue() {
    Instant now = Instant.now(clock);
    if (index.checkpoint() > index.committedCheckpoint()
        && Duration.between(lastCommit, now).compareTo(commitInterval) >= 0) {
      exclusively(
          () -> {
            index.commit();
            return null;
          });
      lastCommit = now;
    }
  }

  private void loop() {
    Duration backOff = Duration.ofMillis(500);
    boolean first = true;
    while (running) {
      try {
        if (!first) {
          wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        first = false;
        wake.drainPermits();
        Instant now = Instant.now(clock);
        boolean compareWithHead = Duration.between(lastHeadCheck, now).compareTo(pollInterval) >= 0;
        if (compareWithHead) {
          lastHeadCheck = now;
        }
        if (headAtStart < 0) {
          headAtStart = changeLog.head();
          long checkpoint = index.checkpoint();
          if (headAtStart > checkpoint) {
            log.info(
                "catching up: checkpoint {}, change-log head {} ({} changes behind);"
                    + " not ready until done",
                checkpoint,
                headAtStart,
                headAtStart - checkpoint);
          }
        }
        catchUp(compareWithHead);
        if (!caughtUpOnce && visibleCheckpoint >= headAtStart) {
          caughtUpOnce = true;
          log.info(
              "caught up: checkpoint {} (head at start {}); ready", visibleCheckpoint, headAtStart);
        }
        commitIfDue();
        lastError = null;
        backOff = Duration.ofMillis(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        lastError = e.toString();
        log.warn("index sync failed, retrying in {} ms: {}", backOff.toMillis(), e.toString());
        try {
          wake.tryAcquire(backOff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
        backOff =
            backOff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                ? Duration.ofSeconds(30)
                : backOff.multipliedBy(2);
      }
    }
  }

  @Override
  public void start() {
    running = true;
    Thread t = new Thread(this::loop, "index-sync");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  @Override
  public void stop() {
    running = false;
    // Not interrupted: an interrupt during Lucene file I/O closes the index's channels.
    wake.release();
    Thread t = thread;
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    exclusively(
        () -> {
          index.commit();
          return null;
        });
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Started before the web server and the JMS subscriptions, stopped after them.
    return 0;
  }
}
