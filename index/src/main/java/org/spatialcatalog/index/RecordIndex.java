package org.spatialcatalog.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.apache.lucene.util.IORunnable;
import org.apache.lucene.util.IOUtils;

/**
 * The Lucene index of one catalog node, kept in step with the database change log.
 *
 * <p><b>Checkpoint.</b> {@link #checkpoint()} is the highest change-log sequence applied. A {@link
 * #commit()} stores it in the same Lucene commit as the documents, so after a crash the reopened
 * index holds exactly the content of its {@link #committedCheckpoint()}; replaying the change log
 * from there (upserts and deletes are idempotent) catches up.
 *
 * <p><b>Visibility.</b> Every read ({@link #search}, {@link #count()}, {@link #versionOf}, {@link
 * #versions()}, the quarantine listings) sees every change applied before it started: a read that
 * finds applied changes its searcher does not show yet refreshes first, and the reads that arrive
 * while that refresh runs share it. So applying is what makes a change searchable, and a refresh is
 * paid only when something reads: a node that takes writes and no searches flushes no segment per
 * write. The one exception is a read while {@link #replaceAll} or {@link #forceMerge()} runs, which
 * answers without refreshing from the view they refreshed before they started. Only committed
 * changes survive a crash. {@link #refresh()} refreshes explicitly; {@link #visibleCheckpoint()}
 * and {@link #visibleGeneration()} are what the last refresh made visible, and {@link
 * #generation()} is the generation of the last write applied.
 *
 * <p><b>Threads.</b> A single writer thread calls {@link #apply}, {@link #replaceAll}, {@link
 * #forceMerge()} and {@link #close()}. {@link #refresh()} and {@link #commit()} may be called from
 * other threads, concurrently with {@link #apply} and with each other, so that many applied changes
 * share one refresh and a commit's fsync never stalls applying; both wait while {@link #replaceAll}
 * or {@link #forceMerge()} runs. A commit concurrent with an apply stores the checkpoint read when
 * it started, and its content holds everything up to that checkpoint (possibly more, which a replay
 * from the checkpoint re-applies idempotently). Any number of threads may call {@link #search},
 * {@link #count()}, {@link #versionOf}, {@link #versions()} and the checkpoint getters
 * concurrently, each read seeing one consistent point-in-time view.
 *
 * <p><b>Failure.</b> If the writer hits a tragic exception the index is failed for good: every
 * later call except {@link #isFailed()} and {@link #close()} throws {@link IndexFailedException},
 * and recovery means reopening. Non-tragic I/O errors surface as {@link UncheckedIOException} (or
 * {@link IOException} where declared) and leave the index usable. After {@link #close()}, calls
 * throw {@link AlreadyClosedException}.
 */
public final class RecordIndex implements Closeable {

  private final GuardedSession guard;
  private final RecordSearcher recordSearcher;
  private volatile long checkpoint;
  private volatile long committedCheckpoint;
  private volatile long visibleCheckpoint;
  private volatile long visibleGeneration;

  /**
   * Added to the writer's sequence numbers, which start again with a new writer after a rollback,
   * so that generations only grow.
   */
  private volatile long generationBase;

  /**
   * The writer's sequence number (plus {@link #generationBase}) of the last write {@link #apply}
   * made. Not the writer's own maximum: a refresh's flush advances that without any write, which
   * would make every read after a refresh look behind.
   */
  private volatile long written;

  private final AtomicLong refreshes = new AtomicLong();

  private volatile boolean closed;

  /**
   * Refresh and commit hold the read side, so they run alongside each other and alongside {@link
   * #apply}; a rebuild, a force merge and close hold the write side, so that no refresh shows a
   * half-built index and no commit or refresh touches a session being rolled back.
   */
  private final ReentrantReadWriteLock sessionLock = new ReentrantReadWriteLock();

  private final Object refreshing = new Object();
  private final Object committing = new Object();

  /**
   * Versions written but maybe not yet seen by searchers, with the writer's sequence number of the
   * write; a refresh drops the entries it made visible.
   */
  private final Map<String, Unrefreshed> unrefreshed = new ConcurrentHashMap<>();

  private record Unrefreshed(long version, long generation) {}

  private RecordIndex(GuardedSession guard, Analyzer analyzer) throws IOException {
    this.guard = guard;
    this.recordSearcher = new RecordSearcher(new QueryTranslator(analyzer));
    resetCheckpoints();
  }

