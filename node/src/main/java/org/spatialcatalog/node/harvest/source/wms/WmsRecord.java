package org.spatialcatalog.node.harvest.source.wms;

import static org.spatialcatalog.node.xml.XmlText.escape;

import java.util.ArrayList;
import java.util.List;
import org.spatialcatalog.node.harvest.source.SourceXml;
import org.spatialcatalog.node.record.SampleRecords;
import org.w3c.dom.Element;

/**
 * The ISO 19139 record of one WMS layer: what {@link SampleRecords#iso19139} writes, with the
 * service's {@code ContactInformation} as the metadata contact (instead of the catalog's default
 * one) and a {@code gmd:onLine} link back to the service: protocol {@code OGC:WMS}, the layer name
 * as its name, so a client can add the layer to a map.
 */
final class WmsRecord {

  /** The service's contact, as WMS 1.1.1 and 1.3.0 write it; any part may be null. */
  record Contact(
      String person,
      String organisation,
      String position,
      String voice,
      String email,
      String address,
      String city,
      String region,
      String postCode,
      String country) {

    static Contact of(Element service) {
      Element info = service == null ? null : SourceXml.child(service, null, "ContactInformation");
      if (info == null) {
        return null;
      }
      Element primary = SourceXml.child(info, null, "ContactPersonPrimary");
      Element address = SourceXml.child(info, null, "ContactAddress");
      Contact c =
          new Contact(
              text(primary, "ContactPerson"),
              text(primary, "ContactOrganization"),
              text(info, "ContactPosition"),
              text(info, "ContactVoiceTelephone"),
              text(info, "ContactElectronicMailAddress"),
              text(address, "Address"),
              text(address, "City"),
              text(address, "StateOrProvince"),
              text(address, "PostCode"),
              text(address, "Country"));
      return c.person() == null && c.organisation() == null && c.email() == null ? null : c;
    }

    private static String text(Element parent, String name) {
      return parent == null ? null : SourceXml.childText(parent, null, name);
    }
  }

  private static final String CONTACT_START = "<gmd:contact>";
  private static final String CONTACT_END = "</gmd:contact>";
  private static final String END = "</gmd:MD_Metadata>";

  private WmsRecord() {}

  static String iso19139(String uuid, WmsSource.Layer layer, Contact contact, String serviceUrl) {
    String xml =
        SampleRecords.iso19139(
            uuid, layer.title(), layer.abstractText(), layer.keywords(), layer.bbox(), null);
    if (contact != null) {
      int from = xml.indexOf(CONTACT_START);
      int to = xml.indexOf(CONTACT_END) + CONTACT_END.length();
      xml = xml.substring(0, from) + contact(contact) + xml.substring(to);
    }
    int end = xml.lastIndexOf(END);
    return xml.substring(0, end) + onLine(serviceUrl, layer) + xml.substring(end);
  }

  private static String contact(Contact c) {
    StringBuilder x = new StringBuilder("<gmd:contact><gmd:CI_ResponsibleParty>");
    string(x, "individualName", c.person());
    string(x, "organisationName", c.organisation());
    string(x, "positionName", c.position());
    x.append("<gmd:contactInfo><gmd:CI_Contact>");
    if (c.voice() != null) {
      x.append("<gmd:phone><gmd:CI_Telephone>");
      string(x, "voice", c.voice());
      x.append("</gmd:CI_Telephone></gmd:phone>");
    }
    x.append("<gmd:address><gmd:CI_Address>");
    string(x, "deliveryPoint", c.address());
    string(x, "city", c.city());
    string(x, "administrativeArea", c.region());
    string(x, "postalCode", c.postCode());
    string(x, "country", c.country());
    string(x, "electronicMailAddress", c.email());
    x.append("</gmd:CI_Address></gmd:address></gmd:CI_Contact></gmd:contactInfo>")
        .append("<gmd:role><gmd:CI_RoleCode codeList=\"http://standards.iso.org/iso/19139/")
        .append("resources/gmxCodelists.xml#CI_RoleCode\" codeListValue=\"pointOfContact\">")
        .append("pointOfContact</gmd:CI_RoleCode></gmd:role>")
        .append("</gmd:CI_ResponsibleParty></gmd:contact>");
    return x.toString();
  }

  private static String onLine(String url, WmsSource.Layer layer) {
    StringBuilder x =
        new StringBuilder(
            "  <gmd:distributionInfo><gmd:MD_Distribution>"
                + "<gmd:transferOptions><gmd:MD_DigitalTransferOptions><gmd:onLine>"
                + "<gmd:CI_OnlineResource><gmd:linkage><gmd:URL>");
    x.append(escape(url)).append("</gmd:URL></gmd:linkage>");
    string(x, "protocol", "OGC:WMS");
    string(x, "name", layer.name());
    string(x, "description", layer.title());
    x.append(
        "</gmd:CI_OnlineResource></gmd:onLine></gmd:MD_DigitalTransferOptions>"
            + "</gmd:transferOptions></gmd:MD_Distribution></gmd:distributionInfo>\n");
    return x.toString();
  }

  private static void string(StringBuilder x, String element, String value) {
    if (value != null) {
      x.append("<gmd:")
          .append(element)
          .append("><gco:CharacterString>")
          .append(escape(value))
          .append("</gco:CharacterString></gmd:")
          .append(element)
          .append('>');
    }
  }

  /**
   * The service's request URL, from its {@code Capability/Request} section: GetMap's, else
   * GetCapabilities' online resource; else the harvester's own url.
   */
  static String serviceUrl(Element request, String fallback) {
    List<String> candidates = new ArrayList<>();
    for (String op : List.of("GetMap", "GetCapabilities")) {
      Element operation = request == null ? null : SourceXml.child(request, null, op);
      Element dcp = operation == null ? null : SourceXml.child(operation, null, "DCPType");
      Element http = dcp == null ? null : SourceXml.child(dcp, null, "HTTP");
      Element get = http == null ? null : SourceXml.child(http, null, "Get");
      Element resource = get == null ? null : SourceXml.child(get, null, "OnlineResource");
      if (resource != null) {
        String href = resource.getAttributeNS("http://www.w3.org/1999/xlink", "href");
        if (href != null && !href.isBlank()) {
          candidates.add(href.trim());
        }
      }
    }
    return candidates.isEmpty() ? fallback : candidates.get(0);
  }
}
