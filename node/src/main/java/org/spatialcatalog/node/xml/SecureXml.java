package org.spatialcatalog.node.xml;

import com.ctc.wstx.api.WstxInputProperties;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.transform.ErrorListener;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.w3c.dom.NamedNodeMap;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one place in the node that creates XML parsers and serializers.
 *
 * <p>Guarantees, for every object returned:
 *
 * <ul>
 *   <li>DTDs are never processed: the DOM parser rejects any {@code <!DOCTYPE>} (except the harvest
 *       parser below, which never loads a DTD and refuses entity declarations), the StAX factory
 *       does not support DTDs, and neither resolves external entities;
 *   <li>nothing is read from the network or the file system on behalf of a document (external DTD,
 *       schema and stylesheet access are disabled and any resolver call is refused);
 *   <li>problems are thrown as exceptions, never printed to standard error;
 *   <li>the JDK's built-in implementations are used, whatever else is on the class path, so the
 *       security features set here are known to be honoured; the exceptions are {@link
 *       #storedRecordInputFactory()} and {@link #harvestInputFactory()}, Woodstox readers named
 *       explicitly, whose settings {@code SecureXmlTest} checks as it checks the JDK's.
 * </ul>
 *
 * <p>One exception, for documents harvested from other servers only: {@link
 * #doctypeTolerantBuilder()} accepts a DOCTYPE (WMS 1.1.1 capabilities nearly always start with
 * one, with an internal subset declaring {@code VendorSpecificCapabilities}), still never reads the
 * external DTD it names, and {@link #parseDoctypeTolerant} refuses any document that declares an
 * entity, so nothing beyond the five predefined entities and character references is ever expanded.
 * The record API keeps refusing every DOCTYPE.
 *
 * <p>Every call returns a new object; the objects themselves are not thread-safe, so a caller must
 * not share one across threads.
 */
public final class SecureXml {

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";
  private static final String EXTERNAL_GENERAL_ENTITIES =
      "http://xml.org/sax/features/external-general-entities";
  private static final String EXTERNAL_PARAMETER_ENTITIES =
      "http://xml.org/sax/features/external-parameter-entities";
  private static final String LOAD_EXTERNAL_DTD =
      "http://apache.org/xml/features/nonvalidating/load-external-dtd";

  private static final String ENTITY_EXPANSION_LIMIT =
      "http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit";

  private SecureXml() {}

  /**
   * A namespace-aware DOM parser that rejects any document containing a DOCTYPE declaration and
   * throws {@link SAXParseException} (with line and column) for every error or warning.
   */
  public static DocumentBuilder documentBuilder() {
    return builder(false);
  }

  /**
   * A namespace-aware DOM parser for documents harvested from other servers: it accepts a DOCTYPE
   * but never loads the external DTD it names and never resolves an external entity; entity
   * references are not expanded, and at most one expansion is allowed anywhere (attribute values
   * included), so an entity bomb fails at once. Use it only through {@link #parseDoctypeTolerant},
   * which also refuses documents that declare entities.
   */
  public static DocumentBuilder doctypeTolerantBuilder() {
    return builder(true);
  }

  private static DocumentBuilder builder(boolean acceptDoctype) {
    // newDefaultInstance: the JDK's own parser, which is known to support every feature below;
    // a third-party parser found on the class path might silently ignore some of them.
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      // Refusing DOCTYPE outright closes XXE and entity-expansion attacks at the source; the
      // settings after it are defence in depth in case this one is ever relaxed (as it is for
      // harvested answers).
      factory.setFeature(DISALLOW_DOCTYPE, !acceptDoctype);
      factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
      factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
      factory.setFeature(LOAD_EXTERNAL_DTD, false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
    }
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    if (acceptDoctype) {
      // 0 would mean "no limit"; 1 lets nothing real through, and predefined entities and
      // character references do not count.
      factory.setAttribute(ENTITY_EXPANSION_LIMIT, "1");
    }
    factory.setNamespaceAware(true);
    factory.setValidating(false);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setIgnoringComments(true);
    try {
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(THROWING_ERROR_HANDLER);
      builder.setEntityResolver(SecureXml::refuseEntity);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("cannot create a secure XML parser", e);
    }
  }

  /**
   * Parses with a {@link #doctypeTolerantBuilder()} and refuses a document whose DOCTYPE declares
   * any entity (internal or external, general or parameter).
   *
   * @throws SAXException naming the refused entities, or the parser's own error
   */
  public static Document parseDoctypeTolerant(DocumentBuilder builder, InputSource in)
      throws SAXException, IOException {
    Document doc = builder.parse(in);
    DocumentType doctype = doc.getDoctype();
    if (doctype != null) {
      NamedNodeMap entities = doctype.getEntities();
      String subset = doctype.getInternalSubset();
      if (entities.getLength() > 0 || (subset != null && subset.contains("<!ENTITY"))) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < entities.getLength() && i < 5; i++) {
          names.append(i == 0 ? "" : ", ").append(entities.item(i).getNodeName());
        }
        throw new SAXException(
            "DOCTYPE declares entities ("
                + names
                + "); only the predefined"
                + " entities are allowed in harvested documents");
      }
    }
    return doc;
  }

  /**
   * A StAX factory with the guarantees of {@link #xmlInputFactory()}, from Woodstox rather than the
   * JDK: for the properties pass over every stored record ({@code RecordProperties}), which runs
   * for every change a node applies, for every record of a rebuild and for every harvested record.
   * On the records of {@code bench sync}, Woodstox read them 2.5 times as fast as the JDK's reader
   * (docs/benchmarks.md). The XML it reads was accepted when it was stored, but it is set up as if
   * it were not.
   */
  public static XMLInputFactory storedRecordInputFactory() {
    return woodstox();
  }

  /**
   * The same Woodstox factory, for the records the node is given (a new or replaced record through
   * the API or CSW, a harvested record): {@code RecordXmlParser} reads one in a single pass that
   * builds its tree and reads its properties. A DOCTYPE reaches the parser as an event, which it
   * refuses; no entity it declares is ever expanded (see {@link #woodstox()}).
   */
  public static XMLInputFactory recordInputFactory() {
    return woodstox();
  }

  /**
   * Woodstox, set up to keep the guarantees of the JDK's readers: DTDs are not supported, so a
   * DOCTYPE's internal subset is handed over as text, its declarations not processed, and an entity
   * it declares is an undeclared entity; external entities are refused, by setting and by a
   * resolver that throws; at most one entity is ever expanded, so an entity bomb fails at once even
   * if DTD support were ever turned on. Woodstox's own limits on depth and attributes are set to
   * the JDK's, which the node's other readers apply: a document the JDK's reader reads (a record
   * nested deeper than Woodstox's 1,000 levels, an attribute larger than its 512 KiB), this one
   * reads too; size is bounded by whoever feeds it (a harvested record's size limit, the size limit
   * of a request).
   */
  private static XMLInputFactory woodstox() {
    XMLInputFactory factory = new com.ctc.wstx.stax.WstxInputFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
    factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
    factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, Integer.MAX_VALUE);
    factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, Integer.MAX_VALUE);
    factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 10_000);
    factory.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external entity refused: " + systemId);
        });
    return factory;
  }

  /**
   * A StAX factory, for streaming large documents such as harvest responses, that does not support
   * DTDs and refuses to resolve any external entity.
   */
  public static XMLInputFactory xmlInputFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external entity refused: " + systemId);
        });
    return factory;
  }

  /**
   * A StAX factory for answers of harvested sources read as a stream ({@code RecordSplitter},
   * {@code CapabilitiesReader}): Woodstox, as {@link #storedRecordInputFactory()}, for the same
   * speed on every page of a harvest. A DOCTYPE is passed over without reading its DTD or defining
   * its entities (its readers refuse one that declares entities), and at most one entity is
   * expanded. Text is coalesced, so a record's text arrives in one piece.
   */
  public static XMLInputFactory harvestInputFactory() {
    XMLInputFactory factory = woodstox();
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    return factory;
  }

  /**
   * An identity transformer for serializing a DOM node back to text: UTF-8, no XML declaration, no
   * indentation added, and no external DTD or stylesheet access.
   */
  public static Transformer transformer() {
    TransformerFactory factory = TransformerFactory.newDefaultInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      factory.setErrorListener(THROWING_ERROR_LISTENER);
      Transformer transformer = factory.newTransformer();
      transformer.setErrorListener(THROWING_ERROR_LISTENER);
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "no");
      return transformer;
    } catch (TransformerConfigurationException e) {
      throw new IllegalStateException("cannot create a secure XML transformer", e);
    }
  }

  private static InputSource refuseEntity(String publicId, String systemId) throws SAXException {
    throw new SAXException("external entity refused: " + systemId);
  }

  // The JDK default handler prints to stderr and carries on; a record that triggers any
  // diagnostic is not one we want to half-accept, so every level becomes an exception.
  private static final ErrorHandler THROWING_ERROR_HANDLER =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };

  private static final ErrorListener THROWING_ERROR_LISTENER =
      new ErrorListener() {
        @Override
        public void warning(TransformerException e) throws TransformerException {
          throw e;
        }

        @Override
        public void error(TransformerException e) throws TransformerException {
          throw e;
        }

        @Override
        public void fatalError(TransformerException e) throws TransformerException {
          throw e;
        }
      };
}
