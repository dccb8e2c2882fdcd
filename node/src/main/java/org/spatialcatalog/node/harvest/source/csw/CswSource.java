package org.spatialcatalog.node.harvest.source.csw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.spatialcatalog.node.harvest.definition.CswOptions;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.definition.HttpUrls;
import org.spatialcatalog.node.harvest.source.HarvestSource;
import org.spatialcatalog.node.harvest.source.RecordIdentity;
import org.spatialcatalog.node.harvest.source.RecordSplitter;
import org.spatialcatalog.node.harvest.source.SourceAccess;
import org.spatialcatalog.node.harvest.source.SourceException;
import org.spatialcatalog.node.harvest.source.SourceItem;
import org.spatialcatalog.node.harvest.source.SourceReader;
import org.spatialcatalog.node.harvest.source.SourceUrls;
import org.spatialcatalog.node.harvest.source.SourceXml;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * CSW 2.0.2 GetRecords (KVP), paged by startPosition/maxRecords. Options: {@code outputSchema}
 * ({@code iso19139}, the default, or {@code csw:Record}), {@code constraint} (CQL text), and {@code
 * getRecordById} (true: ask GetRecords for brief records only and fetch each record with
 * GetRecordById, for servers whose full GetRecords answers are truncated or slow). The cursor is
 * the startPosition of a page. A page is parsed from the answer's stream while it arrives ({@link
 * RecordSplitter}) and each record is handed on as soon as it is read, so only one record is held
 * at a time; a record larger than {@code catalog.max-record-size} is a failed record under its
 * identifier. An {@code ows:ExceptionReport} or a missing SearchResults fails the page.
 */
@Component
class CswSource implements HarvestSource {

  static final String CSW = "http://www.opengis.net/cat/csw/2.0.2";
  static final String GMD = "http://www.isotc211.org/2005/gmd";
  static final String DC = "http://purl.org/dc/elements/1.1/";

  @Override
  public HarvesterType type() {
    return HarvesterType.CSW;
  }

  @Override
  public void validate(String url) {
    HttpUrls.require("url", url);
  }

  @Override
  public SourceReader open(Harvester h, SourceAccess access) {
    CswOptions options = h.options(CswOptions.class);
    String schema = options.outputSchemaUri();
    boolean byId = options.byId();
    return (SourceReader.StreamingReader)
        (cursor, sink) ->
            read(h, access, schema, byId, cursor == null ? 1 : Integer.parseInt(cursor), sink);
  }

  private SourceReader.Page read(
      Harvester h,
      SourceAccess access,
      String schema,
      boolean byId,
      int start,
      SourceReader.ItemSink items)
      throws SourceException, InterruptedException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("service", "CSW");
    params.put("version", "2.0.2");
    params.put("request", "GetRecords");
    params.put("typeNames", "csw:Record");
    params.put("resultType", "results");
    params.put("elementSetName", byId ? "brief" : "full");
    params.put("outputSchema", byId ? CSW : schema);
    params.put("startPosition", String.valueOf(start));
    params.put("maxRecords", String.valueOf(access.pageSize()));
    String constraint = h.options(CswOptions.class).constraint();
    if (constraint != null && !constraint.isBlank()) {
      params.put("constraintLanguage", "CQL_TEXT");
      params.put("constraint_language_version", "1.1.0");
      params.put("constraint", constraint);
    }
    // Parsed from the answer's stream, record by record: only one record is held at a time, and
    // one too large for the catalog is a failure under the identifier its start gives, not a
    // failed page.
    RecordSplitter splitter =
        new RecordSplitter(new QName(CSW, "SearchResults"), null, access.maxRecordSize());
    int[] count = {0};
    Document skeleton =
        access.http().stream(
            SourceUrls.with(h.url(), params),
            "application/xml",
            body -> {
              count[0] = 0;
              return splitter.split(
                  body,
                  "CSW GetRecords answer",
                  (record, oversized) -> {
                    String position = "startPosition " + start + " #" + ++count[0];
                    if (oversized) {
                      items.accept(
                          SourceItem.failure(
                              position,
                              RecordIdentity.ofParsed(record),
                              "record larger than "
                                  + access.maxRecordSize()
                                  + " characters (catalog.max-record-size); not imported"));
                    } else if (byId) {
                      String id = SourceXml.childText(record, DC, "identifier");
                      items.accept(
                          id == null
                              ? SourceItem.failure(position, null, "brief record without id")
                              : byId(h, access, schema, id, position));
                    } else {
                      items.accept(SourceItem.cut(position, null, null, record));
                    }
                  });
            });
    Element root = skeleton.getDocumentElement();
    if (root == null) {
      throw new SourceException("CSW answer has no root element");
    }
    if ("ExceptionReport".equals(root.getLocalName())) {
      throw new SourceException("CSW exception: " + root.getTextContent().trim());
    }
    Element results = SourceXml.child(root, CSW, "SearchResults");
    if (results == null) {
      throw new SourceException(
          "CSW answer without SearchResults (root " + root.getLocalName() + ")");
    }
    long matched = number(results, "numberOfRecordsMatched", -1);
    int i = count[0];
    long next = number(results, "nextRecord", start + i);
    boolean more = i > 0 && next > start && (matched < 0 || next <= matched);
    return new SourceReader.Page(List.of(), more ? String.valueOf(next) : null, matched);
  }

  private SourceItem byId(
      Harvester h, SourceAccess access, String schema, String id, String position)
      throws SourceException, InterruptedException {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("service", "CSW");
    params.put("version", "2.0.2");
    params.put("request", "GetRecordById");
    params.put("id", id);
    params.put("elementSetName", "full");
    params.put("outputSchema", schema);
    Document doc =
        SourceXml.parse(
            access.http().fetch(SourceUrls.with(h.url(), params), "application/xml"),
            "CSW GetRecordById answer");
    Element root = doc.getDocumentElement();
    Element record =
        "GetRecordByIdResponse".equals(root.getLocalName())
            ? SourceXml.child(root, null, null)
            : null;
    if (record == null) {
      return SourceItem.failure(
          position, id, "GetRecordById returned no record (" + root.getLocalName() + ")");
    }
    return SourceItem.cut(position, id, null, record);
  }

  private static long number(Element e, String attribute, long otherwise) {
    String v = e.getAttribute(attribute);
    try {
      return v == null || v.isBlank() ? otherwise : Long.parseLong(v.trim());
    } catch (NumberFormatException bad) {
      return otherwise;
    }
  }
}
