package org.spatialcatalog.index;

import java.util.List;
import java.util.Map;

/**
 * A catalog search: optional free text, exact keyword filters, an optional bounding box, a page and
 * an order.
 *
 * <p>Any text is accepted: it is parsed tolerantly and never causes a parse error. A null or blank
 * text matches every record. All keyword filters must match (exact, case-sensitive). A bbox keeps
 * only records whose extent intersects it; records without an extent never match a bbox filter.
 * Validation rejects {@code from < 0} and {@code size} outside [0, {@value #MAX_SIZE}] with an
 * {@link IllegalArgumentException} naming the field. A null sort means {@link SortOrder#RELEVANCE};
 * null keywords mean no keyword filter.
 *
 * @param text the free text, or null / blank for all records
 * @param keywords exact keyword values that every hit must carry
 * @param bbox the area hits must intersect, or null
 * @param from how many hits to skip
 * @param size how many hits to return at most
 * @param sort the order of the hits
 * @param textFields configured extra fields that free text also searches
 * @param facetFields configured extra fields whose values are counted like keywords, and {@link
 *     Property#facetName() property facet names}
 * @param fieldFilters exact values of configured extra fields that every hit must carry
 * @param sortField a configured extra field to sort by (ascending); overrides {@code sort}
 * @param viewerTokens the caller's tokens ({@code all}, {@code g:<group>}, {@code u:<user>}): hits,
 *     counts and facets only include records viewable by one of them; null means no restriction
 *     (administrators)
 * @param constraint a structured filter every hit must also pass, or null for none
 */
public record SearchQuery(
    String text,
    List<String> keywords,
    Bbox bbox,
    int from,
    int size,
    SortOrder sort,
    List<String> textFields,
    List<String> facetFields,
    Map<String, List<String>> fieldFilters,
    String sortField,
    java.util.Set<String> viewerTokens,
    Constraint constraint) {

  /** A query without a structured constraint. */
  public SearchQuery(
      String text,
      List<String> keywords,
      Bbox bbox,
      int from,
      int size,
      SortOrder sort,
      List<String> textFields,
      List<String> facetFields,
      Map<String, List<String>> fieldFilters,
      String sortField,
      java.util.Set<String> viewerTokens) {
    this(
        text,
        keywords,
        bbox,
        from,
        size,
        sort,
        textFields,
        facetFields,
        fieldFilters,
        sortField,
        viewerTokens,
        null);
  }

  /** A query without a viewer restriction. */
  public SearchQuery(
      String text,
      List<String> keywords,
      Bbox bbox,
      int from,
      int size,
      SortOrder sort,
      List<String> textFields,
      List<String> facetFields,
      Map<String, List<String>> fieldFilters,
      String sortField) {
    this(
        text,
        keywords,
        bbox,
        from,
        size,
        sort,
        textFields,
        facetFields,
        fieldFilters,
        sortField,
        null);
  }

  /** A query over the built-in fields only. */
  public SearchQuery(
      String text, List<String> keywords, Bbox bbox, int from, int size, SortOrder sort) {
    this(text, keywords, bbox, from, size, sort, List.of(), List.of(), Map.of(), null);
  }

  /** The largest page a single query may ask for. */
  public static final int MAX_SIZE = 1000;

  public SearchQuery {
    if (from < 0) {
      throw new IllegalArgumentException("from must be >= 0, got " + from);
    }
    if (size < 0 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 0 and " + MAX_SIZE + ", got " + size);
    }
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    sort = sort == null ? SortOrder.RELEVANCE : sort;
    textFields = textFields == null ? List.of() : List.copyOf(textFields);
    facetFields = facetFields == null ? List.of() : List.copyOf(facetFields);
    fieldFilters = fieldFilters == null ? Map.of() : Map.copyOf(fieldFilters);
    viewerTokens = viewerTokens == null ? null : java.util.Set.copyOf(viewerTokens);
  }

  /** The first ten hits for {@code text} by relevance, without filters. */
  public static SearchQuery of(String text) {
    return new SearchQuery(text, List.of(), null, 0, 10, SortOrder.RELEVANCE);
  }

  /** True when there is no free text, so every record passing the filters matches. */
  public boolean matchesAllText() {
    return text == null || text.isBlank();
  }
}
