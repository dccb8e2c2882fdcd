package org.spatialcatalog.node.harvest.source;

import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.spatialcatalog.node.xml.SecureXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Reads a page of a source (an OAI-PMH ListRecords or CSW GetRecords answer) as a stream and cuts
 * its records out one at a time, so that no page is ever held as one DOM: at most one record's DOM
 * exists at a time, besides a small skeleton of what is not a record (the root, an error, a
 * resumptionToken, the attributes of SearchResults).
 *
 * <p>Guarantees: each record is handed to the {@link Visitor} as a detached element, the only
 * element of a document of its own, with the namespace declarations in scope at its place in the
 * page copied onto it, and is not kept afterwards. A record whose text, names and attribute values
 * exceed the size limit is handed over marked oversized, holding only its start up to the limit
 * (enough for an OAI-PMH header or an ISO 19139 fileIdentifier), and the rest of it is read past
 * without being kept. The reader comes from {@link SecureXml#harvestInputFactory()}: it never reads
 * a DTD or resolves an external entity, and a page whose DOCTYPE declares entities is refused like
 * {@link SecureXml#parseDoctypeTolerant} refuses it. Not thread-safe; one per page read.
 */
public final class RecordSplitter {

  private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;
  private static final ThreadLocal<XMLInputFactory> FACTORIES =
      ThreadLocal.withInitial(SecureXml::harvestInputFactory);
  private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> BUILDERS =
      ThreadLocal.withInitial(SecureXml::documentBuilder);

  /** Receives the records of a page, in page order. */
  public interface Visitor {
    /**
     * One record.
     *
     * @param record the record, detached, its in-scope namespaces declared on it
     * @param oversized true when the record exceeds the size limit: {@code record} then holds only
     *     its start, and must not be imported
     */
    void record(Element record, boolean oversized) throws SourceException, InterruptedException;
  }

  private final QName container;
  private final QName recordName;
  private final long maxRecordChars;

  /**
   * @param container the child of the root whose children are the records (its namespace is matched
   *     unless empty)
   * @param recordName the name of the records among the container's children, or null for every
   *     child element; other children stay in the skeleton
   * @param maxRecordChars the size limit of one record, in characters of its text, element and
   *     attribute names and attribute values
   */
  public RecordSplitter(QName container, QName recordName, long maxRecordChars) {
    this.container = container;
    this.recordName = recordName;
    this.maxRecordChars = maxRecordChars;
  }

  /**
   * Streams {@code body}, handing each record to {@code visitor}, and returns the skeleton: the
   * page without its records (whitespace between records is dropped too).
   *
   * @throws SourceException when the page is not well-formed XML or declares entities; records
   *     handed over before the error have been handed over
   */
  public Document split(InputStream body, String what, Visitor visitor)
      throws SourceException, InterruptedException {
    XMLStreamReader r;
    try {
      r = FACTORIES.get().createXMLStreamReader(body);
    } catch (XMLStreamException e) {
      throw unreadable(what, e);
    }
    Document skeleton = BUILDERS.get().newDocument();
    // Strict checking walks every ancestor on each appendChild: quadratic in the nesting depth.
    skeleton.setStrictErrorChecking(false);
    Node current = skeleton;
    int depth = 0;
    try {
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> {
            if (depth == 2 && isRecord(r) && matches((Element) current, container)) {
              Cut cut = readRecord(r, (Element) current);
              visitor.record(cut.record(), cut.oversized());
            } else {
              Element e = element(skeleton, r);
              current.appendChild(e);
              current = e;
              depth++;
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            current = current.getParentNode();
            depth--;
          }
          case XMLStreamConstants.CHARACTERS,
              XMLStreamConstants.CDATA,
              XMLStreamConstants.SPACE -> {
            // Whitespace between records would grow the skeleton with the page.
            if (current instanceof Element
                && !(depth == 2 && r.isWhiteSpace() && matches((Element) current, container))) {
              current.appendChild(skeleton.createTextNode(r.getText()));
            }
          }
          case XMLStreamConstants.DTD -> refuseEntityDeclarations(r.getText());
          default -> {
            // Comments and processing instructions carry nothing a harvest reads.
          }
        }
      }
    } catch (XMLStreamException e) {
      throw unreadable(what, e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof XMLStreamException x) {
        throw unreadable(what, x);
      }
      throw e;
    } finally {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // Closing only releases the reader; whoever opened the stream closes it.
      }
    }
    return skeleton;
  }

  private boolean isRecord(XMLStreamReader r) {
    return recordName == null
        || (recordName.getLocalPart().equals(r.getLocalName())
            && (recordName.getNamespaceURI().isEmpty()
                || recordName.getNamespaceURI().equals(r.getNamespaceURI())));
  }

  private static boolean matches(Element e, QName name) {
    return name.getLocalPart().equals(e.getLocalName())
        && (name.getNamespaceURI().isEmpty() || name.getNamespaceURI().equals(e.getNamespaceURI()));
  }

  /** A record cut out of the page, and whether it exceeded the limit. */
  private record Cut(Element record, boolean oversized) {}

  /**
   * Reads the record the reader is at the start of, through its end, into a document of its own.
   * Iterative, so nesting costs no stack.
   */
  private Cut readRecord(XMLStreamReader r, Element parent) throws XMLStreamException {
    Document doc = BUILDERS.get().newDocument();
    // Strict checking walks every ancestor on each appendChild: quadratic in the nesting depth,
    // and a record nested 200 000 deep would hold its job for hours.
    doc.setStrictErrorChecking(false);
    Element root = element(doc, r);
    doc.appendChild(root);
    inheritNamespaces(parent, root);
    long size = cost(r);
    boolean oversized = size > maxRecordChars;
    Node current = root;
    // Levels opened and not appended because the record was already over its limit.
    int skipped = 0;
    int level = 1;
    while (level > 0) {
      switch (r.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          level++;
          if (!oversized) {
            size += cost(r);
            oversized = size > maxRecordChars;
          }
          if (oversized) {
            skipped++;
          } else {
            Element e = element(doc, r);
            current.appendChild(e);
            current = e;
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          level--;
          if (skipped > 0) {
            skipped--;
          } else if (level > 0) {
            current = current.getParentNode();
          }
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (!oversized) {
            String text = r.getText();
            size += text.length();
            oversized = size > maxRecordChars;
            if (!oversized) {
              current.appendChild(doc.createTextNode(text));
            }
          }
        }
        default -> {
          // Comments and processing instructions are not part of a record.
        }
      }
    }
    return new Cut(root, oversized);
  }

  private static long cost(XMLStreamReader r) {
    long n = r.getLocalName().length();
    for (int i = 0; i < r.getAttributeCount(); i++) {
      n += r.getAttributeLocalName(i).length() + r.getAttributeValue(i).length();
    }
    return n;
  }

  /** The element the reader is at the start of, with its namespace declarations and attributes. */
  private static Element element(Document doc, XMLStreamReader r) {
    String ns = r.getNamespaceURI();
    Element e =
        doc.createElementNS(empty(ns) ? null : ns, qualified(r.getPrefix(), r.getLocalName()));
    for (int i = 0; i < r.getNamespaceCount(); i++) {
      String prefix = r.getNamespacePrefix(i);
      String uri = r.getNamespaceURI(i);
      e.setAttributeNS(XMLNS, empty(prefix) ? "xmlns" : "xmlns:" + prefix, uri == null ? "" : uri);
    }
    for (int i = 0; i < r.getAttributeCount(); i++) {
      String ans = r.getAttributeNamespace(i);
      e.setAttributeNS(
          empty(ans) ? null : ans,
          qualified(r.getAttributePrefix(i), r.getAttributeLocalName(i)),
          r.getAttributeValue(i));
    }
    return e;
  }

  /**
   * Copies the namespace declarations in scope at the record's place onto it, so prefixes used in
   * attribute values ({@code xsi:type}) stay bound; its own declarations win.
   */
  private static void inheritNamespaces(Element parent, Element record) {
    for (Node n = parent; n instanceof Element ancestor; n = ancestor.getParentNode()) {
      NamedNodeMap attributes = ancestor.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr a = (Attr) attributes.item(i);
        if (XMLNS.equals(a.getNamespaceURI())
            && !record.hasAttributeNS(XMLNS, a.getLocalName())
            && !("xmlns".equals(a.getName()) && record.hasAttribute("xmlns"))) {
          record.setAttributeNS(XMLNS, a.getName(), a.getValue());
        }
      }
    }
  }

  /**
   * Refuses a DOCTYPE (the text of a StAX {@code DTD} event) that declares entities: in harvested
   * documents only the five predefined entities are allowed. For every streamed source answer.
   */
  public static void refuseEntityDeclarations(String doctype) throws XMLStreamException {
    if (doctype != null && doctype.contains("<!ENTITY")) {
      throw new XMLStreamException(
          "DOCTYPE declares entities; only the predefined entities are allowed in harvested"
              + " documents");
    }
  }

  private static String qualified(String prefix, String local) {
    return empty(prefix) ? local : prefix + ":" + local;
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }

  private static SourceException unreadable(String what, XMLStreamException e) {
    return new SourceException(what + " is not readable XML: " + e.getMessage(), e);
  }
}
