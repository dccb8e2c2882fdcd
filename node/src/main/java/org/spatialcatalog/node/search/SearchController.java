package org.spatialcatalog.node.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.index.SearchQuery;
import org.spatialcatalog.index.SearchResult;
import org.spatialcatalog.index.SortOrder;
import org.spatialcatalog.node.indexconfig.ActiveIndexConfig;
import org.spatialcatalog.node.indexconfig.IndexConfiguration;
import org.spatialcatalog.node.record.KeywordForm;
import org.spatialcatalog.node.user.CatalogUser;
import org.spatialcatalog.node.user.CurrentUser;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/search}: full text, keyword and bounding-box filters, paging, sorting and keyword
 * facets, answered from this node's index. Hits, totals and facets only count records the caller
 * may view.
 */
@RestController
class SearchController {

  /** The parameters of every search; configured index fields add their own. */
  static final List<String> PARAMETERS = List.of("q", "keyword", "bbox", "from", "size", "sort");

  private final RecordIndex index;
  private final ActiveIndexConfig config;

  SearchController(RecordIndex index, ActiveIndexConfig config) {
    this.index = index;
    this.config = config;
  }

  @GetMapping("/api/search")
  SearchResponse search(
      @RequestParam(required = false) String q,
      @RequestParam(required = false) List<String> keyword,
      @RequestParam(required = false) String bbox,
      @RequestParam(defaultValue = "0") int from,
      @RequestParam(defaultValue = "20") int size,
      @RequestParam(defaultValue = "relevance") String sort,
      @RequestParam MultiValueMap<String, String> parameters) {
    IndexConfiguration fields = config.configuration();
    List<String> unknown =
        parameters.keySet().stream()
            .filter(name -> !PARAMETERS.contains(name) && !fields.has(name))
            .sorted()
            .toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown search parameter(s) "
              + unknown
              + "; accepted: "
              + String.join(", ", PARAMETERS)
              + (fields.fields().isEmpty() ? "" : " and the configured index fields"));
    }
    CatalogUser viewer = CurrentUser.get();
    Map<String, List<String>> filters = new LinkedHashMap<>();
    parameters.forEach(
        (name, values) -> {
          if (fields.has(name)) {
            filters.put(name, values);
          }
        });
    String sortField = fields.isSortable(sort) ? sort : null;
    SearchQuery query =
        new SearchQuery(
            q,
            keyword == null ? List.of() : KeywordForm.of(keyword),
            bbox == null || bbox.isBlank() ? null : Bbox.parse(bbox),
            from,
            size,
            sortField == null ? sortOrder(sort, fields) : SortOrder.RELEVANCE,
            fields.searchable(),
            fields.facetable(),
            filters,
            sortField,
            viewer.isAdministrator() ? null : viewer.tokens());
    return SearchResponse.of(index.search(query));
  }

  private static SortOrder sortOrder(String sort, IndexConfiguration fields) {
    return switch (sort.toLowerCase(java.util.Locale.ROOT)) {
      case "relevance" -> SortOrder.RELEVANCE;
      case "title" -> SortOrder.TITLE;
      case "-title" -> SortOrder.TITLE_DESCENDING;
      case "date" -> SortOrder.DATE;
      case "-date" -> SortOrder.DATE_ASCENDING;
      default ->
          throw new IllegalArgumentException(
              "sort '"
                  + sort
                  + "' is not one of relevance, title, -title, date, -date"
                  + (fields.fields().isEmpty() ? "" : " or a sortable configured field"));
    };
  }

  /** The JSON shape of a search answer. */
  record SearchResponse(long total, List<Hit> hits, Map<String, List<FacetValue>> facets) {
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
          facets(result));
    }

    private static Map<String, List<FacetValue>> facets(SearchResult result) {
      Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
      facets.put(
          "keywords",
          result.keywords().stream().map(f -> new FacetValue(f.value(), f.count())).toList());
      result
          .fieldFacets()
          .forEach(
              (field, counts) ->
                  facets.put(
                      field,
                      counts.stream().map(f -> new FacetValue(f.value(), f.count())).toList()));
      return facets;
    }
  }

  record Hit(
      String id,
      String uuid,
      String title,
      String abstractExcerpt,
      double[] bbox,
      Float score,
      long version) {}

  record FacetValue(String value, long count) {}
}
