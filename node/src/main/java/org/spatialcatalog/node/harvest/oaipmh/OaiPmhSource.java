package org.spatialcatalog.node.harvest.oaipmh;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spatialcatalog.node.harvest.HarvestSource;
import org.spatialcatalog.node.harvest.Harvester;
import org.spatialcatalog.node.harvest.HarvesterType;
import org.spatialcatalog.node.harvest.InvalidHarvesterException;
import org.spatialcatalog.node.harvest.SourceAccess;
import org.spatialcatalog.node.harvest.SourceException;
import org.spatialcatalog.node.harvest.SourceItem;
import org.spatialcatalog.node.harvest.SourceReader;
import org.spatialcatalog.node.harvest.SourceUrls;
import org.spatialcatalog.node.harvest.SourceXml;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * OAI-PMH 2.0 ListRecords. Options: {@code metadataPrefix} ({@code iso19139}, the default, or
 * {@code oai_dc}), {@code set}, {@code from}, {@code until} (dates or UTC date-times). The
 * cursor is the resumptionToken that fetches a page (none for the first), so a resumed job asks
 * the source for the page it was working on; records marked deleted in their header are left
 * out (they then count as vanished at the end of a complete run).
 */
@Component
class OaiPmhSource implements HarvestSource {

  static final String OAI = "http://www.openarchives.org/OAI/2.0/";
  private static final Set<String> PREFIXES = Set.of("iso19139", "oai_dc");

  @Override
  public HarvesterType type() {
    return HarvesterType.OAIPMH;
  }

  @Override
  public java.util.Set<String> optionNames() {
    return java.util.Set.of("metadataPrefix", "set", "from", "until");
  }

  @Override
  public void validate(String url, Map<String, Object> options) {
    requireHttp(url);
    Object prefix = options.get("metadataPrefix");
    if (prefix != null && !PREFIXES.contains(String.valueOf(prefix))) {
      throw new InvalidHarvesterException("options.metadataPrefix",
          "'" + prefix + "' is not supported; use iso19139 or oai_dc");
    }
    date("options.from", options.get("from"));
    date("options.until", options.get("until"));
  }

  static void requireHttp(String url) {
    if (!(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new InvalidHarvesterException("url", "'" + url + "' is not an http(s) URL");
    }
    try {
      java.net.URI uri = new java.net.URI(url);
      if (uri.getHost() == null) {
        throw new InvalidHarvesterException("url", "'" + url + "' has no host");
      }
    } catch (java.net.URISyntaxException e) {
      throw new InvalidHarvesterException("url", "'" + url + "' is not a URL: " + e.getReason());
    }
  }

  private static void date(String field, Object value) {
    if (value == null) {
      return;
    }
    String text = String.valueOf(value);
    try {
      if (text.length() == 10) {
        LocalDate.parse(text);
      } else {
        OffsetDateTime.parse(text);
      }
    } catch (DateTimeParseException e) {
      throw new InvalidHarvesterException(field,
          "'" + text + "' is not a date (2026-01-31) or UTC date-time (2026-01-31T12:00:00Z)");
    }
  }

  @Override
  public SourceReader open(Harvester h, SourceAccess access) {
    return cursor -> read(h, access, cursor);
  }

  private SourceReader.Page read(Harvester h, SourceAccess access, String cursor)
      throws SourceException, InterruptedException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("verb", "ListRecords");
    if (cursor == null) {
      params.put("metadataPrefix", h.option("metadataPrefix") == null ? "iso19139"
          : h.option("metadataPrefix"));
      params.put("set", h.option("set"));
      params.put("from", h.option("from"));
      params.put("until", h.option("until"));
    } else {
      params.put("resumptionToken", cursor);
    }
    String body = access.http().get(SourceUrls.with(h.url(), params), "text/xml");
    Document doc = SourceXml.parse(body, "OAI-PMH answer");
    Element root = doc.getDocumentElement();
    Element error = SourceXml.child(root, OAI, "error");
    if (error != null) {
      if ("noRecordsMatch".equals(error.getAttribute("code"))) {
        return new SourceReader.Page(List.of(), null);
      }
      throw new SourceException("OAI-PMH error " + error.getAttribute("code") + ": "
          + error.getTextContent().trim());
    }
    Element list = SourceXml.child(root, OAI, "ListRecords");
    if (list == null) {
      throw new SourceException("OAI-PMH answer has neither ListRecords nor error (root "
          + root.getLocalName() + ")");
    }
    List<SourceItem> items = new ArrayList<>();
    int i = 0;
    String where = cursor == null ? "first page" : "resumptionToken " + cursor;
    for (Element record : SourceXml.children(list, OAI, "record")) {
      i++;
      String position = where + " #" + i;
      Element header = SourceXml.child(record, OAI, "header");
      String id = header == null ? null : SourceXml.childText(header, OAI, "identifier");
      if (header != null && "deleted".equals(header.getAttribute("status"))) {
        continue;
      }
      String datestamp = header == null ? null : SourceXml.childText(header, OAI, "datestamp");
      Element metadata = SourceXml.child(record, OAI, "metadata");
      Element content = metadata == null ? null : SourceXml.child(metadata, null, null);
      if (content == null) {
        items.add(SourceItem.failure(position, id, "record without metadata"));
        continue;
      }
      items.add(SourceItem.record(position, id, datestamp, SourceXml.standalone(content)));
    }
    String token = SourceXml.childText(list, OAI, "resumptionToken");
    return new SourceReader.Page(items, token);
  }
}
