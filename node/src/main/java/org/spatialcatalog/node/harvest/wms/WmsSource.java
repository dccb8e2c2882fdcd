package org.spatialcatalog.node.harvest.wms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.harvest.HarvestSource;
import org.spatialcatalog.node.harvest.Harvester;
import org.spatialcatalog.node.harvest.HarvesterType;
import org.spatialcatalog.node.harvest.InvalidHarvesterException;
import org.spatialcatalog.node.harvest.SourceAccess;
import org.spatialcatalog.node.harvest.SourceException;
import org.spatialcatalog.node.harvest.SourceItem;
import org.spatialcatalog.node.harvest.SourceReader;
import org.spatialcatalog.node.harvest.SourceUrls;
import org.spatialcatalog.node.harvest.SourceXml;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * WMS 1.3.0 or 1.1.1 GetCapabilities (option {@code version}, default 1.3.0). Every named layer
 * becomes an ISO 19139 record with its title, abstract, keywords and geographic bounding box
 * (inherited from the parent layer when it has none), the service's {@code ContactInformation} as
 * its contact, an {@code OGC:WMS} online resource naming the layer, and a uuid derived from the
 * service URL and the layer name, so the same layer always maps to the same record. The
 * capabilities document is read once per job attempt; a page is a slice of its layers and the
 * cursor the index of the page's first layer.
 */
@Component
class WmsSource implements HarvestSource {

  @Override
  public HarvesterType type() {
    return HarvesterType.WMS;
  }

  @Override
  public java.util.Set<String> optionNames() {
    return java.util.Set.of("version");
  }

  @Override
  public void validate(String url, Map<String, Object> options) {
    org.spatialcatalog.node.harvest.HttpUrls.require("url", url);
    Object version = options.get("version");
    if (version != null && !"1.3.0".equals(version) && !"1.1.1".equals(version)) {
      throw new InvalidHarvesterException(
          "options.version", "'" + version + "' is not supported; use 1.3.0 or 1.1.1");
    }
  }

  /** What a record is made of. */
  record Layer(String name, String title, String abstractText, List<String> keywords, Bbox bbox) {}

  @Override
  public SourceReader open(Harvester h, SourceAccess access) {
    return new SourceReader() {
      private Capabilities service;

      @Override
      public Page read(String cursor) throws SourceException, InterruptedException {
        if (service == null) {
          service = capabilities(h, access);
        }
        List<Layer> layers = service.layers();
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(layers.size(), from + access.pageSize());
        List<SourceItem> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
          Layer l = layers.get(i);
          String position = "layer " + (i + 1) + " (" + l.name() + ")";
          try {
            String uuid =
                UUID.nameUUIDFromBytes((h.url() + "#" + l.name()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            // SampleRecords writes well-formed, escaped ISO 19139 that the parser reads back.
            String xml = WmsRecord.iso19139(uuid, l, service.contact(), service.url());
            items.add(SourceItem.record(position, l.name(), null, xml));
          } catch (RuntimeException e) {
            items.add(
                SourceItem.failure(
                    position, l.name(), "layer cannot be described: " + e.getMessage()));
          }
        }
        return new Page(items, to < layers.size() ? String.valueOf(to) : null, layers.size());
      }
    };
  }

  /** What a capabilities document says: its layers, the service's contact and request URL. */
  record Capabilities(List<Layer> layers, WmsRecord.Contact contact, String url) {}

  private static Capabilities capabilities(Harvester h, SourceAccess access)
      throws SourceException, InterruptedException {
    String version = h.option("version") == null ? "1.3.0" : h.option("version");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("SERVICE", "WMS");
    params.put("REQUEST", "GetCapabilities");
    params.put("VERSION", version);
    Document doc =
        SourceXml.parse(
            access.http().fetch(SourceUrls.with(h.url(), params), "application/xml"),
            "WMS capabilities");
    Element root = doc.getDocumentElement();
    if ("ServiceExceptionReport".equals(root.getLocalName())) {
      throw new SourceException("WMS exception: " + root.getTextContent().trim());
    }
    Element capability = SourceXml.child(root, null, "Capability");
    if (capability == null) {
      throw new SourceException(
          "WMS capabilities without a Capability element (root " + root.getLocalName() + ")");
    }
    List<Layer> layers = new ArrayList<>();
    for (Element top : SourceXml.children(capability, null, "Layer")) {
      collect(top, null, layers);
    }
    return new Capabilities(
        layers,
        WmsRecord.Contact.of(SourceXml.child(root, null, "Service")),
        WmsRecord.serviceUrl(capability, h.url()));
  }

  private static void collect(Element layer, Bbox inherited, List<Layer> out) {
    Bbox bbox = bbox(layer);
    if (bbox == null) {
      bbox = inherited;
    }
    String name = SourceXml.childText(layer, null, "Name");
    if (name != null) {
      String title = SourceXml.childText(layer, null, "Title");
      List<String> keywords = new ArrayList<>();
      Element list = SourceXml.child(layer, null, "KeywordList");
      if (list != null) {
        for (Element k : SourceXml.children(list, null, "Keyword")) {
          String t = k.getTextContent().trim();
          if (!t.isEmpty()) {
            keywords.add(t);
          }
        }
      }
      out.add(
          new Layer(
              name,
              title == null ? name : title,
              SourceXml.childText(layer, null, "Abstract"),
              keywords,
              bbox));
    }
    for (Element child : SourceXml.children(layer, null, "Layer")) {
      collect(child, bbox, out);
    }
  }

  private static Bbox bbox(Element layer) {
    try {
      Element ex = SourceXml.child(layer, null, "EX_GeographicBoundingBox");
      if (ex != null) {
        return new Bbox(
            num(SourceXml.childText(ex, null, "westBoundLongitude")),
            num(SourceXml.childText(ex, null, "southBoundLatitude")),
            num(SourceXml.childText(ex, null, "eastBoundLongitude")),
            num(SourceXml.childText(ex, null, "northBoundLatitude")));
      }
      Element ll = SourceXml.child(layer, null, "LatLonBoundingBox");
      if (ll != null) {
        return new Bbox(
            num(ll.getAttribute("minx")),
            num(ll.getAttribute("miny")),
            num(ll.getAttribute("maxx")),
            num(ll.getAttribute("maxy")));
      }
    } catch (RuntimeException malformed) {
      // A layer with a broken box is still worth a record; it just has no extent.
    }
    return null;
  }

  private static double num(String text) {
    return Double.parseDouble(text.trim());
  }
}
