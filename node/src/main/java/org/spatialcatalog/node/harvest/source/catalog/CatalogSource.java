package org.spatialcatalog.node.harvest.source.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.harvest.definition.CatalogOptions;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.source.HarvestSource;
import org.spatialcatalog.node.harvest.source.SourceAccess;
import org.spatialcatalog.node.harvest.source.SourceException;
import org.spatialcatalog.node.harvest.source.SourceItem;
import org.spatialcatalog.node.harvest.source.SourceReader;
import org.spatialcatalog.node.harvest.source.SourceUrls;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Another catalog of this product: pages of {@code GET /api/search} (option {@code query}, the
 * search text, default everything), then each record's XML from {@code GET /api/records/{id}}. The
 * remote id is the record's uuid and its version the change marker, so unchanged records are
 * skipped without comparing content. The cursor is the {@code from} offset of a page.
 */
@Component
class CatalogSource implements HarvestSource {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public HarvesterType type() {
    return HarvesterType.CATALOG;
  }

  @Override
  public void validate(String url) {
    org.spatialcatalog.node.harvest.definition.HttpUrls.require("url", url);
  }

  @Override
  public SourceReader open(Harvester h, SourceAccess access) {
    String base = h.url().endsWith("/") ? h.url().substring(0, h.url().length() - 1) : h.url();
    return cursor -> {
      int from = cursor == null ? 0 : Integer.parseInt(cursor);
      Map<String, String> params = new LinkedHashMap<>();
      String query = h.options(CatalogOptions.class).query();
      params.put("q", query == null ? "" : query);
      params.put("from", String.valueOf(from));
      params.put("size", String.valueOf(Math.min(1000, access.pageSize())));
      params.put("sort", "title");
      JsonNode page;
      try {
        page =
            JSON.readTree(
                access
                    .http()
                    .get(SourceUrls.with(base + "/api/search", params), "application/json"));
      } catch (tools.jackson.core.JacksonException e) {
        throw new SourceException("catalog search answer is not JSON: " + e.getMessage(), e);
      }
      long total = page.path("total").asLong();
      List<SourceItem> items = new ArrayList<>();
      int i = 0;
      for (JsonNode hit : page.path("hits")) {
        String position = "from " + from + " #" + (++i);
        String id = hit.path("id").asString();
        String uuid = hit.path("uuid").asString();
        String xml = access.http().get(URI.create(base + "/api/records/" + id), "application/xml");
        items.add(
            SourceItem.record(
                position, uuid.isEmpty() ? id : uuid, "v" + hit.path("version").asLong(), xml));
      }
      int next = from + i;
      return new SourceReader.Page(
          items, i > 0 && next < total ? String.valueOf(next) : null, total);
    };
  }
}
