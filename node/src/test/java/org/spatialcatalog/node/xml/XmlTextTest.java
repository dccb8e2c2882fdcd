package org.spatialcatalog.node.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

class XmlTextTest {

  @Test
  void escapesMarkupCharacters() {
    assertThat(XmlText.escape("a & b < c > d \" e ' f"))
        .isEqualTo("a &amp; b &lt; c &gt; d &quot; e &apos; f");
  }

  @Test
  void escapedTextParsesBackToTheOriginalInContentAndAttributes() throws Exception {
    String original = "R&D <x> \"q\" 'a'\r\n\ttab \uD83C\uDF0D Zürich";
    String escaped = XmlText.escape(original);
    var doc =
        SecureXml.documentBuilder()
            .parse(
                new InputSource(new StringReader("<r a=\"" + escaped + "\">" + escaped + "</r>")));

    assertThat(doc.getDocumentElement().getTextContent()).isEqualTo(original);
  }

  @Test
  void rejectsCharactersXmlCannotRepresent() {
    assertThatThrownBy(() -> XmlText.escape("bell\u0007"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0007");
    assertThatThrownBy(() -> XmlText.escape("lone \uD800 surrogate"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
