package org.spatialcatalog.node.oai;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.record.RecordRepository;
import org.spatialcatalog.node.record.RecordSchema;
import org.spatialcatalog.node.record.StoredRecord;
import org.spatialcatalog.node.user.CatalogUser;
import org.springframework.stereotype.Component;

/**
 * Answers the six OAI-PMH 2.0 verbs for one caller. Every answer, including every error, is a
 * complete OAI-PMH document. Stateless (listing state travels in the resumption token);
 * thread-safe.
 */
@Component
class OaiProvider {

  private static final String IDENTIFIER_SCHEME = "oai:";

  private final OaiListing listing;
  private final OaiRepository rows;
  private final RecordRepository records;
  private final OaiProperties properties;
  private final Clock clock;

  OaiProvider(
      OaiListing listing,
      OaiRepository rows,
      RecordRepository records,
      OaiProperties properties,
      Clock clock) {
    this.listing = listing;
    this.rows = rows;
    this.records = records;
    this.properties = properties;
    this.clock = clock;
  }

  String answer(Map<String, String[]> parameters, String baseUrl, CatalogUser caller) {
    OaiRequest request = null;
    try {
      request = OaiRequest.parse(parameters);
      OaiWriter out =
          new OaiWriter(baseUrl, Instant.now(clock), verbFirst(request, request.arguments()));
      switch (request.verb()) {
        case "Identify" -> identify(out, baseUrl);
        case "ListMetadataFormats" -> metadataFormats(out, request, caller);
        case "ListSets" -> sets(out, request);
        case "GetRecord" -> record(out, request, caller);
        default -> list(out, request, caller);
      }
      return out.finish();
    } catch (OaiException e) {
      Map<String, String> echo =
          request == null || e.hidesArguments()
              ? Map.<String, String>of()
              : verbFirst(request, request.arguments());
      return new OaiWriter(baseUrl, Instant.now(clock), echo).error(e).finish();
    }
  }

  private static Map<String, String> verbFirst(OaiRequest request, Map<String, String> echo) {
    Map<String, String> all = new java.util.LinkedHashMap<>();
    all.put("verb", request.verb());
    all.putAll(echo);
    return all;
  }

  private void identify(OaiWriter out, String baseUrl) {
    Instant earliest = rows.earliestDatestamp();
    out.open("Identify")
        .element("repositoryName", properties.repositoryName())
        .element("baseURL", baseUrl)
        .element("protocolVersion", "2.0")
        .element("adminEmail", properties.adminEmail())
        .element("earliestDatestamp", OaiDates.format(earliest == null ? Instant.EPOCH : earliest))
        .element("deletedRecord", "persistent")
        .element("granularity", "YYYY-MM-DDThh:mm:ssZ")
        .close("Identify");
  }

  private void metadataFormats(OaiWriter out, OaiRequest request, CatalogUser caller)
      throws OaiException {
    String identifier = request.argument("identifier");
    if (identifier != null) {
      item(identifier, caller);
    }
    out.open("ListMetadataFormats");
    for (MetadataFormat f : MetadataFormat.values()) {
      out.open("metadataFormat")
          .element("metadataPrefix", f.prefix())
          .element("schema", f.schema())
          .element("metadataNamespace", f.namespace())
          .close("metadataFormat");
    }
    out.close("ListMetadataFormats");
  }

  private void sets(OaiWriter out, OaiRequest request) throws OaiException {
    if (request.argument("resumptionToken") != null) {
      throw OaiException.badResumptionToken("ListSets answers in one page and issues no tokens");
    }
    out.open("ListSets");
    out.open("set")
        .element("setSpec", OaiRepository.LOCAL_SET)
        .element("setName", "Records created in this catalog")
        .close("set");
    for (String[] h : rows.harvesters()) {
      out.open("set")
          .element("setSpec", OaiRepository.HARVESTER_SET + h[0])
          .element("setName", "Harvested by " + h[1])
          .close("set");
    }
    out.close("ListSets");
  }

