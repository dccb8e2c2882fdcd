package org.spatialcatalog.node.harvest.definition;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * The options every harvester type takes; each is null when not given.
 *
 * @param removeVanished whether records no longer at the source are removed after a complete run
 *     (default true)
 * @param maxRemovalShare the largest share of the harvester's records one run may remove, 0 to 1
 *     (default {@code catalog.harvest.max-removal-share})
 * @param webhookUrl an http(s) URL notified when a run ends badly
 */
public record CommonOptions(Boolean removeVanished, BigDecimal maxRemovalShare, String webhookUrl) {

  static final Set<String> NAMES = Set.of("removeVanished", "maxRemovalShare", "webhookUrl");

  private static final String SHARE_RULE = "must be a number between 0 and 1";

  static CommonOptions read(OptionValues v) {
    CommonOptions o =
        new CommonOptions(
            v.flag("removeVanished"),
            v.number("maxRemovalShare", SHARE_RULE),
            v.string("webhookUrl"));
    if (v.checked()) {
      if (o.maxRemovalShare != null
          && (o.maxRemovalShare.signum() < 0 || o.maxRemovalShare.compareTo(BigDecimal.ONE) > 0)) {
        throw OptionValues.invalid("maxRemovalShare", SHARE_RULE + ", was " + o.maxRemovalShare);
      }
      if (o.webhookUrl != null) {
        HttpUrls.require("options.webhookUrl", o.webhookUrl);
      }
    }
    return o;
  }

  public boolean removesVanished() {
    return removeVanished == null || removeVanished;
  }

  /** The harvester's own share, or the node's default when it sets none. */
  public double maxRemovalShareOr(double nodeDefault) {
    return maxRemovalShare == null ? nodeDefault : maxRemovalShare.doubleValue();
  }

  void putInto(Map<String, Object> map) {
    HarvesterOptions.put(map, "removeVanished", removeVanished);
    HarvesterOptions.put(map, "maxRemovalShare", maxRemovalShare);
    HarvesterOptions.put(map, "webhookUrl", webhookUrl);
  }
}
