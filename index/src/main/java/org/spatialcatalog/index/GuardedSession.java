package org.spatialcatalog.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.IOFunction;
import org.apache.lucene.util.IOSupplier;
import org.apache.lucene.util.IOUtils;

/**
 * Owns the current {@link WriterSession}, and the directory and analyzer it is built on, and
 * enforces the failure model around it.
 *
 * <p>Once the writer reports a tragic exception the holder is failed for good and every guarded
 * call throws {@link IndexFailedException}. After a non-tragic failure the writer thread may {@link
 * #rollback roll back} to the last commit, which swaps in a fresh session; readers that raced with
 * the swap retry on the new one, and searchers already acquired stay valid until released.
 */
final class GuardedSession implements Closeable {

  private final Directory directory;
  private final Analyzer analyzer;
  private volatile WriterSession current;
  private volatile Throwable failure;
  private volatile boolean closed;

  GuardedSession(Directory directory, Analyzer analyzer) throws IOException {
    this.directory = directory;
    this.analyzer = analyzer;
    this.current = WriterSession.open(directory, analyzer);
  }

  /** The session in use; only the writer thread may use its writer. */
  WriterSession current() {
    return current;
  }

  boolean isFailed() {
    return failure != null;
  }

  void ensureUsable() {
    Throwable tragic = failure;
    if (tragic != null) {
      throw new IndexFailedException(tragic);
    }
    if (closed) {
      throw new AlreadyClosedException("the index is closed");
    }
  }

  /** Runs a writer-thread action, turning a tragedy of the writer into a permanent failure. */
  <T> T write(IOSupplier<T> action) throws IOException {
    ensureUsable();
    try {
      return action.get();
    } catch (IOException | RuntimeException | Error e) {
      failIfTragic(e);
      throw e;
    }
  }

  /** Runs {@code action} on an acquired point-in-time searcher and always releases it. */
  <T> T read(IOFunction<IndexSearcher, T> action) {
    while (true) {
      ensureUsable();
      WriterSession session = current;
      IndexSearcher searcher;
      try {
        searcher = session.searchers().acquire();
      } catch (AlreadyClosedException e) {
        if (session != current) {
          continue; // lost a race with rollback(); the new session is ready
        }
        ensureUsable();
        throw e;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        return action.apply(searcher);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        release(session, searcher);
      }
    }
  }

  /**
   * Discards everything since the last commit by reopening the writer there. If that fails too, the
   * index is failed; the reason is added to {@code cause} as suppressed.
   */
  void rollback(Throwable cause) {
    try {
      current.rollback();
      current = WriterSession.open(directory, analyzer);
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
      failure = e;
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    IOUtils.close(current, analyzer, directory);
  }

  private void failIfTragic(Throwable thrown) {
    Throwable tragic = current.writer().getTragicException();
    if (tragic != null) {
      failure = tragic;
      IndexFailedException failed = new IndexFailedException(tragic);
      if (thrown != tragic) {
        failed.addSuppressed(thrown);
      }
      throw failed;
    }
  }

  private static void release(WriterSession session, IndexSearcher searcher) {
    try {
      session.searchers().release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
