package org.spatialcatalog.node.csw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * One CSW request in either encoding: KVP parameters with case-insensitive names, or the root
 * element of an XML POST body. The operation is the {@code request} parameter or the root's local
 * name; {@code service} and {@code version} are parameters or root attributes.
 */
final class CswRequest {

  private final Map<String, String> kvp;
  private final Element xml;

  private CswRequest(Map<String, String> kvp, Element xml) {
    this.kvp = kvp;
    this.xml = xml;
  }

  static CswRequest kvp(Map<String, String[]> parameters) {
    Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    parameters.forEach(
        (name, values) -> {
          if (values.length > 0 && !map.containsKey(name)) {
            map.put(name, values[0]);
          }
        });
    return new CswRequest(map, null);
  }

  static CswRequest xml(Element root) {
    return new CswRequest(null, root);
  }

  boolean isXml() {
    return xml != null;
  }

  Element root() {
    return xml;
  }

  String operation() {
    if (xml != null) {
      return xml.getLocalName();
    }
    String request = kvp.get("request");
    if (request == null || request.isBlank()) {
      throw CswException.missing("request");
    }
    return request.strip();
  }

  /** A KVP parameter or root attribute, or null when absent or blank. */
  String param(String name) {
    String v = xml != null ? attribute(xml, name) : kvp.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  String required(String name) {
    String v = param(name);
    if (v == null) {
      throw CswException.missing(name);
    }
    return v;
  }

  /** A comma-separated KVP list. */
  List<String> list(String name) {
    String v = param(name);
    if (v == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
    return out;
  }

  private static String attribute(Element e, String name) {
    var attributes = e.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      var a = attributes.item(i);
      String local = a.getLocalName() != null ? a.getLocalName() : a.getNodeName();
      if (local.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return a.getNodeValue();
      }
    }
    return null;
  }
}
