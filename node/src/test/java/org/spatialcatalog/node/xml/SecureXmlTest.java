package org.spatialcatalog.node.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

class SecureXmlTest {

  private static final String SECRET = "secret-content-that-must-not-leak";

  @TempDir Path dir;

  /** Every StAX factory SecureXml hands out: each must keep the same guarantees. */
  static Stream<Named<Supplier<XMLInputFactory>>> streamFactories() {
    return Stream.of(
        Named.of("JDK", SecureXml::xmlInputFactory),
        Named.of("harvest (Woodstox)", SecureXml::harvestInputFactory),
        Named.of("stored records (Woodstox)", SecureXml::storedRecordInputFactory));
  }

  private String externalEntityDocument() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
    return "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";
  }

  @Test
  void documentBuilderRejectsADoctypeWithAnExternalEntity() throws Exception {
    String xml = externalEntityDocument();

    assertThatThrownBy(
            () -> SecureXml.documentBuilder().parse(new InputSource(new StringReader(xml))))
        .isInstanceOf(SAXParseException.class)
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void documentBuilderIsNamespaceAware() throws Exception {
    Document doc =
        SecureXml.documentBuilder()
            .parse(new InputSource(new StringReader("<a:r xmlns:a=\"urn:a\"><a:c/></a:r>")));

    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("urn:a");
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("r");
  }

  @Test
  void documentBuilderThrowsInsteadOfPrintingOnMalformedXml() {
    assertThatThrownBy(
            () ->
                SecureXml.documentBuilder().parse(new InputSource(new StringReader("<r><c></r>"))))
        .isInstanceOfSatisfying(
            SAXParseException.class, e -> assertThat(e.getLineNumber()).isEqualTo(1));
  }

  /** Reads {@code xml} through, appending its text to {@code text} as it goes. */
  private static void readText(XMLInputFactory factory, String xml, StringBuilder text)
      throws XMLStreamException {
    XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
    while (reader.hasNext()) {
      if (reader.next() == XMLStreamConstants.CHARACTERS) {
        text.append(reader.getText());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("streamFactories")
  void streamReaderNeverResolvesAnExternalEntity(Supplier<XMLInputFactory> factories)
      throws Exception {
    String xml = externalEntityDocument();
    XMLInputFactory factory = factories.get();

    StringBuilder text = new StringBuilder();
    assertThatThrownBy(() -> readText(factory, xml, text))
        .isInstanceOf(XMLStreamException.class)
        .hasMessageNotContaining(SECRET);
    assertThat(text.toString()).doesNotContain(SECRET);
  }

  @ParameterizedTest
  @MethodSource("streamFactories")
  void streamReaderNeverExpandsAnEntityTheDocumentDeclares(Supplier<XMLInputFactory> factories) {
    String xml = "<!DOCTYPE r [<!ENTITY x \"expanded-entity\">]><r>&x;</r>";
    XMLInputFactory factory = factories.get();

    StringBuilder text = new StringBuilder();
    assertThatThrownBy(() -> readText(factory, xml, text)).isInstanceOf(XMLStreamException.class);
    assertThat(text.toString()).doesNotContain("expanded-entity");
  }

  @ParameterizedTest
  @MethodSource("streamFactories")
  void streamReaderDoesNotExpandBillionLaughs(Supplier<XMLInputFactory> factories) {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
    for (int i = 2; i <= 9; i++) {
      dtd.append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10))
          .append("\">");
    }
    String xml = dtd + "]><lolz>&lol9;</lolz>";
    XMLInputFactory factory = factories.get();

    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () ->
            assertThatThrownBy(
                    () -> {
                      XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(xml));
                      while (reader.hasNext()) {
                        reader.next();
                      }
                    })
                .isInstanceOf(XMLStreamException.class));
  }

  @ParameterizedTest
  @MethodSource("streamFactories")
  void streamReaderReadsOrdinaryDocuments(Supplier<XMLInputFactory> factories) throws Exception {
    XMLStreamReader reader =
        factories.get().createXMLStreamReader(new StringReader("<a:r xmlns:a=\"urn:a\">hi</a:r>"));

    assertThat(reader.nextTag()).isEqualTo(XMLStreamConstants.START_ELEMENT);
    assertThat(reader.getNamespaceURI()).isEqualTo("urn:a");
    assertThat(reader.getElementText()).isEqualTo("hi");
  }

  @ParameterizedTest
  @MethodSource("streamFactories")
  void streamReaderReadsPredefinedEntitiesAndCharacterReferencesBeyondTheExpansionLimit(
      Supplier<XMLInputFactory> factories) throws Exception {
    // The limit of one expansion is for declared entities: records are full of &amp; and &#...;.
    String text = "a &amp; b &lt; c &gt; d &quot; e &apos; f &#x41;&#66; ".repeat(50);
    XMLStreamReader reader =
        factories.get().createXMLStreamReader(new StringReader("<r>" + text + "</r>"));

    assertThat(reader.nextTag()).isEqualTo(XMLStreamConstants.START_ELEMENT);
    assertThat(reader.getElementText()).isEqualTo("a & b < c > d \" e ' f AB ".repeat(50));
  }

  @ParameterizedTest
  @MethodSource("streamFactories")
  void streamReaderReadsWhatTheJdksReaderReadsBeyondWoodstoxsDefaultLimits(
      Supplier<XMLInputFactory> factories) throws Exception {
    // Woodstox stops by default at 1,000 levels and at attributes over 512 KiB.
    int depth = 5_000;
    String big = "x".repeat(600 * 1024);
    String xml = "<a v=\"" + big + "\">" + "<a>".repeat(depth) + "</a>".repeat(depth) + "</a>";
    XMLStreamReader reader = factories.get().createXMLStreamReader(new StringReader(xml));

    int starts = 0;
    while (reader.hasNext()) {
      if (reader.next() == XMLStreamConstants.START_ELEMENT) {
        starts++;
      }
    }
    assertThat(starts).isEqualTo(depth + 1);
  }

  @Test
  void transformerSerializesAnElementWithoutDeclaration() throws Exception {
    Document doc =
        SecureXml.documentBuilder()
            .parse(
                new InputSource(
                    new StringReader("<a:r xmlns:a=\"urn:a\"><a:c x=\"1\">t &amp; u</a:c></a:r>")));
    Element child = (Element) doc.getDocumentElement().getFirstChild();

    StringWriter out = new StringWriter();
    SecureXml.transformer().transform(new DOMSource(child), new StreamResult(out));

    // Attribute order is the serializer's choice, so check the pieces rather than the string.
    assertThat(out.toString())
        .startsWith("<a:c ")
        .contains("xmlns:a=\"urn:a\"", "x=\"1\"")
        .endsWith(">t &amp; u</a:c>")
        .doesNotContain("<?xml");
  }
}
