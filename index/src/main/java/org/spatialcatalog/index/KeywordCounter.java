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
 * Counting happens per segment on ordinals and only keywords that occurred are turned into strings,
 * which keeps the cost proportional to the number of matches.
 */
final class KeywordCounter
    implements CollectorManager<KeywordCounter.Counts, KeywordCounter.Result> {

  /** The merged outcome: the exact match count, the top keywords and top extra-field values. */
  record Result(long total, List<FacetCount> keywords, Map<String, List<FacetCount>> fields) {}

  private final int maxFacets;
  private final List<String> extraFields;

  KeywordCounter(int maxFacets) {
    this(maxFacets, List.of());
  }

  /** Also counts the values of these configured extra fields. */
  KeywordCounter(int maxFacets, List<String> extraFields) {
    this.maxFacets = maxFacets;
    this.extraFields = List.copyOf(extraFields);
  }

  @Override
  public Counts newCollector() {
    List<String> fields = new java.util.ArrayList<>();
    fields.add(RecordFields.KEYWORD);
    extraFields.forEach(f -> fields.add(indexField(f)));
    return new Counts(fields);
  }

  @Override
  public Result reduce(Collection<Counts> collectors) {
    long total = 0;
    Map<String, Map<String, Long>> merged = new HashMap<>();
    for (Counts counts : collectors) {
      total += counts.matches;
      counts.byField.forEach(
          (field, values) ->
              values.forEach(
                  (k, v) ->
                      merged.computeIfAbsent(field, f -> new HashMap<>()).merge(k, v, Long::sum)));
    }
    Map<String, List<FacetCount>> fields = new java.util.LinkedHashMap<>();
    for (String extra : extraFields) {
      fields.put(extra, top(merged.getOrDefault(indexField(extra), Map.of())));
    }
    return new Result(total, top(merged.getOrDefault(RecordFields.KEYWORD, Map.of())), fields);
  }

  /** The doc-values field of a facet name: a {@link Property} or a configured extra field. */
  private static String indexField(String facetName) {
    return Property.ofFacetName(facetName)
        .map(p -> RecordFields.PROPERTY_EXACT + p.fieldName())
        .orElse(RecordFields.EXTRA_EXACT + facetName);
  }

  private List<FacetCount> top(Map<String, Long> merged) {
    return merged.entrySet().stream()
        .map(e -> new FacetCount(e.getKey(), e.getValue()))
        .sorted(
            Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::value))
        .limit(maxFacets)
        .toList();
  }

  /** Per-slice counts; one instance is only ever used by one thread. */
  static final class Counts implements Collector {

    private long matches;
    private final List<String> fields;
    private final Map<String, Map<String, Long>> byField = new HashMap<>();

    Counts(List<String> fields) {
      this.fields = fields;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      List<LeafCollector> perField = new java.util.ArrayList<>();
      for (String field : fields) {
        perField.add(fieldCollector(context, field, perField.isEmpty()));
      }
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          for (LeafCollector c : perField) {
            c.collect(doc);
          }
        }

        @Override
        public void finish() throws IOException {
          for (LeafCollector c : perField) {
            c.finish();
          }
        }
      };
    }

    private LeafCollector fieldCollector(
        LeafReaderContext context, String field, boolean countMatches) throws IOException {
      SortedSetDocValues values = DocValues.getSortedSet(context.reader(), field);
      int[] ordinalCounts = new int[Math.toIntExact(values.getValueCount())];
      Map<String, Long> byKeyword = byField.computeIfAbsent(field, f -> new HashMap<>());
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) {}

        @Override
        public void collect(int doc) throws IOException {
          if (countMatches) {
            matches++;
          }
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
