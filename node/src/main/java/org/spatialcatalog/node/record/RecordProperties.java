package org.spatialcatalog.node.record;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spatialcatalog.index.Property;
import org.spatialcatalog.node.xml.SecureXml;

/**
 * Extracts the built-in {@link Property properties} (the CSW application profile queryables) from
 * stored record XML in one streaming pass, without building a tree; or, for a record being parsed
 * ({@link RecordXmlParser}), from the events of the parser's own pass, which builds the record's
 * tree as this pass reads them, so that a new or harvested record is not parsed twice.
 *
 * <p>ISO 19139 ({@code gmd:MD_Metadata} or {@code gmi:MI_Metadata}), following the ISO AP mapping:
 * Type is {@code hierarchyLevel} (ISO's default {@code dataset} when absent), HierarchyLevelName,
 * ParentIdentifier and Language (the metadata language) come from the root; from {@code
 * identificationInfo}: ResourceLanguage, TopicCategory, OrganisationName of every responsible
 * party, ServiceType, and from the resource's own citation AlternateTitle, ResourceIdentifier and
 * the creation, publication and revision dates by their {@code dateType}; Format is every {@code
 * MD_Format/name} of {@code distributionInfo}.
 *
 * <p>Dublin Core (csw:Record, oai_dc, simple DC): {@code dc:type}, {@code dc:format}, {@code
 * dc:language} (as both ResourceLanguage and Language: DC has one language), {@code dc:creator} and
 * {@code dc:publisher} (OrganisationName), {@code dct:alternative}, {@code dct:created}, {@code
 * dct:issued}, {@code dct:modified} (RevisionDate), {@code dct:isPartOf} (ParentIdentifier).
 *
 * <p>XML that does not parse yields what was read before the error, logged at debug level: the
 * record was accepted when it was stored, so this only happens for records stored before their
 * schema was checked. Thread-safe: the StAX factory is, and each call has its own state.
 */
public final class RecordProperties {

  private static final Logger log = LoggerFactory.getLogger(RecordProperties.class);
  private static final XMLInputFactory FACTORY = SecureXml.storedRecordInputFactory();

  private RecordProperties() {}

  /** The properties of a record of {@code schema} ({@code iso19139} or {@code dublin-core}). */
  public static Map<Property, List<String>> of(String schema, String xml) {
    if (xml == null || xml.isBlank()) {
      return new EnumMap<>(Property.class);
    }
    return read(schema, () -> FACTORY.createXMLStreamReader(new StringReader(xml)));
  }

  /**
   * The properties of a record of {@code schema} read from {@code events}, which the pass reads to
   * the end and closes. For {@link RecordXmlParser}, whose reader builds the record's tree from the
   * same events ({@link RecordTreeRecorder}), so that a new or harvested record is read once.
   */
  static Map<Property, List<String>> read(String schema, XMLStreamReader events) {
    return read(schema, () -> events);
  }

  private interface Events {
    XMLStreamReader open() throws XMLStreamException;
  }

