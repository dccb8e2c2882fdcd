package org.spatialcatalog.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
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
    return Optional.ofNullable(versionsOf(reader, List.of(id)).get(id));
  }

  /**
   * The versions of those of {@code ids} that are in the index: one term seek per id and segment,
   * through one terms enumeration per segment (a new one per id cost more than the seek when a
   * batch of a harvest met an index of many small segments), in term order.
   */
  static Map<String, Long> versionsOf(IndexReader reader, Collection<String> ids)
      throws IOException {
    Map<String, Long> result = new HashMap<>();
    List<String> sorted = new ArrayList<>(new TreeSet<>(ids));
    PostingsEnum postings = null;
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(RecordFields.ID);
      if (terms == null) {
        continue;
      }
      TermsEnum termsEnum = terms.iterator();
      Bits live = leaf.reader().getLiveDocs();
      // Doc values are read forward only: gather the live documents first, then read in doc order.
      List<Hit> hits = new ArrayList<>();
      for (String id : sorted) {
        if (result.containsKey(id) || !termsEnum.seekExact(new BytesRef(id))) {
          continue;
        }
        postings = termsEnum.postings(postings, PostingsEnum.NONE);
        for (int doc = postings.nextDoc();
            doc != DocIdSetIterator.NO_MORE_DOCS;
            doc = postings.nextDoc()) {
          if (live == null || live.get(doc)) {
            hits.add(new Hit(doc, id));
            break;
          }
        }
      }
      if (hits.isEmpty()) {
        continue;
      }
      hits.sort(Comparator.comparingInt(Hit::doc));
      NumericDocValues versions = DocValues.getNumeric(leaf.reader(), RecordFields.VERSION);
      for (Hit hit : hits) {
        if (versions.advanceExact(hit.doc())) {
          result.put(hit.id(), versions.longValue());
        }
      }
    }
    return result;
  }

  /** A live document of one segment holding {@code id}. */
  private record Hit(int doc, String id) {}

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
