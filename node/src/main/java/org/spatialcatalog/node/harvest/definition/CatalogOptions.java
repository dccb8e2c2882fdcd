package org.spatialcatalog.node.harvest.definition;

import java.util.Map;
import java.util.Set;

/**
 * The options of a {@code catalog} harvester.
 *
 * @param query the search text sent to the other catalog (null: everything)
 */
public record CatalogOptions(CommonOptions common, String query) implements HarvesterOptions {

  static final Set<String> NAMES = Set.of("query");

  @Override
  public Map<String, Object> toMap() {
    return HarvesterOptions.map(common, "query", query);
  }
}
