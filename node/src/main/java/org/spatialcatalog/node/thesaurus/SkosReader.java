package org.spatialcatalog.node.thesaurus;

import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.spatialcatalog.node.xml.SecureXml;

/**
 * Reads a SKOS thesaurus in RDF/XML as a stream: the concept scheme's title and URI, then each
 * {@code skos:Concept} (or {@code rdf:Description} typed as one) handed to a consumer, so a
 * thesaurus of any size is never held as a DOM. DTDs and external entities are refused.
 */
final class SkosReader {

  static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
  static final String DC = "http://purl.org/dc/elements/1.1/";
  static final String DCT = "http://purl.org/dc/terms/";
  private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

  /** The concept scheme's description. */
  record Scheme(String uri, String title) {}

  private SkosReader() {}

  static Scheme read(Reader input, Consumer<Concept> concepts) {
    String schemeUri = null;
    String schemeTitle = null;
    try {
      XMLStreamReader xml = SecureXml.xmlInputFactory().createXMLStreamReader(input);
      try {
        while (xml.hasNext()) {
          if (xml.next() != XMLStreamConstants.START_ELEMENT) {
            continue;
          }
          String ns = xml.getNamespaceURI();
          String name = xml.getLocalName();
          if (SKOS.equals(ns) && "ConceptScheme".equals(name)) {
            schemeUri = xml.getAttributeValue(RDF, "about");
            schemeTitle = readSchemeTitle(xml);
          } else if ((SKOS.equals(ns) && "Concept".equals(name))
              || (RDF.equals(ns) && "Description".equals(name))) {
            Concept concept = readConcept(xml, SKOS.equals(ns));
            if (concept != null) {
              concepts.accept(concept);
            }
          }
        }
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNumber()
                  + ", column "
                  + e.getLocation().getColumnNumber();
      throw new IllegalArgumentException(
          "SKOS RDF/XML is not well-formed"
              + where
              + ": "
              + e.getMessage().replaceAll("^ParseError at \\[.*?\\]\\s*Message:\\s*", ""));
    }
    return new Scheme(schemeUri, schemeTitle);
  }

  private static String readSchemeTitle(XMLStreamReader xml) throws XMLStreamException {
    String title = null;
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        String ns = xml.getNamespaceURI();
        String name = xml.getLocalName();
        if (title == null && "title".equals(name) && (DC.equals(ns) || DCT.equals(ns))
            || title == null && SKOS.equals(ns) && "prefLabel".equals(name)) {
          title = xml.getElementText().trim();
          depth--;
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    return title;
  }

  private static Concept readConcept(XMLStreamReader xml, boolean typed) throws XMLStreamException {
    String uri = xml.getAttributeValue(RDF, "about");
    Map<String, String> pref = new LinkedHashMap<>();
    Map<String, List<String>> alt = new LinkedHashMap<>();
    List<String> broader = new ArrayList<>();
    List<String> narrower = new ArrayList<>();
    boolean isConcept = typed;
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        continue;
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      String ns = xml.getNamespaceURI();
      String name = xml.getLocalName();
      if (RDF.equals(ns) && "type".equals(name)) {
        isConcept |= (SKOS + "Concept").equals(xml.getAttributeValue(RDF, "resource"));
        depth++;
      } else if (SKOS.equals(ns) && ("prefLabel".equals(name) || "altLabel".equals(name))) {
        String lang = xml.getAttributeValue(XML_NS, "lang");
        String key = lang == null || lang.isBlank() ? "en" : lang;
        String text = xml.getElementText().trim();
        if (!text.isEmpty()) {
          if ("prefLabel".equals(name)) {
            pref.putIfAbsent(key, text);
          } else {
            alt.computeIfAbsent(key, k -> new ArrayList<>()).add(text);
          }
        }
      } else if (SKOS.equals(ns) && ("broader".equals(name) || "narrower".equals(name))) {
        String target = xml.getAttributeValue(RDF, "resource");
        if (target != null) {
          ("broader".equals(name) ? broader : narrower).add(target);
        }
        depth++;
      } else {
        depth++;
      }
    }
    if (!isConcept || uri == null || pref.isEmpty()) {
      return null;
    }
    return new Concept(uri, pref, alt, broader, narrower);
  }
}
