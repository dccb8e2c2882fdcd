package org.spatialcatalog.node.harvest.source.oaipmh;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.namespace.QName;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.definition.InvalidHarvesterException;
import org.spatialcatalog.node.harvest.source.HarvestSource;
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
 * OAI-PMH 2.0 ListRecords. Options: {@code metadataPrefix} ({@code iso19139}, the default, or
 * {@code oai_dc}), {@code set}, {@code from}, {@code until} (dates or UTC date-times), {@code
 * repeatMetadataPrefix} (true: send metadataPrefix and set with every resumptionToken), {@code
 * incremental} (default true: after a successful run, list only what changed since, when the source
 * keeps deleted records). The cursor is the resumptionToken that fetches a page (none for the
 * first), so a resumed job asks the source for the page it was working on; records marked deleted
 * in their header are reported as deletions (acted on in incremental runs; in a complete run they
 * are simply not seen, and vanish under the removal guards).
 *
 * <p>Real servers it survives: one that answers {@code badArgument} to a token sent alone gets the
 * same page asked again with metadataPrefix and set, and then every following token too; an expired
 * token ({@code badResumptionToken}) restarts the listing once per attempt, the job's ledger
 * skipping what is done. A token the source sends back twice (a last page whose token is {@code 0})
 * is caught by {@code HarvestWorker}, which ends the listing.
 *
 * <p>A page is parsed from the answer's stream while it arrives ({@link RecordSplitter}) and each
 * record is handed on as soon as it is read, so only one record is held at a time: a record larger
 * than {@code catalog.max-record-size} is a failed record under its header's identifier, and the
 * rest of the page is read as usual. The error, resumptionToken and completeListSize come from what
 * remains of the page once its records are cut out.
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
    return java.util.Set.of(
        "metadataPrefix", "set", "from", "until", "repeatMetadataPrefix", "incremental");
  }

  @Override
  public void validate(String url, Map<String, Object> options) {
    requireHttp(url);
    Object prefix = options.get("metadataPrefix");
    if (prefix != null && !PREFIXES.contains(String.valueOf(prefix))) {
      throw new InvalidHarvesterException(
          "options.metadataPrefix", "'" + prefix + "' is not supported; use iso19139 or oai_dc");
    }
    for (String flag : List.of("repeatMetadataPrefix", "incremental")) {
      Object value = options.get(flag);
      if (value != null && !(value instanceof Boolean)) {
        throw new InvalidHarvesterException("options." + flag, "must be true or false");
      }
    }
    date("options.from", options.get("from"));
    date("options.until", options.get("until"));
  }

  static void requireHttp(String url) {
    org.spatialcatalog.node.harvest.definition.HttpUrls.require("url", url);
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
      throw new InvalidHarvesterException(
          field,
          "'" + text + "' is not a date (2026-01-31) or UTC date-time (2026-01-31T12:00:00Z)");
    }
  }

  @Override
  public SourceReader open(Harvester h, SourceAccess access) {
    return new Reader(h, access);
  }

  /**
   * One job attempt's reading of the listing. It remembers what the source taught it during the
   * attempt: that the source wants {@code metadataPrefix} and {@code set} with every token, and
   * that the listing was already restarted once after an expired token.
   */
  private static final class Reader implements SourceReader.StreamingReader {

    private final Harvester h;
    private final SourceAccess access;
    private boolean repeatArguments;
    private boolean restarted;

    Reader(Harvester h, SourceAccess access) {
      this.h = h;
      this.access = access;
      this.repeatArguments = h.flag("repeatMetadataPrefix", false);
    }

    @Override
    public Page read(String cursor, ItemSink items) throws SourceException, InterruptedException {
      List<String> notes = new ArrayList<>();
      String since = cursor == null ? incrementalFrom(notes) : null;
      Element root = request(cursor, repeatArguments, since, items);
      Element error = SourceXml.child(root, OAI, "error");
      String code = error == null ? null : error.getAttribute("code");
      if (cursor != null && "badArgument".equals(code) && !repeatArguments) {
        // Some servers want metadataPrefix (and set) repeated with the resumptionToken, against
        // the protocol; asking again with them costs one request and keeps the job going.
        repeatArguments = true;
        notes.add(
            "the source refused a resumptionToken without metadataPrefix (badArgument: "
                + error.getTextContent().trim()
                + "); metadataPrefix and set are sent with every"
                + " token from now on (option repeatMetadataPrefix)");
        root = request(cursor, true, null, items);
        error = SourceXml.child(root, OAI, "error");
        code = error == null ? null : error.getAttribute("code");
      }
      if (cursor != null && "badResumptionToken".equals(code) && !restarted) {
        restarted = true;
        notes.add(
            "the source no longer accepts resumptionToken "
                + cursor
                + " ("
                + error.getTextContent().trim()
                + "); the listing starts again from the beginning,"
                + " and records this run already has are skipped");
        Page first = read(null, items);
        List<String> all = new ArrayList<>(notes);
        all.addAll(first.notes());
        return new Page(List.of(), first.next(), first.matched(), true, all, first.listedSince());
      }
      if (error != null) {
        if ("noRecordsMatch".equals(code)) {
          return new Page(List.of(), null, -1, false, notes, since);
        }
        throw new SourceException(
            "OAI-PMH error "
                + code
                + ": "
                + error.getTextContent().trim()
                + (cursor == null ? "" : " (resumptionToken " + cursor + ")"));
      }
      Element list = SourceXml.child(root, OAI, "ListRecords");
      if (list == null) {
        throw new SourceException(
            "OAI-PMH answer has neither ListRecords nor error (root " + root.getLocalName() + ")");
      }
      Element token = SourceXml.child(list, OAI, "resumptionToken");
      String next = token == null ? null : token.getTextContent().trim();
      long size = -1;
      if (token != null && !token.getAttribute("completeListSize").isBlank()) {
        try {
          size = Long.parseLong(token.getAttribute("completeListSize").trim());
        } catch (NumberFormatException ignored) {
          // An unreadable size only costs the stability check.
        }
      }
      return new Page(
          List.of(), next == null || next.isEmpty() ? null : next, size, false, notes, since);
    }

    /**
     * The {@code from} of an incremental listing, or null for a complete one: incremental when the
     * harvester sets no {@code from} of its own, has not turned {@code incremental} off, has
     * succeeded before, and the source (Identify) keeps track of deleted records; it then lists
     * what changed since the start of the last successful run, less a margin for clock skew.
     */
    private String incrementalFrom(List<String> notes) throws InterruptedException {
      if (h.option("from") != null
          || !h.flag("incremental", true)
          || access.lastSuccessStarted() == null) {
        return null;
      }
      Element identify;
      try {
        identify =
            SourceXml.child(
                SourceXml.parse(
                        access
                            .http()
                            .fetch(
                                SourceUrls.with(h.url(), Map.of("verb", "Identify")), "text/xml"),
                        "OAI-PMH Identify answer")
                    .getDocumentElement(),
                OAI,
                "Identify");
      } catch (SourceException e) {
        notes.add("complete listing: Identify failed (" + e.getMessage() + ")");
        return null;
      }
      String deleted =
          identify == null ? null : SourceXml.childText(identify, OAI, "deletedRecord");
      if (deleted == null || "no".equals(deleted)) {
        notes.add(
            "complete listing: the source does not keep deleted records (deletedRecord "
                + deleted
                + "), so only a complete listing shows what vanished");
        return null;
      }
      String granularity = SourceXml.childText(identify, OAI, "granularity");
      java.time.Instant since = access.lastSuccessStarted();
      String from =
          "YYYY-MM-DDThh:mm:ssZ".equals(granularity)
              ? since
                  .minus(java.time.Duration.ofHours(1))
                  .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                  .toString()
              : LocalDate.ofInstant(
                      since.minus(java.time.Duration.ofDays(1)), java.time.ZoneOffset.UTC)
                  .toString();
      notes.add(
          "incremental listing: records changed since "
              + from
              + " (the last successful"
              + " run started "
              + since
              + "; deletedRecord "
              + deleted
              + ")");
      return from;
    }

    /**
     * The item of one record of a page, or null for a deletion without identifier. An oversized
     * record is a failure under its identifier, which its header (read first) gives.
     */
    private SourceItem item(Element record, boolean oversized, String position)
        throws SourceException {
      Element header = SourceXml.child(record, OAI, "header");
      String id = header == null ? null : SourceXml.childText(header, OAI, "identifier");
      if (oversized) {
        return SourceItem.failure(
            position,
            id,
            "record larger than "
                + access.maxRecordSize()
                + " characters (catalog.max-record-size); not imported");
      }
      if (header != null && "deleted".equals(header.getAttribute("status"))) {
        return id == null ? null : SourceItem.deletion(position, id);
      }
      String datestamp = header == null ? null : SourceXml.childText(header, OAI, "datestamp");
      Element metadata = SourceXml.child(record, OAI, "metadata");
      Element content = metadata == null ? null : SourceXml.child(metadata, null, null);
      if (content == null) {
        return SourceItem.failure(position, id, "record without metadata");
      }
      return SourceItem.record(position, id, datestamp, SourceXml.standalone(content));
    }

    /**
     * Asks for a ListRecords page and parses it from the answer's stream: its records are handed to
     * {@code items} one by one as they arrive, and what remains of the answer (error,
     * resumptionToken) is returned.
     */
    private Element request(String cursor, boolean repeat, String since, ItemSink items)
        throws SourceException, InterruptedException {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("verb", "ListRecords");
      if (cursor != null) {
        params.put("resumptionToken", cursor);
      }
      if (cursor == null || repeat) {
        params.put(
            "metadataPrefix",
            h.option("metadataPrefix") == null ? "iso19139" : h.option("metadataPrefix"));
        params.put("set", h.option("set"));
      }
      if (cursor == null) {
        params.put("from", since != null ? since : h.option("from"));
        params.put("until", h.option("until"));
      }
      String where = cursor == null ? "first page" : "resumptionToken " + cursor;
      RecordSplitter splitter =
          new RecordSplitter(
              new QName(OAI, "ListRecords"), new QName(OAI, "record"), access.maxRecordSize());
      Document skeleton =
          access.http().stream(
              SourceUrls.with(h.url(), params),
              "text/xml",
              body -> {
                int[] n = {0};
                return splitter.split(
                    body,
                    "OAI-PMH answer",
                    (record, oversized) -> {
                      SourceItem item = item(record, oversized, where + " #" + ++n[0]);
                      if (item != null) {
                        items.accept(item);
                      }
                    });
              });
      Element root = skeleton.getDocumentElement();
      if (root == null) {
        throw new SourceException("OAI-PMH answer has no root element");
      }
      return root;
    }
  }
}
