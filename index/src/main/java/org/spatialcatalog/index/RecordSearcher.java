package org.spatialcatalog.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;

/**
 * Runs one {@link SearchQuery} against one point-in-time searcher.
 *
 * <p>A single pass over the matches collects the page, the exact total and the keyword facets, so
 * all three describe the same set of documents. Every sort ends with the id as a tie-breaker, which
 * keeps pages stable across refreshes and merges.
 */
final class RecordSearcher {

  private static final Sort BY_RELEVANCE =
      new Sort(SortField.FIELD_SCORE, new SortField(RecordFields.ID, SortField.Type.STRING));

  private static final Sort BY_TITLE =
      new Sort(
          new SortField(RecordFields.TITLE_SORT, SortField.Type.STRING),
          new SortField(RecordFields.ID, SortField.Type.STRING));

  private static final Sort BY_DATE =
      new Sort(
          new SortField(RecordFields.CHANGE_DATE, SortField.Type.LONG, true),
          new SortField(RecordFields.ID, SortField.Type.STRING));

  private static final Sort BY_TITLE_DESCENDING =
      new Sort(
          new SortField(RecordFields.TITLE_SORT, SortField.Type.STRING, true),
          new SortField(RecordFields.ID, SortField.Type.STRING, true));

  private static final Sort BY_DATE_ASCENDING =
      new Sort(
          new SortField(RecordFields.CHANGE_DATE, SortField.Type.LONG),
          new SortField(RecordFields.ID, SortField.Type.STRING, true));

  // Totals come from KeywordCounter, so the top-docs collectors need not count exactly.
  private static final int TOTAL_HITS_THRESHOLD = 1000;

  private final QueryTranslator translator;

  RecordSearcher(QueryTranslator translator) {
    this.translator = translator;
  }

  SearchResult search(IndexSearcher searcher, SearchQuery request) throws IOException {
    try {
      return search(searcher, request, translator.toLucene(request));
    } catch (IndexSearcher.TooManyClauses e) {
      // Operators like fuzzy terms expanded past Lucene's clause limit; user input must not fail.
      return search(searcher, request, translator.toLiteral(request));
    }
  }

  private SearchResult search(IndexSearcher searcher, SearchQuery request, Query query)
      throws IOException {
    KeywordCounter counter = new KeywordCounter(SearchResult.MAX_FACETS, request.facetFields());
    int wanted = pageEnd(searcher, request);
    if (wanted <= request.from()) {
      KeywordCounter.Result counts = searcher.search(query, counter);
      return new SearchResult(counts.total(), List.of(), counts.keywords(), counts.fields());
    }
    Object[] results =
        searcher.search(query, new MultiCollectorManager(topDocs(request, wanted), counter));
    TopDocs top = (TopDocs) results[0];
    KeywordCounter.Result counts = (KeywordCounter.Result) results[1];
    // Field sorts do not keep scores, and a hit should carry its score whatever the order.
    TopFieldCollector.populateScores(top.scoreDocs, searcher, query);
    return new SearchResult(
        counts.total(), page(searcher, top, request.from()), counts.keywords(), counts.fields());
  }

  /** The exclusive end of the requested page, capped so huge offsets allocate nothing. */
  private static int pageEnd(IndexSearcher searcher, SearchQuery request) {
    long end = (long) request.from() + request.size();
    return (int) Math.min(end, searcher.getIndexReader().numDocs());
  }

  private static TopFieldCollectorManager topDocs(SearchQuery request, int wanted) {
    Sort sort =
        request.sortField() != null
            ? new Sort(
                new SortField(RecordFields.EXTRA_SORT + request.sortField(), SortField.Type.STRING),
                new SortField(RecordFields.ID, SortField.Type.STRING))
            : switch (request.sort()) {
              case RELEVANCE -> BY_RELEVANCE;
              case TITLE -> BY_TITLE;
              case DATE -> BY_DATE;
              case TITLE_DESCENDING -> BY_TITLE_DESCENDING;
              case DATE_ASCENDING -> BY_DATE_ASCENDING;
            };
    return new TopFieldCollectorManager(sort, wanted, TOTAL_HITS_THRESHOLD);
  }

  private static List<SearchHit> page(IndexSearcher searcher, TopDocs top, int from)
      throws IOException {
    StoredFields stored = searcher.storedFields();
    List<SearchHit> hits = new ArrayList<>();
    for (int i = from; i < top.scoreDocs.length; i++) {
      ScoreDoc scoreDoc = top.scoreDocs[i];
      hits.add(RecordFields.toHit(stored.document(scoreDoc.doc), scoreDoc.score));
    }
    return hits;
  }
}
