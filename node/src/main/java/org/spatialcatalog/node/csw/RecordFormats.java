package org.spatialcatalog.node.csw;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.index.Property;
import org.spatialcatalog.node.record.RecordProperties;
import org.spatialcatalog.node.record.StoredRecord;
import org.spatialcatalog.node.xml.XmlText;

/**
 * Writes one record in an output schema and element set.
 *
 * <p>csw:Record (brief, summary, full or chosen elements) is made from the indexed fields, with the
 * box as {@code ows:BoundingBox} in {@code urn:ogc:def:crs:EPSG::4326} (latitude first); a record
 * stored as csw:Record is returned as stored for "full". ISO 19139 "full" is the stored document
 * for ISO records; everything else in gmd (brief and summary of any record, full of a Dublin Core
 * record) is a minimal valid {@code gmd:MD_Metadata} made from the same fields, so either schema
 * can be asked for any record.
 */
final class RecordFormats {

  enum ElementSet {
    BRIEF,
    SUMMARY,
    FULL
  }

  /** The csw:Record element names an ElementName may choose (local names, lower case). */
  static final Set<String> ELEMENT_NAMES =
      Set.of(
          "identifier",
          "title",
          "type",
          "subject",
          "format",
          "language",
          "abstract",
          "modified",
          "boundingbox");

  private RecordFormats() {}

  /**
   * A csw:Record in the element set, or with only {@code elementNames} when not empty. Type, format
   * and language come from the stored XML ({@link RecordProperties}); without XML, or when the
   * record names no type, the type is {@code dataset}.
   */
  static String dublinCore(
      StoredRecord r, String storedXml, ElementSet set, List<String> elementNames) {
    Map<Property, List<String>> properties = RecordProperties.of(r.schema(), storedXml);
    if (!elementNames.isEmpty()) {
      return dcElements(r, properties, elementNames);
    }
    if (set == ElementSet.FULL && storedXml != null && isCswRecord(storedXml)) {
      return withoutDeclaration(storedXml);
    }
    String root =
        switch (set) {
          case BRIEF -> "csw:BriefRecord";
          case SUMMARY -> "csw:SummaryRecord";
          case FULL -> "csw:Record";
        };
    StringBuilder out = new StringBuilder(512);
    out.append('<').append(root).append(' ').append(CswXml.CSW_NAMESPACES).append('>');
    element(out, "dc:identifier", r.uuid());
    element(out, "dc:title", r.title());
    element(out, "dc:type", type(properties));
    if (set != ElementSet.BRIEF) {
      for (String keyword : r.keywords()) {
        element(out, "dc:subject", keyword);
      }
      // csw:SummaryRecord fixes the order: type, subject, format, relation, modified, abstract.
      properties
          .getOrDefault(Property.FORMAT, List.of())
          .forEach(f -> element(out, "dc:format", f));
      element(out, "dct:modified", date(modified(r)));
      if (!r.abstractText().isEmpty()) {
        element(out, "dct:abstract", r.abstractText());
      }
    }
    if (set == ElementSet.FULL) {
      languages(properties).forEach(l -> element(out, "dc:language", l));
    }
    boundingBox(out, r.bbox());
    return out.append("</").append(root).append('>').toString();
  }

  private static String type(Map<Property, List<String>> properties) {
    List<String> types = properties.getOrDefault(Property.TYPE, List.of());
    return types.isEmpty() ? "dataset" : types.get(0);
  }

  /** The resource's languages, else the metadata's (Dublin Core has only one language). */
  private static List<String> languages(Map<Property, List<String>> properties) {
    List<String> resource = properties.getOrDefault(Property.RESOURCE_LANGUAGE, List.of());
    return resource.isEmpty() ? properties.getOrDefault(Property.LANGUAGE, List.of()) : resource;
  }

  private static String dcElements(
      StoredRecord r, Map<Property, List<String>> properties, List<String> names) {
    StringBuilder out = new StringBuilder(256);
    out.append("<csw:Record ").append(CswXml.CSW_NAMESPACES).append('>');
    boolean box = false;
    for (String name : names) {
      switch (name) {
        case "identifier" -> element(out, "dc:identifier", r.uuid());
        case "title" -> element(out, "dc:title", r.title());
        case "type" -> element(out, "dc:type", type(properties));
        case "subject" -> r.keywords().forEach(k -> element(out, "dc:subject", k));
        case "format" ->
            properties
                .getOrDefault(Property.FORMAT, List.of())
                .forEach(f -> element(out, "dc:format", f));
        case "language" -> languages(properties).forEach(l -> element(out, "dc:language", l));
        case "abstract" -> element(out, "dct:abstract", r.abstractText());
        case "modified" -> element(out, "dct:modified", date(modified(r)));
        case "boundingbox" -> box = true;
        default -> {}
      }
    }
    // The schema puts ows:BoundingBox after every DC element.
    if (box) {
      boundingBox(out, r.bbox());
    }
    return out.append("</csw:Record>").toString();
  }

