package org.spatialcatalog.node.thesaurus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkosReaderTest {

  private static final String HEAD =
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
          + " xmlns:skos=\"http://www.w3.org/2004/02/skos/core#\""
          + " xmlns:dct=\"http://purl.org/dc/terms/\">";

  @Test
  void readsSchemeConceptsAndTypedDescriptions() {
    String rdf =
        HEAD
            + "<skos:ConceptScheme rdf:about=\"http://ex/s\"><dct:title>GEMET</dct:title>"
            + "</skos:ConceptScheme>"
            + "<skos:Concept rdf:about=\"http://ex/1\"><skos:prefLabel xml:lang=\"en\">water"
            + "</skos:prefLabel><skos:altLabel xml:lang=\"en\">H2O</skos:altLabel>"
            + "<skos:broader rdf:resource=\"http://ex/0\"/></skos:Concept>"
            + "<rdf:Description rdf:about=\"http://ex/2\"><rdf:type"
            + " rdf:resource=\"http://www.w3.org/2004/02/skos/core#Concept\"/>"
            + "<skos:prefLabel xml:lang=\"de\">Boden</skos:prefLabel></rdf:Description>"
            + "<rdf:Description rdf:about=\"http://ex/not-a-concept\"><skos:prefLabel>x"
            + "</skos:prefLabel></rdf:Description>"
            + "</rdf:RDF>";
    List<Concept> concepts = new ArrayList<>();
    SkosReader.Scheme scheme = SkosReader.read(new StringReader(rdf), concepts::add);
    assertThat(scheme.title()).isEqualTo("GEMET");
    assertThat(scheme.uri()).isEqualTo("http://ex/s");
    assertThat(concepts).extracting(Concept::uri).containsExactly("http://ex/1", "http://ex/2");
    assertThat(concepts.get(0).altLabels()).containsEntry("en", List.of("H2O"));
    assertThat(concepts.get(0).broader()).containsExactly("http://ex/0");
    assertThat(concepts.get(1).label("fr")).isEqualTo("Boden");
  }

  @Test
  void refusesDoctypesAndMalformedDocuments() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + HEAD
            + "<skos:Concept rdf:about=\"http://ex/1\"><skos:prefLabel>&x;</skos:prefLabel>"
            + "</skos:Concept></rdf:RDF>";
    List<Concept> concepts = new ArrayList<>();
    assertThatThrownBy(() -> SkosReader.read(new StringReader(xxe), concepts::add))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(concepts.toString()).doesNotContain("root:");
    assertThatThrownBy(() -> SkosReader.read(new StringReader(HEAD + "<skos:Concept"), c -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not well-formed");
  }
}
