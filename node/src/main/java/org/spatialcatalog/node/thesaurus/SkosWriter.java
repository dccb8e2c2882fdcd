package org.spatialcatalog.node.thesaurus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.xml.XmlText;

/** Writes a thesaurus back as SKOS RDF/XML, concept by concept. */
final class SkosWriter {

  private final Writer out;

  SkosWriter(Writer out) {
    this.out = out;
  }

  void begin(String uri, String title) {
    write(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rdf:RDF xmlns:rdf=\""
            + SkosReader.RDF
            + "\" xmlns:skos=\""
            + SkosReader.SKOS
            + "\" xmlns:dc=\""
            + SkosReader.DC
            + "\">\n");
    write(
        "  <skos:ConceptScheme"
            + about(uri)
            + ">\n    <dc:title>"
            + XmlText.escape(title)
            + "</dc:title>\n  </skos:ConceptScheme>\n");
  }

  void concept(Concept c) {
    StringBuilder s = new StringBuilder("  <skos:Concept").append(about(c.uri())).append(">\n");
    for (Map.Entry<String, String> e : c.prefLabels().entrySet()) {
      s.append("    <skos:prefLabel xml:lang=\"")
          .append(XmlText.escape(e.getKey()))
          .append("\">")
          .append(XmlText.escape(e.getValue()))
          .append("</skos:prefLabel>\n");
    }
    for (Map.Entry<String, List<String>> e : c.altLabels().entrySet()) {
      for (String label : e.getValue()) {
        s.append("    <skos:altLabel xml:lang=\"")
            .append(XmlText.escape(e.getKey()))
            .append("\">")
            .append(XmlText.escape(label))
            .append("</skos:altLabel>\n");
      }
    }
    for (String b : c.broader()) {
      s.append("    <skos:broader rdf:resource=\"").append(XmlText.escape(b)).append("\"/>\n");
    }
    for (String n : c.narrower()) {
      s.append("    <skos:narrower rdf:resource=\"").append(XmlText.escape(n)).append("\"/>\n");
    }
    write(s.append("  </skos:Concept>\n").toString());
  }

  void end() {
    write("</rdf:RDF>\n");
  }

  private static String about(String uri) {
    return uri == null ? "" : " rdf:about=\"" + XmlText.escape(uri) + "\"";
  }

  private void write(String text) {
    try {
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