  /** ISO 19139: the stored document for a full ISO record, else one made from the fields. */
  static String iso(StoredRecord r, String storedXml, ElementSet set) {
    if (set == ElementSet.FULL && storedXml != null && "iso19139".equals(r.schema())) {
      return withoutDeclaration(storedXml);
    }
    StringBuilder out = new StringBuilder(1024);
    out.append("<gmd:MD_Metadata xmlns:gmd=\"")
        .append(CswXml.GMD)
        .append("\" xmlns:gco=\"")
        .append(CswXml.GCO)
        .append("\">");
    out.append("<gmd:fileIdentifier>");
    gco(out, r.uuid());
    out.append("</gmd:fileIdentifier>");
    out.append(
        "<gmd:hierarchyLevel><gmd:MD_ScopeCode codeList=\"http://standards.iso.org/iso/"
            + "19139/resources/gmxCodelists.xml#MD_ScopeCode\" codeListValue=\"dataset\">dataset"
            + "</gmd:MD_ScopeCode></gmd:hierarchyLevel>");
    out.append(
        "<gmd:contact><gmd:CI_ResponsibleParty><gmd:role><gmd:CI_RoleCode codeList=\""
            + "http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#CI_RoleCode\" "
            + "codeListValue=\"pointOfContact\">pointOfContact</gmd:CI_RoleCode></gmd:role>"
            + "</gmd:CI_ResponsibleParty></gmd:contact>");
    out.append("<gmd:dateStamp><gco:DateTime>")
        .append(dateTime(modified(r)))
        .append("</gco:DateTime></gmd:dateStamp>");
    out.append(
        "<gmd:identificationInfo><gmd:MD_DataIdentification><gmd:citation>"
            + "<gmd:CI_Citation><gmd:title>");
    gco(out, r.title());
    out.append("</gmd:title><gmd:date><gmd:CI_Date><gmd:date><gco:DateTime>")
        .append(dateTime(modified(r)))
        .append(
            "</gco:DateTime></gmd:date><gmd:dateType><gmd:CI_DateTypeCode codeList=\""
                + "http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#CI_DateTypeCode\" "
                + "codeListValue=\"revision\">revision</gmd:CI_DateTypeCode></gmd:dateType>"
                + "</gmd:CI_Date></gmd:date></gmd:CI_Citation></gmd:citation><gmd:abstract>");
    gco(out, set == ElementSet.BRIEF ? "" : r.abstractText());
    out.append("</gmd:abstract>");
    if (set != ElementSet.BRIEF && !r.keywords().isEmpty()) {
      out.append("<gmd:descriptiveKeywords><gmd:MD_Keywords>");
      for (String keyword : r.keywords()) {
        out.append("<gmd:keyword>");
        gco(out, keyword);
        out.append("</gmd:keyword>");
      }
      out.append("</gmd:MD_Keywords></gmd:descriptiveKeywords>");
    }
    out.append("<gmd:language><gco:CharacterString>eng</gco:CharacterString></gmd:language>");
    Bbox b = r.bbox();
    if (b != null) {
      out.append(
              "<gmd:extent><gmd:EX_Extent><gmd:geographicElement>"
                  + "<gmd:EX_GeographicBoundingBox><gmd:westBoundLongitude><gco:Decimal>")
          .append(b.west())
          .append(
              "</gco:Decimal></gmd:westBoundLongitude>" + "<gmd:eastBoundLongitude><gco:Decimal>")
          .append(b.east())
          .append("</gco:Decimal></gmd:eastBoundLongitude><gmd:southBoundLatitude><gco:Decimal>")
          .append(b.south())
          .append(
              "</gco:Decimal></gmd:southBoundLatitude>" + "<gmd:northBoundLatitude><gco:Decimal>")
          .append(b.north())
          .append(
              "</gco:Decimal></gmd:northBoundLatitude></gmd:EX_GeographicBoundingBox>"
                  + "</gmd:geographicElement></gmd:EX_Extent></gmd:extent>");
    }
    out.append("</gmd:MD_DataIdentification></gmd:identificationInfo></gmd:MD_Metadata>");
    return out.toString();
  }

  /** The stored date stamp, else when the record last changed in the catalog. */
  static Instant modified(StoredRecord r) {
    return r.dateStamp() != null ? r.dateStamp() : r.changeDate();
  }

  static void boundingBox(StringBuilder out, Bbox b) {
    if (b == null) {
      return;
    }
    out.append("<ows:BoundingBox crs=\"")
        .append(Envelopes.EPSG_4326_URN)
        .append("\">")
        .append("<ows:LowerCorner>")
        .append(b.south())
        .append(' ')
        .append(b.west())
        .append("</ows:LowerCorner><ows:UpperCorner>")
        .append(b.north())
        .append(' ')
        .append(b.east())
        .append("</ows:UpperCorner></ows:BoundingBox>");
  }

  static void element(StringBuilder out, String name, String text) {
    out.append('<')
        .append(name)
        .append('>')
        .append(XmlText.escape(text == null ? "" : text))
        .append("</")
        .append(name)
        .append('>');
  }

  private static void gco(StringBuilder out, String text) {
    out.append("<gco:CharacterString>")
        .append(XmlText.escape(text == null ? "" : text))
        .append("</gco:CharacterString>");
  }

  static String date(Instant at) {
    return DateTimeFormatter.ISO_LOCAL_DATE.format(at.atOffset(ZoneOffset.UTC));
  }

  static String dateTime(Instant at) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
        .format(at.atOffset(ZoneOffset.UTC));
  }

  private static boolean isCswRecord(String xml) {
    String start = withoutDeclaration(xml);
    int end = Math.min(start.length(), 200);
    String head = start.substring(0, end);
    return head.matches("(?s)<([A-Za-z_][\\w.-]*:)?Record[\\s>/].*");
  }

  /** The document without its XML declaration, comments or leading whitespace before the root. */
  static String withoutDeclaration(String xml) {
    String s = xml.strip();
    while (s.startsWith("<?") || s.startsWith("<!--")) {
      int end = s.startsWith("<?") ? s.indexOf("?>") + 2 : s.indexOf("-->") + 3;
      if (end < 3) {
        break;
      }
      s = s.substring(end).strip();
    }
    return s;
  }
}
