package org.spatialcatalog.node.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.index.IndexedRecord;
import org.spatialcatalog.index.Property;
import org.spatialcatalog.index.QuarantinedRecord;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.node.changelog.Change;
import org.spatialcatalog.node.changelog.ChangeLog;
import org.spatialcatalog.node.changelog.LocalIndexProgress;
import org.spatialcatalog.node.config.CatalogProperties;
import org.spatialcatalog.node.record.OwnWrites;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.RecordRepository.ChangeForIndex;
import org.spatialcatalog.node.record.StoredRecord;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's index equal to the database by following the change log.
 *
 * <p>Three named threads share the work, so that none waits for another's slow step:
 *
 * <ul>
 *   <li>{@code index-sync} reads the log from the index's checkpoint, loads the current state of
 *       the changed records and applies it. It reads the log when told the log has news (a RE-INDEX
 *       notification, a harvested batch, a change committed here that was not handed over), when
 *       this node's own writes have waited a notification gap for the log to pass them, and at
 *       least every poll interval, so a change whose notification was lost is still applied. A
 *       hand-over of an own write alone wakes it to apply that write, not to read the log.
 *   <li>{@code index-refresh} refreshes the searcher every poll interval when applied changes are
 *       not shown yet ({@link IndexRefresher}). A change is searchable as soon as it is applied,
 *       since a search refreshes first when it finds applied changes not shown ({@link
 *       RecordIndex}): {@link #awaitApplied} and {@link #visibleCheckpoint()} count it then, and a
 *       node that takes writes and no searches flushes no segment per write.
 *   <li>{@code index-commit} commits the index with its checkpoint every {@code
 *       catalog.sync.commit-interval}, alongside applying and refreshing.
 * </ul>
 *
 * <p>Applying is idempotent: a record is always written in its current database state, so the same
 * change applied twice, or after a newer one, does no harm. The checkpoint only moves over a
 * contiguous run of the log and is committed with the index ({@link RecordIndex#commit()}), so
 * after a crash the node replays from its last commit: the change log is the truth, and at most a
 * commit interval of changes is applied again. If the log no longer holds the entries after the
 * checkpoint (pruned while the node was away: the first entry after the checkpoint is not the next
 * sequence, or none is left although the head is beyond the checkpoint), the node rebuilds its
 * index from the database and then catches up.
 *
 * <p><b>This node's own writes</b> ({@link OwnWrites}) are applied by {@code index-sync} from the
 * data the request committed, without waiting for the checkpoint to reach them, and {@link
 * #awaitApplied} returns once that write is applied; their visibility delay is counted then. They
 * do not move the checkpoint: the log passes them at most a notification gap ({@code
 * catalog.sync.notification-gap}) later, so a node that writes alone reads its log once a gap, not
 * once a write, and when the log reaches such a change and it is still the record's latest change
 * there, the record is not read back from the database. A rebuild forgets them, so the log path
 * then reads them like any other change.
 *
 * <p>A record Lucene refuses is quarantined by the index (indexed minimally, see {@link
 * org.spatialcatalog.index.QuarantinedRecord}); it never holds back the checkpoint.
 *
 * <p>Readiness ({@link #ready()}): false until the index has caught up with the head read at start,
 * and while a rebuild of an empty index runs.
 *
 * <p>All writes to the index go through {@link #exclusively}, which serializes them; refreshes and
 * commits run beside them (see {@link RecordIndex}).
 *
 * <p>Longer than most classes here because the catch-up, the pruning check, the rebuild and the own
 * writes all decide under the one write lock from the same checkpoint; the periodic refresh ({@link
 * IndexRefresher}) and the own-write bookkeeping ({@link OwnWriteLedger}) live apart.
 */
@Component
public class IndexSynchronizer implements LocalIndexProgress, OwnWrites, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IndexSynchronizer.class);
  private static final int BATCH = 1000;

  private final RecordIndex index;
  private final ChangeLog changeLog;
  private final RecordRepository records;
  private final VisibilityStats stats;
  private final IndexRebuilder rebuilder;
  private final RecordDocuments documents;
  private final AtomicBoolean rebuilding = new AtomicBoolean();
  private volatile boolean rebuildAgain;
  private final Clock clock;
  private final Duration pollInterval;
  private final Duration commitInterval;
  private final Duration ownWriteLogGap;
  private final SyncMetrics metrics;

  /** The change-log head read when the loop started; -1 until read. */
  private volatile long headAtStart = -1;

  private volatile boolean caughtUpOnce;
  private final SlowApplyLog slowApplies = new SlowApplyLog();
  private volatile boolean rebuildingEmpty;
  private volatile Instant lastHeadCheck = Instant.EPOCH;

  private final ReentrantLock writer = new ReentrantLock();
  private final Semaphore wake = new Semaphore(0);

  /**
   * Set when the log holds changes this node must read (another node's notification, a harvest, a
   * change it did not hand over); a hand-over of an own write alone does not set it.
   */
  private volatile boolean logNews = true;

  private volatile long lastLogRead = System.nanoTime();
  private final Object applied = new Object();
  private final IndexRefresher refresher;
  private volatile Thread thread;
  private volatile ScheduledExecutorService committer;
  private volatile boolean running;
  private volatile String lastError;

  /** The checkpoint searches see: raised once applying reached it, never before. */
  private volatile long visibleCheckpoint;

  private final OwnWriteLedger ownWrites = new OwnWriteLedger();

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
    this.ownWriteLogGap = properties.sync().notificationGap();
    this.visibleCheckpoint = index.checkpoint();
    this.refresher = new IndexRefresher(index, pollInterval);
    metrics.countRefreshes(index);
  }

  /** The last change-log sequence whose change is searchable on this node. */
  public long visibleCheckpoint() {
    return visibleCheckpoint;
  }

  @Override
  public void changeCommitted(long seq) {
    if (visibleCheckpoint < seq) {
      logNews = true;
      wake.release();
    }
  }

  @Override
  public void upserted(
      long seq, StoredRecord record, String xml, Map<Property, List<String>> properties) {
    // Built on the request thread, not on the one index-sync thread.
    handOver(
        new OwnWriteLedger.Entry(
            seq,
            record.id(),
            record.version(),
            documents.of(record, xml, properties),
            record.changeDate()));
  }

  @Override
  public void deleted(long seq, String id, long version) {
    handOver(new OwnWriteLedger.Entry(seq, id, version, null, Instant.now(clock)));
  }

  private void handOver(OwnWriteLedger.Entry write) {
    ownWrites.add(write);
    wake.release();
  }

  /**
   * True once change {@code seq} is searchable here: the checkpoint applied passed it, or it is one
   * of this node's own writes and was applied.
   */
  @Override
  public boolean awaitApplied(long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    OwnWriteLedger.Entry own = ownWrites.find(seq);
    synchronized (applied) {
      while (visibleCheckpoint < seq && !visible(own)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(applied, left);
      }
    }
    return true;
  }

  private boolean visible(OwnWriteLedger.Entry own) {
    return own != null && own.applied();
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

  /**
   * Reads and applies everything the log holds after the checkpoint and makes it searchable before
   * returning; returns the checkpoint.
   */
  public long catchUp() {
    long checkpoint = catchUp(true);
    index.refresh();
    return checkpoint;
  }

  /**
   * As {@link #catchUp()}; {@code compareWithHead} also checks, when the log holds nothing after
   * the checkpoint, that the head is not beyond it (a log pruned past this node). That costs a
   * query, so the loop does it at most once per poll interval rather than after every write.
   */
  private long catchUp(boolean compareWithHead) {
    return exclusively(
        () -> {
          // For SlowApplyLog: a change's wait before this moment is the notification or poll, or
          // the wait for the index writer (an earlier cycle, a rebuild, a verify).
          Instant began = Instant.now(clock);
          applyOwnWrites();
          while (true) {
            long from = index.checkpoint();
            long readingLog = System.nanoTime();
            List<ChangeForIndex> changes = changesAfter(from);
            if (changes.isEmpty()) {
              if (!compareWithHead) {
                return from;
              }
              long head = changeLog.head();
              if (head <= from) {
                return from;
              }
              // Either committed between the two reads, or pruned: a second read tells which.
              readingLog = System.nanoTime();
              changes = changesAfter(from);
              if (changes.isEmpty()) {
                rebuildAfterPruning(from, head);
                continue;
              }
            }
            long firstSeq = changes.get(0).change().seq();
            if (firstSeq > from + 1) {
              rebuildAfterPruning(from, firstSeq);
              continue;
            }
            apply(changes, began, System.nanoTime() - readingLog);
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
    // The rebuilt content may predate an own write applied before: the log path reads them again.
    ownWrites.clear();
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

  /** The last failure of applying, refreshing or committing; null while all go well. */
  public String lastError() {
    String e = lastError;
    return e != null ? e : refresher.lastError();
  }

  /** Applies the own writes handed over since the last call; the checkpoint stays where it is. */
  private void applyOwnWrites() {
    long checkpoint = index.checkpoint();
    List<OwnWriteLedger.Entry> applying = ownWrites.drainAbove(checkpoint);
    if (applying.isEmpty()) {
      return;
    }
    List<IndexedRecord> upserts = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    for (OwnWriteLedger.Entry w : applying) {
      if (w.document == null) {
        deletes.add(w.id);
      } else {
        upserts.add(w.document);
      }
    }
    List<QuarantinedRecord> quarantined = index.apply(upserts, deletes, checkpoint);
    long generation = index.generation();
    Instant now = Instant.now(clock);
    for (OwnWriteLedger.Entry w : applying) {
      w.generation = generation;
      // Searchable now: counted here, not when the log passes it, which may be a gap later.
      stats.record(w.committedAt, now);
      metrics.visible(w.committedAt, now);
    }
    logQuarantined(quarantined);
  }

  /**
   * The next {@link #BATCH} changes after {@code checkpoint}, with the records the index needs read
   * in the same query: all but those whose change is one of this node's own writes, already applied
   * as it is.
   */
  private List<ChangeForIndex> changesAfter(long checkpoint) {
    return records.changesForIndex(
        checkpoint, BATCH, documents.needXml(), c -> !ownWrites.appliedAsIs(c));
  }

  /**
   * Applies a contiguous run of the log. A record whose latest change in the run is one of this
   * node's own writes, already applied, is not read back: the index holds exactly that change.
   * {@code readNanos}: how long reading the run and its records took.
   */
  private void apply(List<ChangeForIndex> run, Instant began, long readNanos) {
    Map<String, ChangeForIndex> latest = new LinkedHashMap<>();
    run.forEach(c -> latest.put(c.change().recordId(), c));
    List<Change> changes = run.stream().map(ChangeForIndex::change).toList();
    ownWrites.forget(changes);
    long t1 = System.nanoTime();
    List<IndexedRecord> upserts = new ArrayList<>();
    List<String> deletes = new ArrayList<>();
    latest.forEach(
        (id, c) -> {
          if (!c.wanted()) {
            return;
          }
          if (c.record() != null) {
            upserts.add(documents.of(c.record()));
          } else {
            deletes.add(id);
          }
        });
    long t2 = System.nanoTime();
    long last = changes.get(changes.size() - 1).seq();
    // Read after every document the index holds was read (earlier batches, a rebuild) or committed
    // (own writes are committed before they are handed over): nothing here is older than what the
    // index holds, since record ids are never reused and versions only grow. So the index need not
    // look up its versions.
    List<QuarantinedRecord> quarantined = index.applyNewest(upserts, deletes, last);
    long t3 = System.nanoTime();
    Instant now = Instant.now(clock);
    for (ChangeForIndex c : run) {
      if (c.wanted()) {
        // An own write applied as it is was counted when it was applied.
        stats.record(c.change().committedAt(), now);
        metrics.visible(c.change().committedAt(), now);
      }
    }
    logQuarantined(quarantined);
    if (caughtUpOnce) {
      // Before it, a node catching up applies changes committed long ago: late by design.
      String late =
          slowApplies.line(
              changes.get(0).committedAt(),
              changes.size(),
              new SlowApplyLog.Cycle(
                  began,
                  readNanos / 1_000_000,
                  upserts.size(),
                  (t2 - t1) / 1_000_000,
                  (t3 - t2) / 1_000_000),
              now);
      if (late != null) {
        log.info(late);
      }
    }
  }

  private void logQuarantined(List<QuarantinedRecord> quarantined) {
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
  }

  /** What the index applied, and so shows searches, is now what waiters compare with. */
  private void signalApplied() {
    synchronized (applied) {
      // Read under the lock: two threads signalling at once never leave the older value behind.
      visibleCheckpoint = index.checkpoint();
      applied.notifyAll();
    }
  }

  private void noteCaughtUp() {
    long head = headAtStart;
    if (!caughtUpOnce && head >= 0 && visibleCheckpoint >= head) {
      caughtUpOnce = true;
      log.info("caught up: checkpoint {} (head at start {}); ready", visibleCheckpoint, head);
    }
  }

  /** Run by {@code index-commit} every commit interval; never throws, so it keeps running. */
  private void commitNow() {
    try {
      index.commit();
    } catch (RuntimeException e) {
      lastError = e.toString();
      log.warn("index commit failed, retrying in {}: {}", commitInterval, e.toString());
    }
  }

  /** The next back-off after a failure: doubled, at most 30 s (also {@link IndexRefresher}'s). */
  static Duration longer(Duration backOff) {
    return backOff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
        ? Duration.ofSeconds(30)
        : backOff.multipliedBy(2);
  }

  private void loop() {
    Duration backOff = Duration.ofMillis(500);
    boolean first = true;
    while (running) {
      try {
        if (!first) {
          wake.tryAcquire(nextWaitMillis(), TimeUnit.MILLISECONDS);
        }
        first = false;
        wake.drainPermits();
        Instant now = Instant.now(clock);
        boolean compareWithHead = Duration.between(lastHeadCheck, now).compareTo(pollInterval) >= 0;
        if (compareWithHead) {
          lastHeadCheck = now;
        }
        if (!logNews && !compareWithHead && !ownWritesDueInLog() && headAtStart >= 0) {
          applyOwnWritesOnly();
          continue;
        }
        logNews = false;
        lastLogRead = System.nanoTime();
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
        noteCaughtUp();
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
        backOff = longer(backOff);
      }
    }
  }

  /**
   * Whether the log should be read for the own writes applied since it was last read: once {@link
   * #ownWriteLogGap} has passed. Before that, a wake-up by a hand-over alone applies the write and
   * leaves the log, so a node that writes alone reads its log at most once a gap, not once a write:
   * its own writes are searchable as soon as they are applied, and the log only moves the
   * checkpoint over them.
   */
  private boolean ownWritesDueInLog() {
    return System.nanoTime() - lastLogRead >= ownWriteLogGap.toNanos();
  }

  /** How long {@code index-sync} may sleep: until the log is due for own writes, or a poll. */
  private long nextWaitMillis() {
    if (ownWrites.isEmpty()) {
      return pollInterval.toMillis();
    }
    long left = ownWriteLogGap.toNanos() - (System.nanoTime() - lastLogRead);
    return Math.max(1, Math.min(pollInterval.toMillis(), TimeUnit.NANOSECONDS.toMillis(left) + 1));
  }

  private void applyOwnWritesOnly() {
    exclusively(
        () -> {
          applyOwnWrites();
          return null;
        });
  }

  @Override
  public void start() {
    running = true;
    Thread t = new Thread(this::loop, "index-sync");
    t.setDaemon(true);
    thread = t;
    ScheduledExecutorService c =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread named = new Thread(task, "index-commit");
              named.setDaemon(true);
              return named;
            });
    committer = c;
    t.start();
    refresher.start();
    Future<?> unused =
        c.scheduleWithFixedDelay(
            this::commitNow,
            commitInterval.toMillis(),
            commitInterval.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    running = false;
    // Not interrupted: an interrupt during Lucene file I/O closes the index's channels.
    wake.release();
    ScheduledExecutorService c = committer;
    if (c != null) {
      c.shutdown();
    }
    try {
      Thread t = thread;
      if (t != null) {
        t.join(10_000);
      }
      refresher.stop();
      if (c != null) {
        c.awaitTermination(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