  /**
   * Opens the index in {@code dir}, creating the directory and an empty index if needed. Small
   * segments written by near-real-time refreshes stay in memory ({@link NRTCachingDirectory}, up to
   * 5 MB each and 60 MB in all) until a commit or a merge writes them to disk, so refreshing many
   * times a second does not create and delete files that many times.
   */
  public static RecordIndex open(Path dir) throws IOException {
    Files.createDirectories(dir);
    return open(new NRTCachingDirectory(FSDirectory.open(dir), 5.0, 60.0));
  }

  /** Opens the index in {@code directory}, which the index then owns and closes. */
  static RecordIndex open(Directory directory) throws IOException {
    Analyzer analyzer = new StandardAnalyzer();
    GuardedSession guard;
    try {
      guard = new GuardedSession(directory, analyzer);
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(analyzer, directory);
      throw e;
    }
    try {
      return new RecordIndex(guard, analyzer);
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(guard);
      throw e;
    }
  }

  /** The highest change-log sequence applied so far, committed or not. */
  public long checkpoint() {
    guard.ensureUsable();
    return checkpoint;
  }

  /**
   * The checkpoint the last refresh showed to searches. Lower than {@link #checkpoint()} while
   * applied changes wait for a refresh, which the next read makes (see the class comment).
   */
  public long visibleCheckpoint() {
    guard.ensureUsable();
    return visibleCheckpoint;
  }

  /**
   * The generation of the last write applied: every write applied so far is at or below it, and a
   * refresh that starts after it was taken makes it visible ({@link #visibleGeneration()}).
   */
  public long generation() {
    guard.ensureUsable();
    return written;
  }

  /** How many refreshes reopened or checked the searcher, explicit or before a read. */
  public long refreshCount() {
    return refreshes.get();
  }

  /** The generation the last refresh made visible (see {@link #generation()}). */
  public long visibleGeneration() {
    return visibleGeneration;
  }

  /** The change-log sequence stored with the last durable commit. */
  public long committedCheckpoint() {
    guard.ensureUsable();
    return committedCheckpoint;
  }

  /**
   * Adds or replaces {@code upserts} (keyed on their id), then deletes {@code deletedIds}, so an id
   * in both ends up deleted; raises {@link #checkpoint()} to {@code newCheckpoint} unless it is
   * already higher. Not visible before {@link #refresh()}, not durable before {@link #commit()}. If
   * this throws, the checkpoint is unchanged and the batch may be partly applied; applying the same
   * batch again repairs that.
   *
   * <p><b>Version guard.</b> An upsert whose version is lower than the version this index already
   * holds for that id is skipped, so a late or second apply path never replaces a newer document
   * with an older one. Equal versions are replaced (a re-index after a configuration change).
   *
   * <p><b>Quarantine.</b> A record Lucene refuses without harm to the writer (for example a term
   * longer than 32766 bytes) is indexed minimally instead ({@link QuarantinedRecord}) and returned,
   * so one bad record never holds back the checkpoint. A tragic error still fails the index.
   *
   * @return the records of this batch that were quarantined, empty when all were indexed in full
   */
  public List<QuarantinedRecord> apply(
      Collection<IndexedRecord> upserts, Collection<String> deletedIds, long newCheckpoint) {
    return apply(upserts, deletedIds, newCheckpoint, true);
  }

  /**
   * {@link #apply} without looking up the versions this index holds, for a caller that knows no
   * upsert is older than what the index holds for its id. A node's change-log path knows it: each
   * batch is read from the database after every document this index holds was read or committed
   * there, and a record's version never goes down. The look-up costs a term seek per id and
   * segment. The versions written are remembered as by {@link #apply}, so a later guarded apply is
   * checked against them.
   */
  public List<QuarantinedRecord> applyNewest(
      Collection<IndexedRecord> upserts, Collection<String> deletedIds, long newCheckpoint) {
    return apply(upserts, deletedIds, newCheckpoint, false);
  }

