package org.spatialcatalog.index;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Reads record versions from one point-in-time reader, for verifying the index against the
 * database.
 *
 * <p>Only doc values and the id postings are touched, never stored fields, so reading every version
 * of a large index costs one sequential pass. Deleted documents are skipped.
 */
final class VersionReader {

  private VersionReader() {}

  static Optional<Long> versionOf(IndexReader reader, String id) throws IOException {
    BytesRef term = new BytesRef(id);
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(RecordFields.ID);
      if (terms == null) {
        continue;
      }
      TermsEnum termsEnum = terms.iterator();
      if (!termsEnum.seekExact(term)) {
        continue;
      }
      PostingsEnum postings = termsEnum.postings(null, PostingsEnum.NONE);
      Bits live = leaf.reader().getLiveDocs();
      NumericDocValues versions = DocValues.getNumeric(leaf.reader(), RecordFields.VERSION);
      for (int doc = postings.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = postings.nextDoc()) {
        if ((live == null || live.get(doc)) && versions.advanceExact(doc)) {
          return Optional.of(versions.longValue());
        }
      }
    }
    return Optional.empty();
  }

  /** The versions of those of {@code ids} that are in the index (one term seek per id). */
  static Map<String, Long> versionsOf(IndexReader reader, java.util.Collection<String> ids)
      throws IOException {
    Map<String, Long> result = new HashMap<>();
    for (String id : ids) {
      versionOf(reader, id).ifPresent(v -> result.put(id, v));
    }
    return result;
  }

  static Map<String, Long> versions(IndexReader reader) throws IOException {
    Map<String, Long> result = new HashMap<>(Math.max(16, reader.numDocs() * 4 / 3 + 1));
    for (LeafReaderContext leaf : reader.leaves()) {
      LeafReader leafReader = leaf.reader();
      Bits live = leafReader.getLiveDocs();
      SortedDocValues ids = DocValues.getSorted(leafReader, RecordFields.ID);
      NumericDocValues versions = DocValues.getNumeric(leafReader, RecordFields.VERSION);
      for (int doc = ids.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = ids.nextDoc()) {
        if ((live == null || live.get(doc)) && versions.advanceExact(doc)) {
          result.put(ids.lookupOrd(ids.ordValue()).utf8ToString(), versions.longValue());
        }
      }
    }
    return result;
  }
}