  private static Map<Property, List<String>> read(String schema, Events events) {
    Map<Property, List<String>> values = new EnumMap<>(Property.class);
    boolean iso = RecordSchema.ISO19139.id().equals(schema);
    try {
      XMLStreamReader reader = events.open();
      try {
        if (iso) {
          new IsoPass(reader, values).run();
        } else {
          dublinCore(reader, values);
        }
      } finally {
        reader.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      log.debug("record properties not fully read: {}", e.toString());
    }
    if (iso && !values.containsKey(Property.TYPE)) {
      values.put(Property.TYPE, List.of("dataset"));
    }
    return values;
  }

  private static void add(Map<Property, List<String>> values, Property p, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    List<String> list = values.computeIfAbsent(p, k -> new ArrayList<>());
    String v = value.strip();
    if (list.size() < Property.MAX_VALUES && !list.contains(v)) {
      list.add(v);
    }
  }

  private static void dublinCore(XMLStreamReader r, Map<Property, List<String>> values)
      throws XMLStreamException {
    while (r.hasNext()) {
      if (r.next() != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      String ns = r.getNamespaceURI();
      if (!Namespaces.DC.equals(ns) && !Namespaces.DCT.equals(ns)) {
        continue;
      }
      String name = r.getLocalName();
      String text;
      try {
        text = r.getElementText();
      } catch (XMLStreamException mixedContent) {
        continue;
      }
      switch (name) {
        case "type" -> add(values, Property.TYPE, text);
        case "format" -> add(values, Property.FORMAT, text);
        case "language" -> {
          add(values, Property.RESOURCE_LANGUAGE, text);
          add(values, Property.LANGUAGE, text);
        }
        case "creator", "publisher" -> add(values, Property.ORGANISATION, text);
        case "alternative" -> add(values, Property.ALTERNATE_TITLE, text);
        case "created" -> add(values, Property.CREATION_DATE, text);
        case "issued" -> add(values, Property.PUBLICATION_DATE, text);
        case "modified" -> add(values, Property.REVISION_DATE, text);
        case "isPartOf" -> add(values, Property.PARENT_IDENTIFIER, text);
        default -> {}
      }
    }
  }

  /** One pass over an ISO 19139 document, keeping the path of local names from the root. */
  private static final class IsoPass {
    private static final int CITATION = 4;
    private final XMLStreamReader r;
    private final Map<Property, List<String>> values;
    private final List<String> path = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private String pendingDate;
    private String pendingDateType;
    // Whether the element that started last had a codeListValue: at the end of a leaf it is that
    // leaf's, and the code was already taken from the attribute.
    private boolean startedWithCode;

    IsoPass(XMLStreamReader r, Map<Property, List<String>> values) {
      this.r = r;
      this.values = values;
    }

    void run() throws XMLStreamException {
      while (r.hasNext()) {
        switch (r.next()) {
          case XMLStreamConstants.START_ELEMENT -> start();
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(r.getText());
          case XMLStreamConstants.END_ELEMENT -> end();
          default -> {}
        }
      }
    }

    private void start() {
      path.add(r.getLocalName());
      text.setLength(0);
      String code = r.getAttributeValue(null, "codeListValue");
      startedWithCode = code != null && !code.isBlank();
      if (!startedWithCode) {
        return;
      }
      String name = r.getLocalName();
      if (name.equals("MD_ScopeCode") && is(1, "hierarchyLevel")) {
        add(values, Property.TYPE, code);
      } else if (name.equals("LanguageCode")) {
        language(code);
      } else if (name.equals("CI_DateTypeCode") && inResourceCitation()) {
        pendingDateType = code;
      }
    }

    private void end() {
      String name = path.get(path.size() - 1);
      // Most elements hold only the white space between their children: no string for those.
      String value = isBlank(text) ? "" : text.toString().strip();
      text.setLength(0);
      if (!value.isEmpty()) {
        leaf(name, value);
      }
      if (name.equals("CI_Date") && inResourceCitation()) {
        if (pendingDate != null && pendingDateType != null) {
          switch (pendingDateType) {
            case "revision" -> add(values, Property.REVISION_DATE, pendingDate);
            case "creation" -> add(values, Property.CREATION_DATE, pendingDate);
            case "publication" -> add(values, Property.PUBLICATION_DATE, pendingDate);
            default -> {}
          }
        }
        pendingDate = null;
        pendingDateType = null;
      }
      path.remove(path.size() - 1);
    }

    private void leaf(String name, String value) {
      boolean string =
          name.equals("CharacterString") || name.equals("Anchor") || name.equals("LocalName");
      if (name.equals("MD_ScopeCode") && is(1, "hierarchyLevel")) {
        if (!values.containsKey(Property.TYPE)) {
          add(values, Property.TYPE, value);
        }
      } else if (string && is(1, "hierarchyLevelName")) {
        add(values, Property.HIERARCHY_LEVEL_NAME, value);
      } else if (string && is(1, "parentIdentifier")) {
        add(values, Property.PARENT_IDENTIFIER, value);
      } else if (string && parentIs("language")) {
        language(value);
      } else if (name.equals("LanguageCode") && parentIs("language")) {
        if (!startedWithCode) {
          language(value);
        }
      } else if (name.equals("MD_TopicCategoryCode") && inside("identificationInfo")) {
        add(values, Property.TOPIC_CATEGORY, value);
      } else if (string && parentIs("organisationName") && inside("identificationInfo")) {
        add(values, Property.ORGANISATION, value);
      } else if (string && parentIs("serviceType") && inside("identificationInfo")) {
        add(values, Property.SERVICE_TYPE, value);
      } else if (string && parentIs("name") && inside("MD_Format") && inside("distributionInfo")) {
        add(values, Property.FORMAT, value);
      } else if (inResourceCitation()) {
        citation(name, string, value);
      }
    }

    private void citation(String name, boolean string, String value) {
      int c = CITATION;
      String child = path.size() > c + 1 ? path.get(c + 1) : "";
      if (string && child.equals("alternateTitle") && path.size() == c + 3) {
        add(values, Property.ALTERNATE_TITLE, value);
      } else if (string && child.equals("identifier") && parentIs("code")) {
        add(values, Property.RESOURCE_IDENTIFIER, value);
      } else if ((name.equals("Date") || name.equals("DateTime")) && child.equals("date")) {
        if (parentIs("date") && path.size() >= 3 && path.get(path.size() - 3).equals("CI_Date")) {
          pendingDate = value;
        }
      } else if (name.equals("CI_DateTypeCode") && !startedWithCode) {
        pendingDateType = value;
      }
    }

    private void language(String value) {
      if (is(1, "language")) {
        add(values, Property.LANGUAGE, value);
      } else if (inside("identificationInfo")) {
        add(values, Property.RESOURCE_LANGUAGE, value);
      }
    }

    private static boolean isBlank(CharSequence text) {
      for (int i = 0; i < text.length(); i++) {
        if (!Character.isWhitespace(text.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    /** Whether the element at depth {@code depth} below the root is {@code name}. */
    private boolean is(int depth, String name) {
      return path.size() > depth && path.get(depth).equals(name);
    }

    private boolean parentIs(String name) {
      return path.size() >= 2 && path.get(path.size() - 2).equals(name);
    }

    private boolean inside(String name) {
      return path.contains(name);
    }

    /**
     * Whether the path is inside the resource's own {@code CI_Citation}, at {@link #CITATION}:
     * root, identificationInfo, the identification, citation, CI_Citation. Citations of thesauri or
     * sources lie deeper and do not count.
     */
    private boolean inResourceCitation() {
      return path.size() > CITATION
          && path.get(1).equals("identificationInfo")
          && path.get(3).equals("citation")
          && path.get(4).equals("CI_Citation");
    }
  }
}
