package org.spatialcatalog.node.oai;

import static org.spatialcatalog.node.oai.OaiWriter.escape;

import java.time.Instant;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.record.Namespaces;
import org.spatialcatalog.node.record.StoredRecord;

/**
 * The crosswalk between the fields the catalog parsed from a record and the two formats it
 * disseminates: {@code oai_dc} for every record, and a minimal ISO 19139 {@code gmd:MD_Metadata}
 * for records stored as Dublin Core (ISO records are served as stored).
 *
 * <p>Both are derived from the parsed fields only (identifier, title, abstract, keywords, bounding
 * box, date stamp), so what a harvester gets is exactly what the catalog searches on. The ISO
 * document carries the elements the ISO 19139 schema requires (contact, date stamp, citation date,
 * abstract, language), with {@code pointOfContact}, {@code revision} and {@code und} where the
 * Dublin Core record has no value for them.
 */
final class DublinCoreCrosswalk {

  private static final String CODE_LISTS =
      "http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#";

  private DublinCoreCrosswalk() {}

  static String oaiDc(StoredRecord r) {
    StringBuilder x = new StringBuilder(512);
    x.append("<oai_dc:dc xmlns:oai_dc=\"")
        .append(Namespaces.OAI_DC)
        .append("\" xmlns:dc=\"")
        .append(Namespaces.DC)
        .append("\" xmlns:xsi=\"")
        .append(Namespaces.XSI)
        .append("\" xsi:schemaLocation=\"")
        .append(Namespaces.OAI_DC)
        .append(' ')
        .append(MetadataFormat.OAI_DC.schema())
        .append("\">");
    dc(x, "title", r.title());
    if (r.uuid() != null) {
      dc(x, "identifier", r.uuid());
    }
    if (!r.abstractText().isEmpty()) {
      dc(x, "description", r.abstractText());
    }
    r.keywords().forEach(k -> dc(x, "subject", k));
    if (r.dateStamp() != null) {
      dc(x, "date", OaiDates.format(r.dateStamp()));
    }
    Bbox b = r.bbox();
    if (b != null) {
      // Concatenation, not String.format: the same Double.toString text, without parsing a
      // format per record of a listing.
      dc(
          x,
          "coverage",
          "North "
              + b.north()
              + ", South "
              + b.south()
              + ", East "
              + b.east()
              + ", West "
              + b.west());
    }
    return x.append("</oai_dc:dc>").toString();
  }

  private static void dc(StringBuilder x, String element, String value) {
    x.append("<dc:")
        .append(element)
        .append('>')
        .append(escape(value))
        .append("</dc:")
        .append(element)
        .append('>');
  }

  static String iso19139(StoredRecord r) {
    Instant date = r.dateStamp() != null ? r.dateStamp() : r.changeDate();
    StringBuilder x = new StringBuilder(2048);
    x.append("<gmd:MD_Metadata xmlns:gmd=\"")
        .append(Namespaces.GMD)
        .append("\" xmlns:gco=\"")
        .append(Namespaces.GCO)
        .append("\">");
    if (r.uuid() != null) {
      x.append("<gmd:fileIdentifier>").append(string(r.uuid())).append("</gmd:fileIdentifier>");
    }
    x.append("<gmd:contact><gmd:CI_ResponsibleParty><gmd:role>")
        .append(code("CI_RoleCode", "pointOfContact"))
        .append("</gmd:role></gmd:CI_ResponsibleParty></gmd:contact>");
    x.append("<gmd:dateStamp><gco:DateTime>")
        .append(dateTime(date))
        .append("</gco:DateTime></gmd:dateStamp>");
    x.append("<gmd:identificationInfo><gmd:MD_DataIdentification>");
    x.append("<gmd:citation><gmd:CI_Citation><gmd:title>")
        .append(string(r.title()))
        .append("</gmd:title><gmd:date><gmd:CI_Date><gmd:date><gco:DateTime>")
        .append(dateTime(date))
        .append("</gco:DateTime></gmd:date><gmd:dateType>")
        .append(code("CI_DateTypeCode", "revision"))
        .append("</gmd:dateType></gmd:CI_Date></gmd:date></gmd:CI_Citation></gmd:citation>");
    x.append("<gmd:abstract>").append(string(r.abstractText())).append("</gmd:abstract>");
    if (!r.keywords().isEmpty()) {
      x.append("<gmd:descriptiveKeywords><gmd:MD_Keywords>");
      r.keywords()
          .forEach(k -> x.append("<gmd:keyword>").append(string(k)).append("</gmd:keyword>"));
      x.append("</gmd:MD_Keywords></gmd:descriptiveKeywords>");
    }
    x.append("<gmd:language>").append(string("und")).append("</gmd:language>");
    Bbox b = r.bbox();
    if (b != null) {
      x.append(
          "<gmd:extent><gmd:EX_Extent><gmd:geographicElement>" + "<gmd:EX_GeographicBoundingBox>");
      side(x, "westBoundLongitude", b.west());
      side(x, "eastBoundLongitude", b.east());
      side(x, "southBoundLatitude", b.south());
      side(x, "northBoundLatitude", b.north());
      x.append(
          "</gmd:EX_GeographicBoundingBox></gmd:geographicElement></gmd:EX_Extent>"
              + "</gmd:extent>");
    }
    return x.append("</gmd:MD_DataIdentification></gmd:identificationInfo></gmd:MD_Metadata>")
        .toString();
  }

  private static String string(String value) {
    return "<gco:CharacterString>" + escape(value) + "</gco:CharacterString>";
  }

  private static String code(String list, String value) {
    return "<gmd:"
        + list
        + " codeList=\""
        + CODE_LISTS
        + list
        + "\" codeListValue=\""
        + value
        + "\">"
        + value
        + "</gmd:"
        + list
        + ">";
  }

  private static String dateTime(Instant instant) {
    // gco:DateTime is xs:dateTime; the Z keeps it unambiguous.
    return OaiDates.format(instant);
  }

  private static void side(StringBuilder x, String name, double value) {
    x.append("<gmd:")
        .append(name)
        .append("><gco:Decimal>")
        .append(value)
        .append("</gco:Decimal></gmd:")
        .append(name)
        .append('>');
  }
}
