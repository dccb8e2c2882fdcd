package org.spatialcatalog.node.xml;

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
 *   <li>DTDs are never processed: the DOM parser rejects any {@code <!DOCTYPE>}, the StAX factory
 *       does not support DTDs, and neither resolves external entities;
 *   <li>nothing is read from the network or the file system on behalf of a document (external DTD,
 *       schema and stylesheet access are disabled and any resolver call is refused);
 *   <li>problems are thrown as exceptions, never printed to standard error;
 *   <li>the JDK's built-in implementations are used, whatever else is on the class path, so the
 *       security features set here are known to be honoured.
 * </ul>
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

  private SecureXml() {}

  /**
   * A namespace-aware DOM parser that rejects any document containing a DOCTYPE declaration and
   * throws {@link SAXParseException} (with line and column) for every error or warning.
   */
  public static DocumentBuilder documentBuilder() {
    // newDefaultInstance: the JDK's own parser, which is known to support every feature below;
    // a third-party parser found on the class path might silently ignore some of them.
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      // Refusing DOCTYPE outright closes XXE and entity-expansion attacks at the source; the
      // settings after it are defence in depth in case this one is ever relaxed.
      factory.setFeature(DISALLOW_DOCTYPE, true);
      factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
      factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
      factory.setFeature(LOAD_EXTERNAL_DTD, false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
    }
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
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
