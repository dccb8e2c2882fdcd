package org.spatialcatalog.node.csw;

import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.xml.XmlText;

/**
 * The GetCapabilities answer. Every operation's DCP points at {@code baseUrl}, the URL clients send
 * all later requests to; each operation lists its parameter domains; version 2.0.2 only; the
 * queryables appear as {@code SupportedISOQueryables}, {@code SupportedDublinCoreQueryables} and
 * {@code AdditionalQueryables} (the configured extra index fields).
 */
final class Capabilities {

  static final List<String> OPERATIONS =
      List.of(
          "GetCapabilities",
          "DescribeRecord",
          "GetDomain",
          "GetRecords",
          "GetRecordById",
          "Transaction",
          "Harvest");

  private Capabilities() {}

  static String of(String cswUrl, Queryables queryables) {
    StringBuilder out = new StringBuilder(8192);
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csw:Capabilities ")
        .append(CswXml.CSW_NAMESPACES)
        .append(" xmlns:xlink=\"")
        .append(CswXml.XLINK)
        .append("\" version=\"2.0.2\" xsi:schemaLocation=\"")
        .append(CswXml.CSW_LOCATION)
        .append("\">");
    out.append(
        "<ows:ServiceIdentification><ows:Title>Spatial metadata catalog</ows:Title>"
            + "<ows:Abstract>CSW 2.0.2 catalogue service of the spatial metadata catalog: ISO 19139"
            + " and Dublin Core records.</ows:Abstract><ows:Keywords><ows:Keyword>catalogue"
            + "</ows:Keyword><ows:Keyword>metadata</ows:Keyword></ows:Keywords>"
            + "<ows:ServiceType>CSW</ows:ServiceType><ows:ServiceTypeVersion>2.0.2"
            + "</ows:ServiceTypeVersion><ows:Fees>none</ows:Fees><ows:AccessConstraints>none"
            + "</ows:AccessConstraints></ows:ServiceIdentification>");
    out.append(
        "<ows:ServiceProvider><ows:ProviderName>Spatial metadata catalog"
            + "</ows:ProviderName><ows:ServiceContact/></ows:ServiceProvider>");
    out.append("<ows:OperationsMetadata>");
    String href = XmlText.escape(cswUrl);
    for (String op : OPERATIONS) {
      out.append("<ows:Operation name=\"")
          .append(op)
          .append("\"><ows:DCP><ows:HTTP>")
          .append("<ows:Get xlink:type=\"simple\" xlink:href=\"")
          .append(href)
          .append("\"/>")
          .append("<ows:Post xlink:type=\"simple\" xlink:href=\"")
          .append(href)
          .append("\"/>")
          .append("</ows:HTTP></ows:DCP>");
      for (Map.Entry<String, List<String>> e : Domains.PARAMETERS.entrySet()) {
        if (e.getKey().startsWith(op + ".")) {
          parameter(out, "ows:Parameter", e.getKey().substring(op.length() + 1), e.getValue());
        }
      }
      if (op.equals("GetRecords")) {
        parameter(out, "ows:Constraint", "SupportedISOQueryables", Queryables.ISO);
        parameter(out, "ows:Constraint", "SupportedDublinCoreQueryables", Queryables.DUBLIN_CORE);
        if (!queryables.additional().isEmpty()) {
          parameter(
              out, "ows:Constraint", "AdditionalQueryables", List.copyOf(queryables.additional()));
        }
      }
      out.append("</ows:Operation>");
    }
    parameter(out, "ows:Parameter", "service", List.of("CSW"));
    parameter(out, "ows:Parameter", "version", List.of("2.0.2"));
    parameter(out, "ows:Constraint", "PostEncoding", List.of("XML"));
    out.append("</ows:OperationsMetadata>");
    out.append(
        "<ogc:Filter_Capabilities><ogc:Spatial_Capabilities><ogc:GeometryOperands>"
            + "<ogc:GeometryOperand>gml:Envelope</ogc:GeometryOperand></ogc:GeometryOperands>"
            + "<ogc:SpatialOperators><ogc:SpatialOperator name=\"BBOX\"/>"
            + "<ogc:SpatialOperator name=\"Intersects\"/><ogc:SpatialOperator name=\"Within\"/>"
            + "</ogc:SpatialOperators></ogc:Spatial_Capabilities><ogc:Scalar_Capabilities>"
            + "<ogc:LogicalOperators/><ogc:ComparisonOperators>");
    for (String c :
        List.of(
            "EqualTo",
            "NotEqualTo",
            "Like",
            "LessThan",
            "GreaterThan",
            "LessThanEqualTo",
            "GreaterThanEqualTo",
            "Between",
            "NullCheck")) {
      out.append("<ogc:ComparisonOperator>").append(c).append("</ogc:ComparisonOperator>");
    }
    out.append(
        "</ogc:ComparisonOperators></ogc:Scalar_Capabilities><ogc:Id_Capabilities>"
            + "<ogc:EID/><ogc:FID/></ogc:Id_Capabilities></ogc:Filter_Capabilities>");
    return out.append("</csw:Capabilities>").toString();
  }

  private static void parameter(
      StringBuilder out, String element, String name, List<String> values) {
    out.append('<').append(element).append(" name=\"").append(name).append("\">");
    values.forEach(v -> RecordFormats.element(out, "ows:Value", v));
    out.append("</").append(element).append('>');
  }

  /** The DescribeRecord answer: where the schemas of both record types are. */
  static String describeRecord(boolean csw, boolean iso) {
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csw:DescribeRecordResponse ")
        .append(CswXml.CSW_NAMESPACES)
        .append(" xsi:schemaLocation=\"")
        .append(CswXml.CSW_LOCATION)
        .append("\">");
    if (csw) {
      component(out, CswXml.CSW, "http://schemas.opengis.net/csw/2.0.2/record.xsd");
    }
    if (iso) {
      component(out, CswXml.GMD, "http://schemas.opengis.net/iso/19139/20060504/gmd/gmd.xsd");
    }
    return out.append("</csw:DescribeRecordResponse>").toString();
  }

  private static void component(StringBuilder out, String namespace, String location) {
    out.append("<csw:SchemaComponent targetNamespace=\"")
        .append(namespace)
        .append("\" schemaLanguage=\"http://www.w3.org/XML/Schema\"><xsd:schema xmlns:xsd=\"")
        .append(CswXml.XSD)
        .append("\" targetNamespace=\"")
        .append(namespace)
        .append("\" elementFormDefault=\"qualified\"><xsd:include schemaLocation=\"")
        .append(location)
        .append("\"/></xsd:schema></csw:SchemaComponent>");
  }
}
