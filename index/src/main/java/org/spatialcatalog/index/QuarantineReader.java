package org.spatialcatalog.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/** Lists the minimal documents of quarantined records from one point-in-time searcher. */
final class QuarantineReader {

  private static final TermQuery QUERY = new TermQuery(new Term(RecordFields.QUARANTINED, "true"));

  private QuarantineReader() {}

  static List<QuarantinedRecord> list(IndexSearcher searcher, int max) throws IOException {
    List<QuarantinedRecord> result = new ArrayList<>();
    if (max <= 0) {
      return result;
    }
    for (ScoreDoc hit : searcher.search(QUERY, max).scoreDocs) {
      Document doc = searcher.storedFields().document(hit.doc);
      result.add(
          new QuarantinedRecord(
              doc.get(RecordFields.ID),
              doc.getField(RecordFields.VERSION).numericValue().longValue(),
              doc.get(RecordFields.QUARANTINE_REASON)));
    }
    return result;
  }

  static long count(IndexSearcher searcher) throws IOException {
    return searcher.count(QUERY);
  }
}
