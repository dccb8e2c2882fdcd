package org.spatialcatalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spatialcatalog.index.TestRecords.record;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class RebuildTest {

  @Test
  void theIndexingThreadsWriteTheirBuffersOutBeforeTheCommit() throws IOException {
    try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
      List<IndexedRecord> records =
          IntStream.range(0, 5000).mapToObj(i -> record("r" + i, "Record " + i)).toList();

      List<QuarantinedRecord> quarantined = Rebuild.replaceContent(writer, records.iterator());

      // Without the threads' own flushes, every document would still be in memory here (several
      // MB), for the commit to write out on one thread.
      assertThat(quarantined).isEmpty();
      assertThat(writer.ramBytesUsed()).isLessThan(256 * 1024);
      writer.commit();
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        assertThat(reader.numDocs()).isEqualTo(5000);
      }
    }
  }
}
