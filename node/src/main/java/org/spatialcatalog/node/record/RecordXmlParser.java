package org.spatialcatalog.node.record;

import static org.spatialcatalog.node.record.Namespaces.CSW;
import static org.spatialcatalog.node.record.Namespaces.GMD;
import static org.spatialcatalog.node.record.Namespaces.GMI;
import static org.spatialcatalog.node.record.Namespaces.OAI_DC;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.dom.DOMSource;
import org.spatialcatalog.index.Property;
import org.spatialcatalog.node.xml.SecureXml;
import org.w3c.dom.Element;

/**
 * Parses one metadata record from XML text into a {@link ParsedRecord}.
 *
 * <p>Supported root elements: ISO 19139 {@code gmd:MD_Metadata} and {@code gmi:MI_Metadata} (schema
 * {@link RecordSchema#ISO19139}); CSW 2.0.2 {@code csw:Record} and OAI-PMH {@code oai_dc:dc}
 * (schema {@link RecordSchema#DUBLIN_CORE}). Elements are matched by namespace URI, so any prefixes
 * may be used.
 *
 * <p>Guarantees: the parser is stateless and thread-safe; it never reads anything from the network
 * or the file system (documents with a DOCTYPE are rejected before any entity is defined); every
 * rejection is an {@link InvalidRecordException} with a message naming the problem.
 */
public final class RecordXmlParser {

  private static final String EXPECTED_ROOTS =
      "expected gmd:MD_Metadata, gmi:MI_Metadata, csw:Record or oai_dc:dc";

  private static final XMLInputFactory FACTORY = SecureXml.recordInputFactory();

  private final Iso19139Reader iso = new Iso19139Reader();
  private final DublinCoreReader dublinCore = new DublinCoreReader();

  /**
   * Parses {@code xml}; the returned record's {@code xml()} is this exact string.
   *
   * @throws InvalidRecordException if the text is empty, not well-formed, has a DOCTYPE, has an
   *     unsupported root element, lacks a title, has a bad bbox or date stamp, or exceeds one of
   *     the {@link RecordLimits}
   */
  public ParsedRecord parse(String xml) {
    if (xml == null || xml.isBlank()) {
      throw new InvalidRecordException("XML body is empty");
    }
    // Parsing from a Reader: the text is already decoded, so the encoding in the XML
    // declaration is (rightly) ignored. A leading byte order mark survives decoding in some
    // clients and is not markup, so it is dropped.
    String text = xml.charAt(0) == '\uFEFF' ? xml.substring(1) : xml;
    XMLStreamReader events;
    try {
      events = FACTORY.createXMLStreamReader(new StringReader(text));
    } catch (XMLStreamException e) {
      throw notWellFormed(e, text);
    }
    return read(new RecordTreeRecorder(events), xml, text);
  }

  /**
   * Reads a record whose text was already parsed: {@code root} is its element, {@code xml} the text
   * it came from or was serialized to, kept as the record's {@code xml()}. A harvest cuts each
   * record out of a parsed page and serializes it; reading the element it already has saves parsing
   * that text again. The checks are those of {@link #parse} after its parse.
   *
   * @throws InvalidRecordException as {@link #parse}, but for well-formedness and DOCTYPE, which
   *     the caller's parse decided
   */
  public ParsedRecord read(Element root, String xml) {
    XMLStreamReader events;
    try {
      events = FACTORY.createXMLStreamReader(new DOMSource(root));
    } catch (XMLStreamException e) {
      throw new InvalidRecordException("XML could not be read: " + e.getMessage(), e);
    }
    return read(new RecordTreeRecorder(events), xml, xml);
  }

  /**
   * One pass over the record's events: the root element decides the schema, the properties pass of
   * that schema reads every event after it, and the recorder builds the tree the fields are then
   * read from. {@code text}: what the events come from, to word a parse error.
   */
  private ParsedRecord read(RecordTreeRecorder events, String xml, String text) {
    RecordElement root;
    try {
      root = events.readRoot();
    } catch (XMLStreamException e) {
      throw notWellFormed(e, text);
    }
    RecordSchema schema = schemaOf(root);
    if (schema == null) {
      closeQuietly(events);
      if (events.failure() != null) {
        throw notWellFormed(events.failure(), text);
      }
      throw new InvalidRecordException(
          "unsupported root element {"
              + root.namespace()
              + "}"
              + root.localName()
              + ": "
              + EXPECTED_ROOTS);
    }
    Map<Property, List<String>> properties = RecordProperties.read(schema.id(), events);
    if (events.failure() != null) {
      throw notWellFormed(events.failure(), text);
    }
    ParsedRecord record =
        schema == RecordSchema.ISO19139
            ? iso.read(root, xml, properties)
            : dublinCore.read(root, xml, properties);
    RecordLimits.check(record);
    return record;
  }

  private static RecordSchema schemaOf(RecordElement root) {
    String namespace = root.namespace();
    String name = root.localName();
    if ((GMD.equals(namespace) && "MD_Metadata".equals(name))
        || (GMI.equals(namespace) && "MI_Metadata".equals(name))) {
      return RecordSchema.ISO19139;
    }
    if ((CSW.equals(namespace) && "Record".equals(name))
        || (OAI_DC.equals(namespace) && "dc".equals(name))) {
      return RecordSchema.DUBLIN_CORE;
    }
    return null;
  }

  private static void closeQuietly(RecordTreeRecorder events) {
    try {
      events.close();
    } catch (XMLStreamException e) {
      // Kept as the recorder's failure, which the caller reads.
    }
  }

  private static InvalidRecordException notWellFormed(XMLStreamException e, String text) {
    if (declaresDoctype(text)) {
      return new InvalidRecordException("DOCTYPE declarations are not allowed", e);
    }
    Location at = e.getLocation();
    if (at == null || at.getLineNumber() < 0) {
      return new InvalidRecordException("XML is not well-formed: " + message(e), e);
    }
    return new InvalidRecordException(
        "XML is not well-formed at line "
            + at.getLineNumber()
            + ", column "
            + at.getColumnNumber()
            + ": "
            + message(e),
        e);
  }

  /**
   * The reader's message without the location it prefixes ("ParseError at [row,col]:[3,3] Message:
   * ..."), which the caller words itself.
   */
  private static String message(XMLStreamException e) {
    String m = String.valueOf(e.getMessage());
    int at = m.indexOf("Message: ");
    return at >= 0 ? m.substring(at + "Message: ".length()).strip() : m.strip();
  }

  /**
   * Whether the prolog (what precedes the root element) contains a DOCTYPE. Only used to word the
   * error after the parser has already refused the document, so a plain scan that skips the XML
   * declaration, processing instructions, comments and whitespace is enough.
   */
  static boolean declaresDoctype(String text) {
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
      } else if (text.startsWith("<?", i)) {
        int end = text.indexOf("?>", i + 2);
        if (end < 0) {
          return false;
        }
        i = end + 2;
      } else if (text.startsWith("<!--", i)) {
        int end = text.indexOf("-->", i + 4);
        if (end < 0) {
          return false;
        }
        i = end + 3;
      } else {
        return text.startsWith("<!DOCTYPE", i);
      }
    }
    return false;
  }
}
