package org.spatialcatalog.index;

import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts every document a query matches, and how often each keyword occurs among them.
 *
 * <p>It sees all matches, not just one page, so both the total and the keyword facets are exact.
 * Counting happens per segment on ordinals and only keywords that occurred are turned into
 * strings, which keeps the cost proportional to the number of matches.
 */
final class KeywordCounter
    implements CollectorManager<KeywordCounter.Counts, KeywordCounter.Result> {

  /** The merged outcome: the exact match count and the top keywords. */
  record Result(long total, List<FacetCount> keywords) {}

  private final int maxFacets;

  KeywordCounter(int maxFacets) {
    this.maxFacets = maxFacets;
  }

  @Override
  public Counts newCollector() {
    return new Counts();
  }

  @Override
  public Result reduce(Collection<Counts> collectors) {
    long total = 0;
    Map<String, Long> merged = new HashMap<>();
    for (Counts counts : collectors) {
      total += counts.matches;
      counts.byKeyword.forEach((k, v) -> merged.merge(k, v, Long::sum));
    }
    List<FacetCount> top =
        merged.entrySet().stream()
            .map(e -> new FacetCount(e.getKey(), e.getValue()))
            .sorted(
                Comparator.comparingLong(FacetCount::count)
                    .reversed()
                    .thenComparing(FacetCount::value))
            .limit(maxFacets)
            .toList();
    return new Result(total, top);
  }

  /** Per-slice counts; one instance is only ever used by one thread. */
  static final class Counts implements Collector {

    private long matches;
    private final Map<String, Long> byKeyword = new HashMap<>();

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      SortedSetDocValues values = DocValues.getSortedSet(context.reader(), RecordFields.KEYWORD);
      int[] ordinalCounts = new int[Math.toIntExact(values.getValueCount())];
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          matches++;
          if (values.advanceExact(doc)) {
            for (int i = values.docValueCount(); i > 0; i--) {
              ordinalCounts[(int) values.nextOrd()]++;
            }
          }
        }

        @Override
        public void finish() throws IOException {
          for (int ord = 0; ord < ordinalCounts.length; ord++) {
            if (ordinalCounts[ord] > 0) {
              String keyword = values.lookupOrd(ord).utf8ToString();
              byKeyword.merge(keyword, (long) ordinalCounts[ord], Long::sum);
            }
          }
        }
      };
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }
}
