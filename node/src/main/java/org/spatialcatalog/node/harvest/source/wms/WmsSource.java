package org.spatialcatalog.node.harvest.source.wms;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.spatialcatalog.index.Bbox;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.definition.HttpUrls;
import org.spatialcatalog.node.harvest.definition.WmsOptions;
import org.spatialcatalog.node.harvest.source.HarvestSource;
import org.spatialcatalog.node.harvest.source.SourceAccess;
import org.spatialcatalog.node.harvest.source.SourceException;
import org.spatialcatalog.node.harvest.source.SourceItem;
import org.spatialcatalog.node.harvest.source.SourceReader;
import org.spatialcatalog.node.harvest.source.SourceUrls;
import org.springframework.stereotype.Component;

/**
 * WMS 1.3.0 or 1.1.1 GetCapabilities (option {@code version}, default 1.3.0). Every named layer
 * becomes an ISO 19139 record with its title, abstract, keywords and geographic bounding box
 * (inherited from the parent layer when it has none), the service's {@code ContactInformation} as
 * its contact, an {@code OGC:WMS} online resource naming the layer, and a uuid derived from the
 * service URL and the layer name, so the same layer always maps to the same record. The
 * capabilities document is read once per job attempt, from the answer's stream while it arrives
 * ({@link CapabilitiesReader}): only the layers' record fields and the small Service and Request
 * sections are kept, never the document. A page is a slice of the layers and the cursor the index
 * of the page's first layer.
 */
@Component
class WmsSource implements HarvestSource {

  @Override
  public HarvesterType type() {
    return HarvesterType.WMS;
  }

  @Override
  public void validate(String url) {
    HttpUrls.require("url", url);
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
    String version = h.options(WmsOptions.class).versionOrDefault();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("SERVICE", "WMS");
    params.put("REQUEST", "GetCapabilities");
    params.put("VERSION", version);
    CapabilitiesReader.Read read =
        access.http().stream(
            SourceUrls.with(h.url(), params),
            "application/xml",
            body -> new CapabilitiesReader(access.maxRecordSize()).read(body));
    if (read.exception() != null) {
      throw new SourceException("WMS exception: " + read.exception());
    }
    if (!read.capability()) {
      throw new SourceException(
          "WMS capabilities without a Capability element (root " + read.root() + ")");
    }
    return new Capabilities(
        read.layers(),
        WmsRecord.Contact.of(read.service()),
        WmsRecord.serviceUrl(read.request(), h.url()));
  }
}
