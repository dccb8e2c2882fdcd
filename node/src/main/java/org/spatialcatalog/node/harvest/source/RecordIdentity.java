package org.spatialcatalog.node.harvest.source;

import java.io.StringReader;
import org.spatialcatalog.node.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * Finds the identifier of a harvested record that the catalog refused (no title, bad bbox), so its
 * failure is keyed by what it is rather than where it was: an ISO 19139 {@code gmd:fileIdentifier},
 * or a Dublin Core {@code dc:identifier}. Lenient on purpose: anything it cannot read yields null,
 * and the caller falls back to the record's position.
 */
public final class RecordIdentity {

  private static final String GMD = "http://www.isotc211.org/2005/gmd";
  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> BUILDERS =
      ThreadLocal.withInitial(SecureXml::documentBuilder);

  private RecordIdentity() {}

  public static String of(String xml) {
    if (xml == null || xml.isBlank()) {
      return null;
    }
    try {
      String t = xml.charAt(0) == '\uFEFF' ? xml.substring(1) : xml;
      Document doc = BUILDERS.get().parse(new InputSource(new StringReader(t)));
      return ofParsed(doc.getDocumentElement());
    } catch (Exception unreadable) {
      return null;
    }
  }

  /** The identifier of a record already parsed, or of the start of one too large to import. */
  public static String ofParsed(Element root) {
    Element file = SourceXml.child(root, GMD, "fileIdentifier");
    String id = file == null ? null : file.getTextContent().trim();
    if (id == null || id.isEmpty()) {
      id = SourceXml.childText(root, DC, "identifier");
    }
    return id == null || id.isEmpty() ? null : id;
  }
}
