package org.spatialcatalog.node.record;

import static org.spatialcatalog.node.xml.XmlText.escape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spatialcatalog.index.Bbox;

/**
 * Builds realistic metadata documents for demos, load tests and tests, and loads the bundled demo
 * records.
 *
 * <p>Guarantee: every document built here is well-formed, escapes all given text, and parses with
 * {@link RecordXmlParser} back to the values it was built from (title and keywords
 * whitespace-collapsed, abstract trimmed, as the parser always does). A null {@code uuid}, {@code
 * bbox} or date leaves the element out; a null abstract or keyword list counts as empty.
 */
public final class SampleRecords {

  private static final String SAMPLES = "/samples/";
  private static final String INDEX = SAMPLES + "index.txt";

  private SampleRecords() {}

  /** An ISO 19139 {@code gmd:MD_Metadata} document describing a dataset. */
  public static String iso19139(
      String uuid,
      String title,
      String abstractText,
      List<String> keywords,
      Bbox bbox,
      Instant dateStamp) {
    Objects.requireNonNull(title, "title");
    StringBuilder xml = new StringBuilder(4096);
    xml.append(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd"
                         xmlns:gco="http://www.isotc211.org/2005/gco"
                         xmlns:gmx="http://www.isotc211.org/2005/gmx"
                         xmlns:xlink="http://www.w3.org/1999/xlink">
        """);
    if (uuid != null) {
      xml.append("  <gmd:fileIdentifier>\n")
          .append("    <gco:CharacterString>")
          .append(escape(uuid))
          .append("</gco:CharacterString>\n")
          .append("  </gmd:fileIdentifier>\n");
    }
    xml.append(
        """
          <gmd:language>
            <gmd:LanguageCode codeList="http://www.loc.gov/standards/iso639-2/" codeListValue="eng">eng</gmd:LanguageCode>
          </gmd:language>
          <gmd:hierarchyLevel>
            <gmd:MD_ScopeCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#MD_ScopeCode" codeListValue="dataset">dataset</gmd:MD_ScopeCode>
          </gmd:hierarchyLevel>
          <gmd:contact>
            <gmd:CI_ResponsibleParty>
              <gmd:organisationName>
                <gco:CharacterString>Spatial Catalog Demo Agency</gco:CharacterString>
              </gmd:organisationName>
              <gmd:contactInfo>
                <gmd:CI_Contact>
                  <gmd:address>
                    <gmd:CI_Address>
                      <gmd:electronicMailAddress>
                        <gco:CharacterString>metadata@example.org</gco:CharacterString>
                      </gmd:electronicMailAddress>
                    </gmd:CI_Address>
                  </gmd:address>
                </gmd:CI_Contact>
              </gmd:contactInfo>
              <gmd:role>
                <gmd:CI_RoleCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#CI_RoleCode" codeListValue="pointOfContact">pointOfContact</gmd:CI_RoleCode>
              </gmd:role>
            </gmd:CI_ResponsibleParty>
          </gmd:contact>
        """);
    if (dateStamp != null) {
      xml.append("  <gmd:dateStamp>\n")
          .append("    <gco:DateTime>")
          .append(dateStamp)
          .append("</gco:DateTime>\n")
          .append("  </gmd:dateStamp>\n");
    }
    xml.append(
        """
          <gmd:metadataStandardName>
            <gco:CharacterString>ISO 19115:2003/19139</gco:CharacterString>
          </gmd:metadataStandardName>
          <gmd:metadataStandardVersion>
            <gco:CharacterString>1.0</gco:CharacterString>
          </gmd:metadataStandardVersion>
          <gmd:identificationInfo>
            <gmd:MD_DataIdentification>
              <gmd:citation>
                <gmd:CI_Citation>
                  <gmd:title>
        """);
    xml.append("            <gco:CharacterString>")
        .append(escape(title))
        .append("</gco:CharacterString>\n");
    xml.append("          </gmd:title>\n");
    if (dateStamp == null) {
      // The citation date is mandatory in ISO 19139; say it is unknown rather than invent one.
      xml.append("          <gmd:date gco:nilReason=\"unknown\"/>\n");
    } else {
      xml.append(
          """
                    <gmd:date>
                      <gmd:CI_Date>
                        <gmd:date>
          """);
      xml.append("                <gco:Date>")
          .append(LocalDate.ofInstant(dateStamp, ZoneOffset.UTC))
          .append("</gco:Date>\n");
      xml.append(
          """
                        </gmd:date>
                        <gmd:dateType>
                          <gmd:CI_DateTypeCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#CI_DateTypeCode" codeListValue="revision">revision</gmd:CI_DateTypeCode>
                        </gmd:dateType>
                      </gmd:CI_Date>
                    </gmd:date>
          """);
    }
    xml.append(
        """
                </gmd:CI_Citation>
              </gmd:citation>
              <gmd:abstract>
        """);
    xml.append("        <gco:CharacterString>")
        .append(escape(abstractText == null ? "" : abstractText))
        .append("</gco:CharacterString>\n");
    xml.append("      </gmd:abstract>\n");
    List<String> words = keywords == null ? List.of() : keywords;
    if (!words.isEmpty()) {
      xml.append("      <gmd:descriptiveKeywords>\n        <gmd:MD_Keywords>\n");
      for (String keyword : words) {
        xml.append("          <gmd:keyword>\n")
            .append("            <gco:CharacterString>")
            .append(escape(keyword))
            .append("</gco:CharacterString>\n")
            .append("          </gmd:keyword>\n");
      }
      xml.append(
          """
                    <gmd:type>
                      <gmd:MD_KeywordTypeCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#MD_KeywordTypeCode" codeListValue="theme">theme</gmd:MD_KeywordTypeCode>
                    </gmd:type>
                  </gmd:MD_Keywords>
                </gmd:descriptiveKeywords>
          """);
    }
    xml.append(
        """
              <gmd:language>
                <gmd:LanguageCode codeList="http://www.loc.gov/standards/iso639-2/" codeListValue="eng">eng</gmd:LanguageCode>
              </gmd:language>
        """);
    if (bbox != null) {
      xml.append(
          """
                <gmd:extent>
                  <gmd:EX_Extent>
                    <gmd:geographicElement>
                      <gmd:EX_GeographicBoundingBox>
          """);
      side(xml, "westBoundLongitude", bbox.west());
      side(xml, "eastBoundLongitude", bbox.east());
      side(xml, "southBoundLatitude", bbox.south());
      side(xml, "northBoundLatitude", bbox.north());
      xml.append(
          """
                      </gmd:EX_GeographicBoundingBox>
                    </gmd:geographicElement>
                  </gmd:EX_Extent>
                </gmd:extent>
          """);
    }
    xml.append(
        """
            </gmd:MD_DataIdentification>
          </gmd:identificationInfo>
        </gmd:MD_Metadata>
        """);
    return xml.toString();
  }

  /**
   * A CSW 2.0.2 {@code csw:Record}. The bounding box is written with crs {@code
   * urn:ogc:def:crs:EPSG::4326}, so its corners are in latitude, longitude order.
   */
  public static String dublinCore(
      String uuid,
      String title,
      String abstractText,
      List<String> keywords,
      Bbox bbox,
      Instant modified) {
    Objects.requireNonNull(title, "title");
    StringBuilder xml = new StringBuilder(1024);
    xml.append(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <csw:Record xmlns:csw="http://www.opengis.net/cat/csw/2.0.2"
                    xmlns:dc="http://purl.org/dc/elements/1.1/"
                    xmlns:dct="http://purl.org/dc/terms/"
                    xmlns:ows="http://www.opengis.net/ows">
        """);
    if (uuid != null) {
      element(xml, "dc:identifier", uuid);
    }
    element(xml, "dc:title", title);
    element(xml, "dc:type", "dataset");
    for (String keyword : keywords == null ? List.<String>of() : keywords) {
      element(xml, "dc:subject", keyword);
    }
    element(xml, "dc:format", "application/geopackage+sqlite3");
    if (modified != null) {
      element(xml, "dct:modified", modified.toString());
    }
    element(xml, "dct:abstract", abstractText == null ? "" : abstractText);
    element(xml, "dc:language", "eng");
    if (bbox != null) {
      xml.append("  <ows:BoundingBox crs=\"urn:ogc:def:crs:EPSG::4326\">\n")
          .append("    <ows:LowerCorner>")
          .append(decimal(bbox.south()))
          .append(' ')
          .append(decimal(bbox.west()))
          .append("</ows:LowerCorner>\n")
          .append("    <ows:UpperCorner>")
          .append(decimal(bbox.north()))
          .append(' ')
          .append(decimal(bbox.east()))
          .append("</ows:UpperCorner>\n")
          .append("  </ows:BoundingBox>\n");
    }
    xml.append("</csw:Record>\n");
    return xml.toString();
  }

