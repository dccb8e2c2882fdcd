package org.spatialcatalog.index;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link SearchQuery}.
 *
 * <p>{@code total} is the exact number of matching records. {@code keywords} is computed over all
 * matching records, not just the returned page: the {@value #MAX_FACETS} most frequent keywords, by
 * count descending, ties by value ascending.
 *
 * @param total the exact number of matching records
 * @param hits the requested page of hits, in the requested order
 * @param keywords keyword counts over all matching records
 * @param fieldFacets counts of the requested extra facet fields, by field name
 */
public record SearchResult(
    long total,
    List<SearchHit> hits,
    List<FacetCount> keywords,
    Map<String, List<FacetCount>> fieldFacets) {

  /** A result without extra facets. */
  public SearchResult(long total, List<SearchHit> hits, List<FacetCount> keywords) {
    this(total, hits, keywords, Map.of());
  }

  /** How many keyword facet values a result carries at most. */
  public static final int MAX_FACETS = 20;

  public SearchResult {
    hits = List.copyOf(hits);
    keywords = List.copyOf(keywords);
    fieldFacets = fieldFacets == null ? Map.of() : Map.copyOf(fieldFacets);
  }
}
