package org.spatialcatalog.node.csw;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spatialcatalog.index.Constraint;
import org.spatialcatalog.index.FacetCount;
import org.spatialcatalog.index.RecordIndex;
import org.spatialcatalog.index.SearchHit;
import org.spatialcatalog.index.SearchQuery;
import org.spatialcatalog.index.SearchResult;
import org.spatialcatalog.index.SortOrder;
import org.spatialcatalog.node.indexconfig.ActiveIndexConfig;
import org.spatialcatalog.node.indexconfig.IndexConfiguration;
import org.spatialcatalog.node.record.RecordNotFoundException;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.RecordService;
import org.spatialcatalog.node.record.StoredRecord;
import org.spatialcatalog.node.user.CatalogUser;
import org.spatialcatalog.node.user.CurrentUser;
import org.spatialcatalog.node.xml.XmlText;
import org.springframework.stereotype.Component;

/**
 * GetRecords, GetRecordById and GetDomain. Searches go through this node's index with the caller's
 * viewer tokens, exactly like {@code GET /api/search}, so hits, totals and domains only count
 * records the caller may view; single records are read through {@link RecordService}, which applies
 * the same view privilege.
 */
@Component
class RecordQueries {

  private final RecordIndex index;
  private final ActiveIndexConfig config;
  private final RecordRepository records;
  private final RecordService service;

  RecordQueries(
      RecordIndex index,
      ActiveIndexConfig config,
      RecordRepository records,
      RecordService service) {
    this.index = index;
    this.config = config;
    this.records = records;
    this.service = service;
  }

  Queryables queryables() {
    return new Queryables(config.configuration().fields().stream().map(f -> f.name()).toList());
  }

  /** The caller's viewer tokens, or null for administrators (no restriction). */
  static Set<String> viewerTokens() {
    CatalogUser viewer = CurrentUser.get();
    return viewer.isAdministrator() ? null : viewer.tokens();
  }

  /** One page of matches for the caller, in the requested order. */
  SearchResult search(Constraint constraint, SortOrder sort, int from, int size) {
    IndexConfiguration fields = config.configuration();
    try {
      return index.search(
          new SearchQuery(
              null,
              List.of(),
              null,
              from,
              size,
              sort,
              fields.searchable(),
              List.of(),
              Map.of(),
              null,
              viewerTokens(),
              constraint));
    } catch (IllegalArgumentException e) {
      throw CswException.invalid("constraint", e.getMessage());
    }
  }

  String getRecords(GetRecordsRequest q) {
    int from = q.startPosition() - 1;
    int size = q.resultType().equals("results") ? q.maxRecords() : 0;
    SearchResult result = search(q.constraint(), q.sort(), from, size);
    List<StoredRecord> page = load(result.hits());
    long total = result.total();
    long returned = page.size();
    long next;
    if (q.resultType().equals("results")) {
      long consumed = from + (long) result.hits().size();
      next = consumed < total ? consumed + 1 : 0;
    } else {
      next = from < total ? q.startPosition() : 0;
    }
    // Every element set needs the XML: csw:Record takes type, format and language from it.
    Map<String, String> xml =
        page.isEmpty() ? Map.of() : records.xmlOf(page.stream().map(StoredRecord::id).toList());
    StringBuilder out = new StringBuilder(4096);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csw:GetRecordsResponse ")
        .append(CswXml.CSW_NAMESPACES)
        .append(" version=\"2.0.2\" xsi:schemaLocation=\"")
        .append(CswXml.CSW_LOCATION)
        .append("\">");
    if (q.requestId() != null) {
      RecordFormats.element(out, "csw:RequestId", q.requestId());
    }
    out.append("<csw:SearchStatus timestamp=\"").append(Instant.now()).append("\"/>");
    out.append("<csw:SearchResults numberOfRecordsMatched=\"")
        .append(total)
        .append("\" numberOfRecordsReturned=\"")
        .append(returned)
        .append("\" nextRecord=\"")
        .append(next)
        .append('"');
    if (q.elementNames().isEmpty()) {
      out.append(" elementSet=\"").append(q.elementSet().name().toLowerCase()).append('"');
    }
    out.append(" recordSchema=\"").append(q.iso() ? CswXml.GMD : CswXml.CSW).append("\">");
    for (StoredRecord r : page) {
      out.append(render(r, xml.get(r.id()), q.iso(), q.elementSet(), q.elementNames()));
    }
    return out.append("</csw:SearchResults></csw:GetRecordsResponse>").toString();
  }

