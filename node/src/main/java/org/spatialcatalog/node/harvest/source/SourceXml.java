package org.spatialcatalog.node.harvest.source;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.spatialcatalog.node.xml.SecureXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Reading source answers that are read whole (OAI-PMH Identify, CSW GetRecordById, a catalog's
 * record, a folder's file: one small document each, bounded by {@code
 * catalog.harvest.max-response-size}) and cutting records out of them as stand-alone documents.
 * Listing pages are not parsed here but streamed record by record by a {@link RecordSplitter}, and
 * WMS capabilities by the {@code wms} package's own StAX reader. Parsers come from {@link
 * SecureXml}.
 */
public final class SourceXml {

  private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
  // Creating a parser or serializer costs more than cutting a small record out of a page, and
  // neither is thread-safe, so each worker thread keeps its own; both reset themselves per use.
  private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> BUILDERS =
      ThreadLocal.withInitial(SecureXml::documentBuilder);
  // Source answers may start with a DOCTYPE (WMS 1.1.1): parsed without DTD and entities.
  private static final ThreadLocal<javax.xml.parsers.DocumentBuilder> SOURCE_BUILDERS =
      ThreadLocal.withInitial(SecureXml::doctypeTolerantBuilder);
  private static final ThreadLocal<javax.xml.transform.Transformer> SERIALIZERS =
      ThreadLocal.withInitial(SecureXml::transformer);

  private SourceXml() {}

  /**
   * Parses a source answer from its bytes, so the encoding its XML declaration names is used. A
   * DOCTYPE is accepted, but its DTD is never read and a document declaring entities is refused; a
   * malformed or refused answer is a source error.
   */
  public static Document parse(byte[] body, String what) throws SourceException {
    try {
      return SecureXml.parseDoctypeTolerant(
          SOURCE_BUILDERS.get(), new InputSource(new java.io.ByteArrayInputStream(body)));
    } catch (Exception e) {
      throw new SourceException(what + " is not readable XML: " + e.getMessage(), e);
    }
  }

  /** Parses a source answer already decoded to text (a file read as UTF-8). */
  public static Document parse(String text, String what) throws SourceException {
    try {
      String t = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
      return SecureXml.parseDoctypeTolerant(
          SOURCE_BUILDERS.get(), new InputSource(new StringReader(t)));
    } catch (Exception e) {
      throw new SourceException(what + " is not readable XML: " + e.getMessage(), e);
    }
  }

  /** The element children of {@code parent}, optionally only those with this local name. */
  public static List<Element> children(Node parent, String namespace, String localName) {
    List<Element> result = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && (localName == null
              || (localName.equals(e.getLocalName())
                  && (namespace == null || namespace.equals(e.getNamespaceURI()))))) {
        result.add(e);
      }
    }
    return result;
  }

  /** The first child element with this name, or null. */
  public static Element child(Node parent, String namespace, String localName) {
    List<Element> c = children(parent, namespace, localName);
    return c.isEmpty() ? null : c.get(0);
  }

  /** The trimmed text of the first such child, or null. */
  public static String childText(Node parent, String namespace, String localName) {
    Element e = child(parent, namespace, localName);
    if (e == null) {
      return null;
    }
    String t = e.getTextContent().trim();
    return t.isEmpty() ? null : t;
  }

  /**
   * The element as a stand-alone XML document: namespace declarations of its ancestors that are in
   * scope are copied onto it, so prefixes used in attribute values (xsi:type) stay bound.
   */
  public static String standalone(Element element) throws SourceException {
    if (element.getParentNode() instanceof Document own) {
      // Already a document of its own (cut out by a RecordSplitter): nothing to copy.
      return serialize(own);
    }
    Document doc = BUILDERS.get().newDocument();
    Element copy = (Element) doc.importNode(element, true);
    doc.appendChild(copy);
    for (Node n = element.getParentNode();
        n instanceof Element ancestor;
        n = ancestor.getParentNode()) {
      NamedNodeMap attributes = ancestor.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr a = (Attr) attributes.item(i);
        if (XMLNS.equals(a.getNamespaceURI())
            && !copy.hasAttributeNS(XMLNS, a.getLocalName())
            && !("xmlns".equals(a.getName()) && copy.hasAttribute("xmlns"))) {
          copy.setAttributeNS(XMLNS, a.getName(), a.getValue());
        }
      }
    }
    return serialize(doc);
  }

  private static String serialize(Document doc) throws SourceException {
    StringWriter out = new StringWriter();
    try {
      SERIALIZERS.get().transform(new DOMSource(doc), new StreamResult(out));
    } catch (TransformerException e) {
      throw new SourceException("record could not be serialized: " + e.getMessage(), e);
    }
    return out.toString();
  }
}
