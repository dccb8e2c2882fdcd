package org.spatialcatalog.node.harvest.definition;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A harvester's options: one record per {@link HarvesterType}, each with the {@link CommonOptions}
 * and its own, each checking its own rules where it reads them. In JSON (the API and the {@code
 * options_json} column) they are one flat object of the options given; {@link #toMap} writes it
 * back the way it came.
 */
public sealed interface HarvesterOptions
    permits CatalogOptions, CswOptions, FolderOptions, OaiPmhOptions, WmsOptions {

  CommonOptions common();

  /** The options given, as one flat JSON object. */
  Map<String, Object> toMap();

  /**
   * Options from a request, checked: an unknown name or a value of the wrong type or out of range
   * is an {@link InvalidHarvesterException} naming {@code options.<name>}.
   */
  static HarvesterOptions given(HarvesterType type, Map<String, Object> options) {
    return read(type, OptionValues.given(options));
  }

  /** Options as stored: read without refusing anything, so that every stored definition reads. */
  static HarvesterOptions stored(HarvesterType type, Map<String, Object> options) {
    return read(type, OptionValues.stored(options));
  }

  private static HarvesterOptions read(HarvesterType type, OptionValues v) {
    v.onlyKnown(type, names(type));
    CommonOptions common = CommonOptions.read(v);
    return switch (type) {
      case OAIPMH -> OaiPmhOptions.read(common, v);
      case CSW -> CswOptions.read(common, v);
      case WMS -> WmsOptions.read(common, v);
      case CATALOG -> new CatalogOptions(common, v.string("query"));
      case FOLDER -> new FolderOptions(common);
    };
  }

  private static java.util.Set<String> names(HarvesterType type) {
    return switch (type) {
      case OAIPMH -> OaiPmhOptions.NAMES;
      case CSW -> CswOptions.NAMES;
      case WMS -> WmsOptions.NAMES;
      case CATALOG -> CatalogOptions.NAMES;
      case FOLDER -> java.util.Set.of();
    };
  }

  /** The common options and the given ones, leaving out those not given. */
  static Map<String, Object> map(CommonOptions common, Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    common.putInto(map);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      put(map, (String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  static void put(Map<String, Object> map, String name, Object value) {
    if (value != null) {
      map.put(name, value);
    }
  }
}
