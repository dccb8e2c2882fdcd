package org.spatialcatalog.node.indexconfig;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.node.record.Namespaces;
import org.spatialcatalog.node.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Extracts the configured fields of one configuration from record XML. The XML is parsed through
 * {@link SecureXml} (no DTDs, no external entities); XPath evaluation has secure processing on, so
 * an expression cannot call Java extension functions. Instances are not thread-safe: XPath objects
 * are not; the caller holds one per thread.
 */
final class FieldExtractor {

  private static final Logger log = LoggerFactory.getLogger(FieldExtractor.class);
  private static final Map<String, String> PREFIXES =
      Map.ofEntries(
          Map.entry("gmd", Namespaces.GMD), Map.entry("gco", Namespaces.GCO),
          Map.entry("gmx", Namespaces.GMX), Map.entry("gmi", Namespaces.GMI),
          Map.entry("srv", Namespaces.SRV), Map.entry("gml", Namespaces.GML),
          Map.entry("csw", Namespaces.CSW), Map.entry("dc", Namespaces.DC),
          Map.entry("dct", Namespaces.DCT), Map.entry("ows", Namespaces.OWS),
          Map.entry("xlink", Namespaces.XLINK), Map.entry("oai_dc", Namespaces.OAI_DC));
  private static final int MAX_VALUES = 100;

  private final List<IndexField> fields;
  private final List<XPathExpression> expressions = new ArrayList<>();

  FieldExtractor(IndexConfiguration configuration) {
    this.fields = configuration.fields();
    for (IndexField f : fields) {
      expressions.add(compile(f.name(), f.xpath()));
    }
  }

  /** Compiles an expression; IllegalArgumentException naming the field when it is invalid. */
  static XPathExpression compile(String field, String expression) {
    try {
      return xpath().compile(expression);
    } catch (XPathExpressionException e) {
      String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      throw new IllegalArgumentException(
          "field '" + field + "': invalid xpath '" + expression + "': " + cause);
    }
  }

  /** Values of each field that applies to {@code schema}, by field name. */
  Map<String, List<String>> extract(String schema, String xml) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (fields.isEmpty() || xml == null) {
      return values;
    }
    Document doc;
    try {
      doc = SecureXml.documentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      log.warn("stored XML not parsed for field extraction: {}", e.toString());
      return values;
    }
    for (int i = 0; i < fields.size(); i++) {
      IndexField f = fields.get(i);
      if (!"*".equals(f.schema()) && !f.schema().equals(schema)) {
        continue;
      }
      try {
        NodeList nodes = (NodeList) expressions.get(i).evaluate(doc, XPathConstants.NODESET);
        List<String> texts = new ArrayList<>();
        for (int n = 0; n < nodes.getLength() && texts.size() < MAX_VALUES; n++) {
          Node node = nodes.item(n);
          String text = node.getTextContent() == null ? "" : node.getTextContent().strip();
          if (!text.isEmpty()) {
            texts.add(text);
          }
        }
        if (!texts.isEmpty()) {
          values.put(f.name(), texts);
        }
      } catch (XPathExpressionException e) {
        // An expression that does not select nodes (e.g. count(...)): take its string value.
        try {
          String text = expressions.get(i).evaluate(doc).strip();
          if (!text.isEmpty()) {
            values.put(f.name(), List.of(text));
          }
        } catch (XPathExpressionException ignored) {
          log.debug("field {} not extracted: {}", f.name(), e.toString());
        }
      }
    }
    return values;
  }

  private static XPath xpath() {
    XPathFactory factory = XPathFactory.newInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (javax.xml.xpath.XPathFactoryConfigurationException e) {
      throw new IllegalStateException("XPath secure processing unavailable", e);
    }
    XPath xpath = factory.newXPath();
    xpath.setNamespaceContext(
        new NamespaceContext() {
          @Override
          public String getNamespaceURI(String prefix) {
            return PREFIXES.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
          }

          @Override
          public String getPrefix(String uri) {
            return null;
          }

          @Override
          public Iterator<String> getPrefixes(String uri) {
            return List.<String>of().iterator();
          }
        });
    return xpath;
  }
}
