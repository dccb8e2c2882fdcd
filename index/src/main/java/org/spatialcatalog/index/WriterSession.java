package org.spatialcatalog.index;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.IOUtils;

/**
 * One open {@link IndexWriter} together with the near-real-time {@link SearcherManager} fed by it,
 * and the checkpoint recorded in the commit the writer started from.
 *
 * <p>Changes become durable only through an explicit commit: closing never commits, so a session
 * that is closed or rolled back leaves the last commit, checkpoint included, untouched.
 */
record WriterSession(IndexWriter writer, SearcherManager searchers) implements Closeable {

  /** The commit user data key holding the highest change-log sequence in that commit. */
  static final String CHECKPOINT_KEY = "checkpoint";

  static WriterSession open(Directory directory, Analyzer analyzer) throws IOException {
    boolean existed = DirectoryReader.indexExists(directory);
    IndexWriterConfig config =
        new IndexWriterConfig(analyzer)
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
            .setCommitOnClose(false)
            // A refresh every few milliseconds flushes segments of a few documents: packing each
            // into a compound file, and waiting for merges on every refresh (Lucene's default
            // 500 ms), cost more than the documents themselves (issue 11 profile).
            .setUseCompoundFile(false)
            .setMaxFullFlushMergeWaitMillis(0);
    IndexWriter writer = new IndexWriter(directory, config);
    try {
      if (!existed) {
        // An initial commit makes "checkpoint 0, no documents" a durable, readable state.
        writer.setLiveCommitData(checkpointData(0));
        writer.commit();
      }
      return new WriterSession(writer, new SearcherManager(writer, null));
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(writer);
      throw e;
    }
  }

  static Iterable<Map.Entry<String, String>> checkpointData(long checkpoint) {
    return Map.of(CHECKPOINT_KEY, Long.toString(checkpoint)).entrySet();
  }

  /** The checkpoint in the commit this writer opened, or in its own latest commit. */
  long committedCheckpoint() throws IOException {
    Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
    if (data != null) {
      for (Map.Entry<String, String> entry : data) {
        if (CHECKPOINT_KEY.equals(entry.getKey())) {
          try {
            return Long.parseLong(entry.getValue());
          } catch (NumberFormatException e) {
            throw new IOException("commit checkpoint is not a number: " + entry.getValue(), e);
          }
        }
      }
    }
    return 0;
  }

  /** Discards everything since the last commit and closes, so the next session starts there. */
  void rollback() throws IOException {
    try {
      writer.rollback();
    } finally {
      searchers.close();
    }
  }

  @Override
  public void close() throws IOException {
    IOUtils.close(searchers, writer);
  }
}
