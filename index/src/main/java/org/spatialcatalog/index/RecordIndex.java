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
 * <p><b>Visibility.</b> Applied changes are seen by searches after {@link #refresh()}, without a
 * commit; only committed changes survive a crash.
 *
 * <p><b>Threads.</b> A single writer thread calls {@link #apply}, {@link #refresh()}, {@link
 * #commit()}, {@link #replaceAll}, {@link #forceMerge()} and {@link #close()}; any number of
 * threads may call {@link #search}, {@link #count()}, {@link #versionOf}, {@link #versions()} and
 * the checkpoint getters concurrently, each read seeing one consistent point-in-time view.
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
  private volatile boolean closed;

  /** Versions written since the last refresh, which searchers cannot see yet (writer only). */
  private final Map<String, Long> unrefreshed = new HashMap<>();

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
    List<QuarantinedRecord> quarantined = new ArrayList<>();
    write(
        () -> {
          IndexWriter writer = guard.current().writer();
          Collection<IndexedRecord> records = upserts == null ? List.of() : upserts;
          Map<String, Long> indexed = indexedVersions(records);
          for (IndexedRecord record : records) {
            Long current =
                unrefreshed.containsKey(record.id())
                    ? unrefreshed.get(record.id())
                    : indexed.get(record.id());
            if (current != null && current > record.version()) {
              continue;
            }
            QuarantinedRecord q = upsert(writer, record);
            if (q != null) {
              quarantined.add(q);
            }
            unrefreshed.put(record.id(), record.version());
          }
          if (deletedIds != null && !deletedIds.isEmpty()) {
            writer.deleteDocuments(
                deletedIds.stream().map(RecordFields::idTerm).toArray(Term[]::new));
            deletedIds.forEach(unrefreshed::remove);
          }
          checkpoint = Math.max(checkpoint, newCheckpoint);
        });
    return quarantined;
  }

  /** Writes one record in full, or minimally if Lucene refuses it without a tragedy. */
  private static QuarantinedRecord upsert(IndexWriter writer, IndexedRecord record)
      throws IOException {
    Term id = RecordFields.idTerm(record.id());
    try {
      writer.updateDocument(id, RecordFields.toDocument(record));
      return null;
    } catch (RuntimeException e) {
      if (writer.getTragicException() != null) {
        throw e;
      }
      String reason = reason(e);
      writer.updateDocument(id, RecordFields.minimalDocument(record, reason));
      return new QuarantinedRecord(
          record.id(), record.version(), RecordFields.shorten(reason, 500));
    }
  }

  static String reason(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The records currently quarantined in the searchable view, at most {@code max}. */
  public List<QuarantinedRecord> quarantined(int max) {
    return guard.read(searcher -> QuarantineReader.list(searcher, max));
  }

  /** How many records are currently quarantined in the searchable view. */
  public long quarantinedCount() {
    return guard.read(QuarantineReader::count);
  }

  private Map<String, Long> indexedVersions(Collection<IndexedRecord> records) {
    if (records.isEmpty()) {
      return Map.of();
    }
    List<String> ids = records.stream().map(IndexedRecord::id).toList();
    return guard.read(searcher -> VersionReader.versionsOf(searcher.getIndexReader(), ids));
  }

  /** Makes every change applied so far visible to searches started afterwards. */
  public void refresh() {
    write(
        () -> {
          guard.current().searchers().maybeRefreshBlocking();
          unrefreshed.clear();
        });
  }

  /** Durably commits the applied changes with {@link #checkpoint()}; skipped if nothing changed. */
  public void commit() {
    write(this::commitChanges);
  }

  /** Merges the index into one segment and commits; expensive, meant for quiet periods. */
  public void forceMerge() {
    write(
        () -> {
          guard.current().writer().forceMerge(1);
          commitChanges();
        });
  }

  /**
   * Replaces the whole content with {@code records}, commits it with {@code newCheckpoint} as the
   * checkpoint (even if lower than the current one) and refreshes. Searches keep seeing the old
   * content until the final refresh, provided nobody calls {@link #refresh()} meanwhile, which the
   * single-writer rule already forbids. All or nothing: if reading {@code records} or indexing
   * fails, pending changes stay committed (they are committed first) and the rebuild is rolled back
   * before the exception is rethrown.
   */
  public List<QuarantinedRecord> replaceAll(Iterator<IndexedRecord> records, long newCheckpoint)
      throws IOException {
    commit();
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
      guard.rollback(e);
      if (!guard.isFailed()) {
        resetCheckpoints();
      }
      throw e;
    }
    refresh();
    return quarantined;
  }

  /** Searches the content made visible by the last refresh. */
  public SearchResult search(SearchQuery query) {
    return guard.read(searcher -> recordSearcher.search(searcher, query));
  }

  /** The number of documents visible to searches. */
  public long count() {
    return guard.read(searcher -> (long) searcher.getIndexReader().numDocs());
  }

  /** The version of record {@code id} as visible to searches, empty if it is not visible. */
  public Optional<Long> versionOf(String id) {
    return guard.read(searcher -> VersionReader.versionOf(searcher.getIndexReader(), id));
  }

  /** Id to version of every document visible to searches, to verify against the database. */
  public Map<String, Long> versions() {
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
    try {
      if (!guard.isFailed()) {
        guard.write(
            () -> {
              commitChanges();
              return null;
            });
      }
    } finally {
      guard.close();
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
    IndexWriter writer = guard.current().writer();
    long pending = checkpoint;
    if (!writer.hasUncommittedChanges() && pending == committedCheckpoint) {
      return;
    }
    writer.setLiveCommitData(WriterSession.checkpointData(pending));
    writer.commit();
    committedCheckpoint = pending;
  }

  private void resetCheckpoints() throws IOException {
    committedCheckpoint = guard.current().committedCheckpoint();
    checkpoint = committedCheckpoint;
  }
}
