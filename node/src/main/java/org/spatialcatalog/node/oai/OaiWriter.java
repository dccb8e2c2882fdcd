package org.spatialcatalog.node.oai;

import java.time.Instant;
import java.util.Map;

/**
 * Writes one OAI-PMH 2.0 response document, element by element in the order the OAI-PMH schema
 * requires. Text and attribute values are escaped here; stored record XML is embedded as its root
 * element (prolog removed), which keeps namespace declarations on the root intact.
 */
final class OaiWriter {

  static final String OAI = "http://www.openarchives.org/OAI/2.0/";
  private static final String SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";

  private final StringBuilder out = new StringBuilder(8192);

  /** Starts the document: responseDate, and the request element with {@code arguments}. */
  OaiWriter(String baseUrl, Instant now, Map<String, String> arguments) {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<OAI-PMH xmlns=\"")
        .append(OAI)
        .append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
        .append(" xsi:schemaLocation=\"")
        .append(OAI)
        .append(' ')
        .append(SCHEMA)
        .append("\">")
        .append("<responseDate>")
        .append(OaiDates.format(now))
        .append("</responseDate>")
        .append("<request");
    arguments.forEach((name, value) -> attribute(name, value));
    out.append('>').append(escape(baseUrl)).append("</request>");
  }

  OaiWriter error(OaiException e) {
    out.append("<error code=\"")
        .append(e.code())
        .append("\">")
        .append(escape(e.getMessage()))
        .append("</error>");
    return this;
  }

  OaiWriter open(String element) {
    out.append('<').append(element).append('>');
    return this;
  }

  OaiWriter close(String element) {
    out.append("</").append(element).append('>');
    return this;
  }

  /** A simple element with escaped text. */
  OaiWriter element(String name, String text) {
    out.append('<')
        .append(name)
        .append('>')
        .append(escape(text))
        .append("</")
        .append(name)
        .append('>');
    return this;
  }

  OaiWriter header(String identifier, OaiItem item) {
    out.append(item.deleted() ? "<header status=\"deleted\">" : "<header>");
    element("identifier", identifier);
    element("datestamp", OaiDates.format(item.row().datestamp()));
    String set = item.row().setSpec();
    if (set != null) {
      element("setSpec", set);
    }
    return close("header");
  }

  /** Embeds a metadata document (an XML element or a whole stored document). */
  OaiWriter metadata(String xml) {
    out.append("<metadata>").append(xml, rootStart(xml), xml.length()).append("</metadata>");
    return this;
  }

  /** A resumptionToken; {@code token} null writes the empty token that ends a list. */
  OaiWriter resumptionToken(String token, long completeListSize, long cursor) {
    out.append("<resumptionToken completeListSize=\"")
        .append(completeListSize)
        .append("\" cursor=\"")
        .append(cursor)
        .append("\"");
    if (token == null) {
      out.append("/>");
    } else {
      out.append('>').append(escape(token)).append("</resumptionToken>");
    }
    return this;
  }

  String finish() {
    return out.append("</OAI-PMH>").toString();
  }

  private void attribute(String name, String value) {
    out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
  }

  /**
   * Where the root element of {@code xml} starts: after a byte-order mark, the XML declaration,
   * comments, processing instructions and white space (stored records never hold a DOCTYPE: the
   * parser refuses them).
   */
  static int rootStart(String xml) {
    int i = 0;
    while (i < xml.length()) {
      char c = xml.charAt(i);
      if (c == '\uFEFF' || Character.isWhitespace(c)) {
        i++;
      } else if (xml.startsWith("<?", i) && xml.indexOf("?>", i) > 0) {
        i = xml.indexOf("?>", i) + 2;
      } else if (xml.startsWith("<!--", i) && xml.indexOf("-->", i) > 0) {
        i = xml.indexOf("-->", i) + 3;
      } else {
        return i;
      }
    }
    return i;
  }

  static String escape(String text) {
    StringBuilder s = null;
    for (int i = 0; i < text.length(); i++) {
      String r =
          switch (text.charAt(i)) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            default -> null;
          };
      if (r != null && s == null) {
        s = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (s != null) {
        if (r != null) {
          s.append(r);
        } else {
          s.append(text.charAt(i));
        }
      }
    }
    return s == null ? text : s.toString();
  }
}
