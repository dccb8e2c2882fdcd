package org.spatialcatalog.node.harvest.source.oaipmh;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.definition.HttpUrls;
import org.spatialcatalog.node.harvest.definition.OaiPmhOptions;
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

  @Override
  public HarvesterType type() {
    return HarvesterType.OAIPMH;
  }

  @Override
  public void validate(String url) {
    HttpUrls.require("url", url);
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
    private final OaiPmhOptions options;
    private boolean repeatArguments;
    private boolean restarted;

    Reader(Harvester h, SourceAccess access) {
      this.h = h;
      this.access = access;
      this.options = h.options(OaiPmhOptions.class);
      this.repeatArguments = options.repeatsMetadataPrefix();
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
      if (options.from() != null
          || !options.isIncremental()
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
      return SourceItem.cut(position, id, datestamp, content);
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
        params.put("metadataPrefix", options.metadataPrefixOrDefault());
        params.put("set", options.set());
      }
      if (cursor == null) {
        params.put("from", since != null ? since : options.from());
        params.put("until", options.until());
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