  /**
   * The bundled demo records: the files under {@code /samples/} on the class path that {@code
   * /samples/index.txt} lists (one name a line; blank lines and {@code #} comments ignored), in
   * that order, as UTF-8 text.
   *
   * @throws IllegalStateException if the index or a listed file is missing
   */
  public static List<String> demoRecords() {
    List<String> records = new ArrayList<>();
    for (String line : read(INDEX).split("\\R")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        records.add(read(SAMPLES + name));
      }
    }
    return List.copyOf(records);
  }

  private static String read(String resource) {
    try (InputStream in = SampleRecords.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("class path resource " + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read class path resource " + resource, e);
    }
  }

  private static void side(StringBuilder xml, String name, double value) {
    xml.append("              <gmd:")
        .append(name)
        .append(">\n")
        .append("                <gco:Decimal>")
        .append(decimal(value))
        .append("</gco:Decimal>\n")
        .append("              </gmd:")
        .append(name)
        .append(">\n");
  }

  // xs:decimal has no exponent, so 1.0E-5 must be written out as 0.000010; the value is exact.
  private static String decimal(double value) {
    return BigDecimal.valueOf(value).toPlainString();
  }

  private static void element(StringBuilder xml, String name, String text) {
    xml.append("  <")
        .append(name)
        .append('>')
        .append(escape(text))
        .append("</")
        .append(name)
        .append(">\n");
  }
}