  private List<QuarantinedRecord> apply(
      Collection<IndexedRecord> upserts,
      Collection<String> deletedIds,
      long newCheckpoint,
      boolean guarded) {
    List<QuarantinedRecord> quarantined = new ArrayList<>();
    write(
        () -> {
          IndexWriter writer = guard.current().writer();
          Collection<IndexedRecord> records = upserts == null ? List.of() : upserts;
          // Pending versions first, the searcher second: a refresh drops an entry only after its
          // new searcher is in place, so an entry missing here is in the searcher read below.
          Map<String, Unrefreshed> pending = new HashMap<>();
          Map<String, Long> indexed = Map.of();
          if (guarded) {
            for (IndexedRecord record : records) {
              Unrefreshed p = unrefreshed.get(record.id());
              if (p != null) {
                pending.put(record.id(), p);
              }
            }
            indexed =
                indexedVersions(
                    records.stream()
                        .map(IndexedRecord::id)
                        .filter(id -> !pending.containsKey(id))
                        .toList());
          }
          for (IndexedRecord record : records) {
            if (guarded) {
              Unrefreshed p = pending.get(record.id());
              Long current = p != null ? Long.valueOf(p.version()) : indexed.get(record.id());
              if (current != null && current > record.version()) {
                continue;
              }
            }
            long[] generation = new long[1];
            QuarantinedRecord q = upsert(writer, record, generation);
            if (q != null) {
              quarantined.add(q);
            }
            Unrefreshed written = new Unrefreshed(record.version(), generationBase + generation[0]);
            unrefreshed.put(record.id(), written);
            pending.put(record.id(), written);
            this.written = written.generation();
          }
          if (deletedIds != null && !deletedIds.isEmpty()) {
            long seq =
                writer.deleteDocuments(
                    deletedIds.stream().map(RecordFields::idTerm).toArray(Term[]::new));
            deletedIds.forEach(unrefreshed::remove);
            this.written = generationBase + seq;
          }
          checkpoint = Math.max(checkpoint, newCheckpoint);
        });
    return quarantined;
  }

  /**
   * Writes one record in full, or minimally if Lucene refuses it without a tragedy; puts the
   * writer's sequence number of the write into {@code generation[0]}.
   */
  private static QuarantinedRecord upsert(
      IndexWriter writer, IndexedRecord record, long[] generation) throws IOException {
    Term id = RecordFields.idTerm(record.id());
    try {
      generation[0] = writer.updateDocument(id, RecordFields.toDocument(record));
      return null;
    } catch (RuntimeException e) {
      if (writer.getTragicException() != null) {
        throw e;
      }
      String reason = reason(e);
      generation[0] = writer.updateDocument(id, RecordFields.minimalDocument(record, reason));
      return new QuarantinedRecord(
          record.id(), record.version(), RecordFields.shorten(reason, 500));
    }
  }

