package org.spatialcatalog.node.csw;

import java.io.StringWriter;
import java.time.Instant;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.spatialcatalog.node.xml.SecureXml;
import org.spatialcatalog.node.xml.XmlText;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Acknowledgements (GetRecords {@code resultType=validate}, asynchronous Harvest) and the echo of
 * the request they carry: the XML request as received, or for KVP the equivalent minimal XML.
 */
final class Acknowledgements {

  private static final String XMLNS = "http://www.w3.org/2000/xmlns/";

  private Acknowledgements() {}

  static String validated(CswRequest r, String requestId) {
    StringBuilder out = new StringBuilder();
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<csw:Acknowledgement ")
        .append(CswXml.CSW_NAMESPACES)
        .append(" timeStamp=\"")
        .append(Instant.now())
        .append("\" xsi:schemaLocation=\"")
        .append(CswXml.CSW_LOCATION)
        .append("\">")
        .append("<csw:EchoedRequest>")
        .append(echo(r, "GetRecords"))
        .append("</csw:EchoedRequest>");
    if (requestId != null) {
      RecordFormats.element(out, "csw:RequestId", requestId);
    }
    return out.append("</csw:Acknowledgement>").toString();
  }

  static String echo(CswRequest r, String operation) {
    if (r.isXml()) {
      return standalone(r.root());
    }
    StringBuilder out = new StringBuilder();
    out.append("<csw:")
        .append(operation)
        .append(" xmlns:csw=\"")
        .append(CswXml.CSW)
        .append("\" service=\"CSW\" version=\"2.0.2\"");
    if (operation.equals("GetRecords")) {
      out.append(" resultType=\"validate\"><csw:Query typeNames=\"")
          .append(
              XmlText.escape(r.param("typeNames") == null ? "csw:Record" : r.param("typeNames")))
          .append("\"><csw:ElementSetName>")
          .append(GetRecordsRequest.elementSet(r.param("elementSetName")).name().toLowerCase())
          .append("</csw:ElementSetName></csw:Query></csw:GetRecords>");
      return out.toString();
    }
    out.append('>');
    RecordFormats.element(out, "csw:Source", r.param("source"));
    RecordFormats.element(out, "csw:ResourceType", r.param("resourceType"));
    RecordFormats.element(out, "csw:ResponseHandler", r.param("responseHandler"));
    return out.append("</csw:Harvest>").toString();
  }

  /**
   * The element as a document of its own, carrying the namespace declarations of its ancestors
   * (prefixes used only in attribute values, such as codeList or xsi:type, need them too).
   */
  static String standalone(Element element) {
    try {
      Document doc = SecureXml.documentBuilder().newDocument();
      Element copy = (Element) doc.importNode(element, true);
      doc.appendChild(copy);
      for (org.w3c.dom.Node n = element.getParentNode();
          n instanceof Element ancestor;
          n = ancestor.getParentNode()) {
        var attributes = ancestor.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
          org.w3c.dom.Attr a = (org.w3c.dom.Attr) attributes.item(i);
          if (XMLNS.equals(a.getNamespaceURI())
              && !copy.hasAttributeNS(XMLNS, a.getLocalName())
              && !("xmlns".equals(a.getName()) && copy.hasAttribute("xmlns"))) {
            copy.setAttributeNS(XMLNS, a.getName(), a.getValue());
          }
        }
      }
      StringWriter out = new StringWriter();
      SecureXml.transformer().transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (TransformerException e) {
      throw new CswException(CswException.NO_CODE, null, "XML not serialized: " + e.getMessage());
    }
  }
}
