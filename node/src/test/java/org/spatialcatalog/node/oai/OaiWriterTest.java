package org.spatialcatalog.node.oai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OaiWriterTest {

  @Test
  void embeddedDocumentsLoseTheirPrologOnly() {
    String xml = "\uFEFF<?xml version=\"1.0\"?>\n<!-- c --><?pi x?>\n<a:b xmlns:a=\"u\"/>";
    assertThat(xml.substring(OaiWriter.rootStart(xml))).isEqualTo("<a:b xmlns:a=\"u\"/>");
    assertThat(OaiWriter.rootStart("<?xml broken")).isZero();
    assertThat(OaiWriter.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
  }
}
