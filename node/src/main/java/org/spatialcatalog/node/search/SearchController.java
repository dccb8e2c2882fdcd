package org.spatialcatalog.node.search;

import java.util.List;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.index.SearchQuery;
import org.spatialcatalog.index.SearchResult;
import org.spatialcatalog.index.SortOrder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search}: full text, keyword and bounding-box filters, paging, sorting and
 * keyword facets, answered from this node's index.
 */
@RestController
class SearchController {

  private final RecordIndex index;

  SearchController(RecordIndex index) {
    this.index = index;
  }

  @GetMapping("/api/search")
  SearchResponse search(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) List<String> keyword,
      @RequestParam(required = false) String bbox,
      @RequestParam(defaultValue = "0") int from,
      @RequestParam(defaultValue = "20") int size,
      @RequestParam(defaultValue = "relevance") String sort) {
    SearchQuery query =
        new SearchQuery(
            q,
            keyword == null ? List.of() : keyword,
            bbox == null || bbox.isBlank() ? null : Bbox.parse(bbox),
            from,
            size,
            sortOrder(sort));
    return SearchResponse.of(index.search(query));
  }

  private static SortOrder sortOrder(String sort) {
    return switch (sort.toLowerCase(java.util.Locale.ROOT)) {
      case "relevance" -> SortOrder.RELEVANCE;
      case "title" -> SortOrder.TITLE;
      case "date" -> SortOrder.DATE;
      default ->
          throw new IllegalArgumentException(
              "sort '" + sort + "' is not one of relevance, title, date");
    };
  }

  /** The JSON shape of a search answer. */
  record SearchResponse(long total, List<Hit> hits, Facets facets) {
    static SearchResponse of(SearchResult result) {
      return new SearchResponse(
          result.total(),
          result.hits().stream()
              .map(
                  h ->
                      new Hit(
                          h.id(),
                          h.uuid(),
                          h.title(),
                          h.abstractExcerpt(),
                          h.bbox() == null ? null : h.bbox().toArray(),
                          Float.isNaN(h.score()) ? null : h.score(),
                          h.version()))
              .toList(),
          new Facets(
              result.keywords().stream().map(f -> new FacetValue(f.value(), f.count())).toList()));
    }
  }

  record Hit(
      String id, String uuid, String title, String abstractExcerpt, double[] bbox, Float score,
      long version) {}

  record Facets(List<FacetValue> keywords) {}

  record FacetValue(String value, long count) {}
}
