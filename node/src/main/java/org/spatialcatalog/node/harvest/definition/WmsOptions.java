package org.spatialcatalog.node.harvest.definition;

import java.util.Map;
import java.util.Set;

/**
 * The options of a {@code wms} harvester.
 *
 * @param version the GetCapabilities version asked for: {@code 1.3.0} (the default when null) or
 *     {@code 1.1.1}
 */
public record WmsOptions(CommonOptions common, String version) implements HarvesterOptions {

  static final Set<String> NAMES = Set.of("version");

  static WmsOptions read(CommonOptions common, OptionValues v) {
    WmsOptions o = new WmsOptions(common, v.string("version"));
    if (v.checked() && o.version != null && !Set.of("1.3.0", "1.1.1").contains(o.version)) {
      throw OptionValues.invalid(
          "version", "'" + o.version + "' is not supported; use 1.3.0 or 1.1.1");
    }
    return o;
  }

  public String versionOrDefault() {
    return version == null ? "1.3.0" : version;
  }

  @Override
  public Map<String, Object> toMap() {
    return HarvesterOptions.map(common, "version", version);
  }
}
