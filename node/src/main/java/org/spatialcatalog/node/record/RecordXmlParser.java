package org.spatialcatalog.node.record;

import static org.spatialcatalog.node.record.Namespaces.CSW;
import static org.spatialcatalog.node.record.Namespaces.GMD;
import static org.spatialcatalog.node.record.Namespaces.GMI;
import static org.spatialcatalog.node.record.Namespaces.OAI_DC;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.parsers.DocumentBuilder;
import org.spatialcatalog.node.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

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

  // Creating a builder costs about as much as parsing a small record, and builders are not
  // thread-safe, so each thread keeps its own. The JDK builder resets itself at the start of every
  // parse (also after a failed one) and drops its reference to the parsed document afterwards.
  private static final ThreadLocal<DocumentBuilder> BUILDERS =
      ThreadLocal.withInitial(SecureXml::documentBuilder);

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
    return read(parseDocument(xml).getDocumentElement(), xml);
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
    String namespace = root.getNamespaceURI() == null ? "" : root.getNamespaceURI();
    String name = root.getLocalName();
    if ((GMD.equals(namespace) && "MD_Metadata".equals(name))
        || (GMI.equals(namespace) && "MI_Metadata".equals(name))) {
      return withinLimits(iso.read(root, xml));
    }
    if ((CSW.equals(namespace) && "Record".equals(name))
        || (OAI_DC.equals(namespace) && "dc".equals(name))) {
      return withinLimits(dublinCore.read(root, xml));
    }
    throw new InvalidRecordException(
        "unsupported root element {" + namespace + "}" + name + ": " + EXPECTED_ROOTS);
  }

  private static ParsedRecord withinLimits(ParsedRecord record) {
    RecordLimits.check(record);
    return record;
  }

  private static Document parseDocument(String xml) {
    // Parsing from a Reader: the text is already decoded, so the encoding in the XML
    // declaration is (rightly) ignored. A leading byte order mark survives decoding in some
    // clients and is not markup, so it is dropped.
    String text = xml.charAt(0) == '\uFEFF' ? xml.substring(1) : xml;
    try {
      return BUILDERS.get().parse(new InputSource(new StringReader(text)));
    } catch (SAXParseException e) {
      if (declaresDoctype(text)) {
        throw new InvalidRecordException("DOCTYPE declarations are not allowed", e);
      }
      throw new InvalidRecordException(
          "XML is not well-formed at line "
              + e.getLineNumber()
              + ", column "
              + e.getColumnNumber()
              + ": "
              + e.getMessage(),
          e);
    } catch (SAXException e) {
      throw new InvalidRecordException("XML could not be parsed: " + e.getMessage(), e);
    } catch (IOException e) {
      // Unreachable for a StringReader, but the signature demands it.
      throw new InvalidRecordException("XML could not be read: " + e.getMessage(), e);
    }
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
