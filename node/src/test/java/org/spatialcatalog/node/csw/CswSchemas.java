package org.spatialcatalog.node.csw;

import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.spatialcatalog.node.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.InputSource;

/**
 * Validates CSW answers against the official schemas from the OGC schema jars on the test class
 * path ({@code org.jvnet.ogc}): CSW 2.0.2 (with OWS 1.0.0, Filter 1.1, GML 3.1.1) and ISO 19139
 * (2006-05-04). Every import is resolved from the class path as if it were under {@code
 * http://schemas.opengis.net/}; anything else fails, so no network is used.
 *
 * <p>ISO 19139 brings its own GML in the same namespace as GML 3.1.1, so the two cannot be one
 * schema set: each {@code gmd:MD_Metadata} in an answer is validated with the ISO schema and then
 * taken out, and the rest is validated with the CSW schema.
 */
final class CswSchemas {

  private static final String BASE = "http://schemas.opengis.net/";
  private static final String GMD = "http://www.isotc211.org/2005/gmd";

  // CSW-publication.xsd includes CSW-discovery.xsd: one namespace, one schema document to load.
  private static final Schema CSW =
      load("csw/2.0.2/CSW-publication.xsd", "ows/1.0.0/owsExceptionReport.xsd");
  private static final Schema ISO = load("iso/19139/20060504/gmd/gmd.xsd");

  private CswSchemas() {}

  /** Throws with the validator's message when {@code xml} is not valid. */
  static void validate(String xml) throws Exception {
    Document doc = SecureXml.documentBuilder().parse(new InputSource(new StringReader(xml)));
    NodeList iso = doc.getElementsByTagNameNS(GMD, "MD_Metadata");
    List<Element> records = new ArrayList<>();
    for (int i = 0; i < iso.getLength(); i++) {
      records.add((Element) iso.item(i));
    }
    for (Element record : records) {
      Document alone = SecureXml.documentBuilder().newDocument();
      alone.appendChild(alone.importNode(record, true));
      validator(ISO).validate(new DOMSource(alone));
      if (record.getParentNode() instanceof Element parent) {
        parent.removeChild(record);
      }
    }
    if (doc.getDocumentElement().getNamespaceURI().equals(GMD)) {
      return;
    }
    validator(CSW).validate(new DOMSource(doc));
  }

  private static Validator validator(Schema schema) {
    Validator v = schema.newValidator();
    v.setResourceResolver(CswSchemas::resolve);
    return v;
  }

  private static Schema load(String... paths) {
    try {
      SchemaFactory factory = SchemaFactory.newDefaultInstance();
      factory.setResourceResolver(CswSchemas::resolve);
      // Filter 1.1's expr.xsd extends the empty ExpressionType into both mixed and element-only
      // types; the JDK's Xerces reports that (cos-ct-extends.1.4.3.2.2.1.a, and then each
      // substitution of ogc:expression) although the XSD 1.0 errata allow it. Only reports about
      // that one file are let through; any other schema error fails. No answer holds expressions.
      factory.setErrorHandler(
          new org.xml.sax.ErrorHandler() {
            @Override
            public void warning(org.xml.sax.SAXParseException e) {}

            @Override
            public void error(org.xml.sax.SAXParseException e)
                throws org.xml.sax.SAXParseException {
              if (e.getSystemId() == null || !e.getSystemId().endsWith("/filter/1.1.0/expr.xsd")) {
                throw e;
              }
            }

            @Override
            public void fatalError(org.xml.sax.SAXParseException e)
                throws org.xml.sax.SAXParseException {
              throw e;
            }
          });
      StreamSource[] sources = new StreamSource[paths.length];
      for (int i = 0; i < paths.length; i++) {
        sources[i] = new StreamSource(open(paths[i]), BASE + paths[i]);
      }
      return factory.newSchema(sources);
    } catch (Exception e) {
      throw new IllegalStateException("schemas not loaded from the class path", e);
    }
  }

  private static InputStream open(String path) {
    InputStream in = CswSchemas.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException(
          "schema " + path + " is not on the class path (OGC" + " schema jars, test scope)");
    }
    return in;
  }

  private static LSInput resolve(
      String type, String namespace, String publicId, String systemId, String baseUri) {
    if (systemId == null) {
      return null;
    }
    String absolute =
        baseUri == null
            ? URI.create(systemId).toString()
            : URI.create(baseUri).resolve(systemId).normalize().toString();
    if (XMLConstants.XML_NS_URI.equals(namespace)) {
      absolute = BASE + "xml.xsd";
    }
    if (!absolute.startsWith(BASE)) {
      throw new IllegalStateException("schema outside the class path refused: " + absolute);
    }
    String path = absolute.substring(BASE.length());
    return new Input(absolute, open(path));
  }

  private record Input(String systemId, InputStream byteStream) implements LSInput {
    public Reader getCharacterStream() {
      return null;
    }

    public void setCharacterStream(Reader r) {}

    public InputStream getByteStream() {
      return byteStream;
    }

    public void setByteStream(InputStream in) {}

    public String getStringData() {
      return null;
    }

    public void setStringData(String s) {}

    public String getSystemId() {
      return systemId;
    }

    public void setSystemId(String s) {}

    public String getPublicId() {
      return null;
    }

    public void setPublicId(String s) {}

    public String getBaseURI() {
      return systemId;
    }

    public void setBaseURI(String s) {}

    public String getEncoding() {
      return null;
    }

    public void setEncoding(String s) {}

    public boolean getCertifiedText() {
      return false;
    }

    public void setCertifiedText(boolean b) {}
  }
}