  private void record(OaiWriter out, OaiRequest request, CatalogUser caller) throws OaiException {
    MetadataFormat format = format(request.argument("metadataPrefix"));
    OaiItem item = item(request.argument("identifier"), caller);
    out.open("GetRecord");
    write(out, List.of(item), format, true);
    out.close("GetRecord");
  }

  private void list(OaiWriter out, OaiRequest request, CatalogUser caller) throws OaiException {
    ListQuery query;
    Position position;
    long cursor;
    long total;
    String token = request.argument("resumptionToken");
    if (token != null) {
      ResumptionToken t = ResumptionToken.decode(token);
      query = t.query();
      position = t.position();
      cursor = t.cursor();
      total = t.completeListSize();
    } else {
      query = query(request);
      position = Position.START;
      cursor = 0;
      total = listing.count(query, caller);
    }
    boolean records = request.verb().equals("ListRecords");
    OaiListing.Page page =
        listing.page(
            position,
            query,
            properties.pageSize(),
            caller,
            records && query.format() == MetadataFormat.ISO19139);
    if (page.items().isEmpty()) {
      throw OaiException.noRecordsMatch();
    }
    out.open(request.verb());
    write(out, page.items(), query.format(), records);
    long delivered = cursor + page.items().size();
    if (page.more()) {
      long size = Math.max(total, delivered + 1);
      out.resumptionToken(
          new ResumptionToken(query, page.end(), delivered, size).encode(), size, cursor);
    } else if (token != null) {
      out.resumptionToken(null, delivered, cursor);
    }
    out.close(request.verb());
  }

  private static ListQuery query(OaiRequest request) throws OaiException {
    MetadataFormat format = format(request.argument("metadataPrefix"));
    OaiDates.Bound from = OaiDates.parse("from", request.argument("from"));
    OaiDates.Bound until = OaiDates.parse("until", request.argument("until"));
    if (from != null && until != null && from.day() != until.day()) {
      throw OaiException.badArgument("from and until must have the same granularity");
    }
    return new ListQuery(
        format,
        request.argument("set"),
        from == null ? null : from.start(),
        until == null ? null : until.end());
  }

  private static MetadataFormat format(String prefix) throws OaiException {
    return MetadataFormat.of(prefix)
        .orElseThrow(() -> OaiException.cannotDisseminateFormat(prefix));
  }

  private OaiItem item(String identifier, CatalogUser caller) throws OaiException {
    String prefix = IDENTIFIER_SCHEME + properties.repositoryIdentifier() + ":";
    if (!identifier.startsWith(prefix)) {
      throw OaiException.idDoesNotExist(identifier);
    }
    OaiItem item = listing.item(identifier.substring(prefix.length()), caller);
    if (item == null) {
      throw OaiException.idDoesNotExist(identifier);
    }
    return item;
  }

  private void write(
      OaiWriter out, List<OaiItem> items, MetadataFormat format, boolean withMetadata) {
    Map<String, String> xml =
        withMetadata && format == MetadataFormat.ISO19139
            ? records.xmlOf(
                items.stream()
                    .filter(i -> !i.deleted() && i.xml() == null && isIso(i.record()))
                    .map(i -> i.record().id())
                    .toList())
            : Map.of();
    for (OaiItem item : items) {
      String identifier =
          IDENTIFIER_SCHEME + properties.repositoryIdentifier() + ":" + item.row().recordId();
      if (!withMetadata) {
        out.header(identifier, item);
        continue;
      }
      out.open("record").header(identifier, item);
      if (!item.deleted()) {
        out.metadata(
            render(
                format,
                item.record(),
                item.xml() != null ? item.xml() : xml.get(item.record().id())));
      }
      out.close("record");
    }
  }

  private static String render(MetadataFormat format, StoredRecord record, String storedXml) {
    if (format == MetadataFormat.OAI_DC) {
      return DublinCoreCrosswalk.oaiDc(record);
    }
    return isIso(record) && storedXml != null ? storedXml : DublinCoreCrosswalk.iso19139(record);
  }

  private static boolean isIso(StoredRecord record) {
    return RecordSchema.ISO19139.id().equals(record.schema());
  }
}
