package org.spatialcatalog.node.harvest.definition;

import java.util.Map;

/** The options of a {@code folder} harvester: the common ones only. */
public record FolderOptions(CommonOptions common) implements HarvesterOptions {

  @Override
  public Map<String, Object> toMap() {
    return HarvesterOptions.map(common);
  }
}