  String getRecordById(List<String> ids, boolean iso, RecordFormats.ElementSet set) {
    StringBuilder out = new StringBuilder(4096);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csw:GetRecordByIdResponse ")
        .append(CswXml.CSW_NAMESPACES)
        .append(" xsi:schemaLocation=\"")
        .append(CswXml.CSW_LOCATION)
        .append("\">");
    for (String id : ids) {
      StoredRecord r;
      String xml;
      try {
        r = service.get(id);
        xml = iso && set != RecordFormats.ElementSet.FULL ? null : service.xml(r.id());
      } catch (RecordNotFoundException hiddenOrMissing) {
        continue; // CSW answers an unknown id with an empty response, not an error
      }
      out.append(render(r, xml, iso, set, List.of()));
    }
    return out.append("</csw:GetRecordByIdResponse>").toString();
  }

  /** The values of a queryable among the records the caller may view. */
  String propertyDomain(String property) {
    Constraint.Ref ref = queryables().resolve(property);
    List<FacetCount> values;
    if (ref.extra() != null || ref.property() != null) {
      String facet = ref.extra() != null ? ref.extra() : ref.property().facetName();
      IndexConfiguration fields = config.configuration();
      SearchResult r =
          index.search(
              new SearchQuery(
                  null,
                  List.of(),
                  null,
                  0,
                  0,
                  SortOrder.RELEVANCE,
                  fields.searchable(),
                  List.of(facet),
                  Map.of(),
                  null,
                  viewerTokens(),
                  null));
      values = r.fieldFacets().getOrDefault(facet, List.of());
    } else if (ref.field() == Constraint.Field.KEYWORD) {
      values = search(null, SortOrder.RELEVANCE, 0, 0).keywords();
    } else if (ref.field() == Constraint.Field.TITLE) {
      Map<String, Long> titles = new LinkedHashMap<>();
      for (SearchHit hit : search(null, SortOrder.TITLE, 0, SearchQuery.MAX_SIZE).hits()) {
        titles.merge(hit.title(), 1L, Long::sum);
      }
      values = new ArrayList<>();
      titles.forEach((t, c) -> values.add(new FacetCount(t, c)));
    } else {
      throw CswException.invalid(
          "PropertyName",
          "GetDomain is supported for Title, Subject, the ISO properties (Type, Format,"
              + " OrganisationName, TopicCategory, ...) and configured extra fields, not '"
              + property
              + "'");
    }
    StringBuilder out = new StringBuilder();
    out.append("<csw:DomainValues type=\"csw:Record\">");
    RecordFormats.element(out, "csw:PropertyName", property);
    out.append("<csw:ListOfValues>");
    for (FacetCount v : values) {
      out.append("<csw:Value count=\"")
          .append(v.count())
          .append("\">")
          .append(XmlText.escape(v.value()))
          .append("</csw:Value>");
    }
    return out.append("</csw:ListOfValues></csw:DomainValues>").toString();
  }

  private static String render(
      StoredRecord r,
      String xml,
      boolean iso,
      RecordFormats.ElementSet set,
      List<String> elementNames) {
    return iso
        ? RecordFormats.iso(r, xml, set)
        : RecordFormats.dublinCore(r, xml, set, elementNames);
  }

  /** The stored records of a page, in the page's order; records deleted meanwhile drop out. */
  private List<StoredRecord> load(List<SearchHit> hits) {
    if (hits.isEmpty()) {
      return List.of();
    }
    Map<String, StoredRecord> byId = new LinkedHashMap<>();
    for (StoredRecord r : records.findAll(hits.stream().map(SearchHit::id).toList())) {
      byId.put(r.id(), r);
    }
    Set<String> tokens = viewerTokens();
    List<StoredRecord> page = new ArrayList<>();
    for (SearchHit hit : hits) {
      StoredRecord r = byId.get(hit.id());
      // A privilege change committed after the index answered must not leak the record.
      if (r != null
          && (tokens == null || r.access().viewers().stream().anyMatch(tokens::contains))) {
        page.add(r);
      }
    }
    return page;
  }
}
