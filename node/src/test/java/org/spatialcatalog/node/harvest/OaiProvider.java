package org.spatialcatalog.node.harvest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.spatialcatalog.node.xml.XmlText;

/**
 * An OAI-PMH 2.0 provider for {@link StubServer} with the quirks of widely deployed servers, each
 * switched on by a field: refusing a resumptionToken sent without metadataPrefix (answering the
 * exact {@code badArgument} document such servers send), giving the last page the token {@code 0}
 * (which, sent back, starts the listing again), expiring its tokens ({@code badResumptionToken}).
 * Tokens are {@code <session>-<offset>}, or a bare offset; {@code 0} means offset 0.
 */
public final class OaiProvider implements Function<StubServer.Request, StubServer.Reply> {

  /**
   * One record: its OAI identifier, datestamp and metadata (a stand-alone XML element); a null
   * metadata is a record the server reports deleted.
   */
  public record Item(String identifier, String datestamp, String metadata) {}

  public final List<Item> items = new CopyOnWriteArrayList<>();
  public volatile int pageSize = 10;
  public volatile boolean wantsMetadataPrefixWithToken;
  public volatile boolean lastTokenIsZero;

  /** Bumping it expires every token handed out before. */
  public final AtomicInteger session = new AtomicInteger(1);

  /** What Identify says: {@code no}, {@code transient} or {@code persistent}. */
  public volatile String deletedRecord = "persistent";

  public volatile String granularity = "YYYY-MM-DD";

  /** Answers 503 to this many ListRecords requests first. */
  public final AtomicInteger failNext = new AtomicInteger();

  @Override
  public StubServer.Reply apply(StubServer.Request r) {
    if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      return StubServer.Reply.status(503, "Service Temporarily Unavailable");
    }
    if ("Identify".equals(r.param("verb"))) {
      return StubServer.Reply.xml(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OAI-PMH"
              + " xmlns=\"http://www.openarchives.org/OAI/2.0/\"><responseDate>2026-11-30T09:41:07Z"
              + "</responseDate><request verb=\"Identify\">http://localhost/oai</request><Identify>"
              + "<repositoryName>Stub</repositoryName><baseURL>http://localhost/oai</baseURL>"
              + "<protocolVersion>2.0</protocolVersion><adminEmail>a@example.org</adminEmail>"
              + "<earliestDatestamp>2000-01-01</earliestDatestamp><deletedRecord>"
              + deletedRecord
              + "</deletedRecord><granularity>"
              + granularity
              + "</granularity></Identify></OAI-PMH>");
    }
    String token = r.param("resumptionToken");
    if (token != null && wantsMetadataPrefixWithToken && r.param("metadataPrefix") == null) {
      return StubServer.Reply.xml(
          StubServer.resource("oai-badArgument-missing-metadataPrefix.xml"));
    }
    int from = 0;
    if (token != null) {
      int dash = token.indexOf('-');
      if (dash > 0 && !token.substring(0, dash).equals(String.valueOf(session.get()))) {
        return StubServer.Reply.xml(StubServer.resource("oai-badResumptionToken.xml"));
      }
      from = Integer.parseInt(dash > 0 ? token.substring(dash + 1) : token);
    }
    String since = r.param("from");
    List<Item> all =
        items.stream().filter(i -> since == null || i.datestamp().compareTo(since) >= 0).toList();
    if (all.isEmpty()) {
      return StubServer.Reply.xml(StubServer.resource("oai-noRecordsMatch.xml"));
    }
    int to = Math.min(all.size(), from + pageSize);
    StringBuilder out =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">"
                + "<responseDate>2026-11-30T09:41:07Z</responseDate>"
                + "<request verb=\"ListRecords\">http://localhost/oai</request><ListRecords>");
    for (Item i : all.subList(Math.min(from, all.size()), to)) {
      out.append(i.metadata() == null ? "<record><header status=\"deleted\">" : "<record><header>")
          .append("<identifier>")
          .append(XmlText.escape(i.identifier()))
          .append("</identifier><datestamp>")
          .append(XmlText.escape(i.datestamp()))
          .append("</datestamp></header>");
      if (i.metadata() != null) {
        out.append("<metadata>").append(i.metadata()).append("</metadata>");
      }
      out.append("</record>");
    }
    String next;
    if (to < all.size()) {
      next = session.get() + "-" + to;
    } else {
      next = lastTokenIsZero ? "0" : "";
    }
    out.append("<resumptionToken completeListSize=\"")
        .append(all.size())
        .append("\" cursor=\"")
        .append(from)
        .append("\">")
        .append(next)
        .append("</resumptionToken>");
    return StubServer.Reply.xml(out.append("</ListRecords></OAI-PMH>").toString());
  }
}