  static String reason(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The records currently quarantined, as searches see them, at most {@code max}. */
  public List<QuarantinedRecord> quarantined(int max) {
    showApplied();
    return guard.read(searcher -> QuarantineReader.list(searcher, max));
  }

  /** How many records are currently quarantined, as searches see them. */
  public long quarantinedCount() {
    showApplied();
    return guard.read(QuarantineReader::count);
  }

  private Map<String, Long> indexedVersions(List<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return guard.read(searcher -> VersionReader.versionsOf(searcher.getIndexReader(), ids));
  }

  /**
   * Makes every change applied before this call visible to searches started afterwards, and returns
   * the checkpoint now visible ({@link #visibleCheckpoint()}). Safe to call from any thread (see
   * the class comment); concurrent calls take turns.
   */
  public long refresh() {
    Lock shared = sessionLock.readLock();
    shared.lock();
    try {
      return refreshLocked(false);
    } finally {
      shared.unlock();
    }
  }

  /**
   * Before a read: refreshes if a write was applied that the searcher does not show. Concurrent
   * reads wait for one refresh, and those it covered do not refresh again. While a rebuild or a
   * force merge holds the session, the read answers from the view it has (see the class comment).
   */
  private void showApplied() {
    if (closed || written <= visibleGeneration) {
      return;
    }
    Lock shared = sessionLock.readLock();
    if (!shared.tryLock()) {
      return;
    }
    try {
      refreshLocked(true);
    } finally {
      shared.unlock();
    }
  }

  /**
   * Caller holds the session's read lock. With {@code onlyIfBehind}, skips the refresh when an
   * earlier one, which this call may have waited for, already shows the last write.
   */
  private long refreshLocked(boolean onlyIfBehind) {
    synchronized (refreshing) {
      if (!onlyIfBehind || written > visibleGeneration) {
        refreshes.incrementAndGet();
        write(
            () -> {
              // Read before the reopen: whatever these cover has completed, so the reopened
              // reader holds it.
              long applied = checkpoint;
              long generation = written;
              guard.current().searchers().maybeRefreshBlocking();
              visibleCheckpoint = applied;
              visibleGeneration = generation;
              // Conditional removal: an entry written again meanwhile stays until a later refresh.
              unrefreshed.forEach(
                  (id, pending) -> {
                    if (pending.generation() <= generation) {
                      unrefreshed.remove(id, pending);
                    }
                  });
            });
      }
      return visibleCheckpoint;
    }
  }

  /**
   * Durably commits the applied changes with {@link #checkpoint()} as read when the commit starts;
   * skipped if nothing changed. Safe to call from any thread (see the class comment).
   */
  public void commit() {
    Lock shared = sessionLock.readLock();
    shared.lock();
    try {
      write(this::commitChanges);
    } finally {
      shared.unlock();
    }
  }

  /** Merges the index into one segment and commits; expensive, meant for quiet periods. */
  public void forceMerge() {
    Lock exclusive = sessionLock.writeLock();
    exclusive.lock();
    try {
      // As for a rebuild: reads during the merge see this view.
      refreshLocked(true);
      write(
          () -> {
            guard.current().writer().forceMerge(1);
            commitChanges();
          });
    } finally {
      exclusive.unlock();
    }
  }

  /**
   * Replaces the whole content with {@code records}, commits it with {@code newCheckpoint} as the
   * checkpoint (even if lower than the current one) and refreshes. Searches keep seeing the old
   * content until the final refresh, provided nobody calls {@link #refresh()} meanwhile, which the
   * single-writer rule already forbids. All or nothing: if reading {@code records} or indexing
   * fails, pending changes stay committed (they are committed first) and the rebuild is rolled back
   * before the exception is rethrown. {@code records} is read by two threads in turn, the caller's
   * and one of the rebuild's own, each adding what it took; it need not be thread-safe.
   */
  public List<QuarantinedRecord> replaceAll(Iterator<IndexedRecord> records, long newCheckpoint)
      throws IOException {
    Lock exclusive = sessionLock.writeLock();
    exclusive.lock();
    try {
      return replaceAllLocked(records, newCheckpoint);
    } finally {
      exclusive.unlock();
    }
  }

  private List<QuarantinedRecord> replaceAllLocked(
      Iterator<IndexedRecord> records, long newCheckpoint) throws IOException {
    commit();
    // Reads during the rebuild answer from this view without refreshing: it must hold every
    // change applied before.
    refreshLocked(true);
    List<QuarantinedRecord> quarantined;
    try {
      quarantined =
          guard.write(
              () -> {
                unrefreshed.clear();
                List<QuarantinedRecord> q =
                    Rebuild.replaceContent(guard.current().writer(), records);
                checkpoint = newCheckpoint;
                commitChanges();
                return q;
              });
    } catch (IndexFailedException e) {
      throw e;
    } catch (IOException | RuntimeException | Error e) {
      long before = generationBase + guard.current().writer().getMaxCompletedSequenceNumber();
      guard.rollback(e);
      if (!guard.isFailed()) {
        resetCheckpoints();
        // Everything written before the rebuild was committed first, so it is in the reopened
        // view; the new writer's generations start above it.
        generationBase = before;
        written = Math.max(written, before);
        visibleGeneration = written;
      }
      throw e;
    }
    refresh();
    return quarantined;
  }

  /** Searches everything applied before the call (see the class comment). */
  public SearchResult search(SearchQuery query) {
    showApplied();
    return guard.read(searcher -> recordSearcher.search(searcher, query));
  }

  /** The number of documents searches see. */
  public long count() {
    showApplied();
    return guard.read(searcher -> (long) searcher.getIndexReader().numDocs());
  }

  /** The version of record {@code id} searches see, empty if they do not find it. */
  public Optional<Long> versionOf(String id) {
    showApplied();
    return guard.read(searcher -> VersionReader.versionOf(searcher.getIndexReader(), id));
  }

  /** Id to version of every document searches see, to verify against the database. */
  public Map<String, Long> versions() {
    showApplied();
    return guard.read(searcher -> VersionReader.versions(searcher.getIndexReader()));
  }

  /** True once the writer hit a tragic exception; the index must then be reopened. */
  public boolean isFailed() {
    return guard.isFailed();
  }

  /** Commits unless failed, then releases everything; searches in flight finish normally. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    Lock exclusive = sessionLock.writeLock();
    exclusive.lock();
    try {
      if (!guard.isFailed()) {
        guard.write(
            () -> {
              commitChanges();
              return null;
            });
      }
    } finally {
      try {
        guard.close();
      } finally {
        exclusive.unlock();
      }
    }
  }

  private void write(IORunnable action) {
    try {
      guard.write(
          () -> {
            action.run();
            return null;
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void commitChanges() throws IOException {
    synchronized (committing) {
      IndexWriter writer = guard.current().writer();
      // Read before the commit starts: every write up to it has completed and is in this commit.
      long pending = checkpoint;
      if (!writer.hasUncommittedChanges() && pending == committedCheckpoint) {
        return;
      }
      writer.setLiveCommitData(WriterSession.checkpointData(pending));
      writer.commit();
      committedCheckpoint = pending;
    }
  }

  private void resetCheckpoints() throws IOException {
    committedCheckpoint = guard.current().committedCheckpoint();
    checkpoint = committedCheckpoint;
    // A fresh session's searchers show its last commit.
    visibleCheckpoint = committedCheckpoint;
  }
}
