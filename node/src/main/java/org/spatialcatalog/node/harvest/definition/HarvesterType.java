package org.spatialcatalog.node.harvest.definition;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kinds of source a harvester reads; each has one {@code HarvestSource} strategy. */
public enum HarvesterType {
  /** CSW 2.0.2 GetRecords, paged by startPosition. */
  CSW,
  /** OAI-PMH ListRecords, paged by resumptionToken. */
  OAIPMH,
  /** WMS GetCapabilities: one record per named layer. */
  WMS,
  /** Another catalog of this product, through its search and record API. */
  CATALOG,
  /** A directory of XML files on the node's file system. */
  FOLDER;

  /** The name used in the API and the database. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an API name; throws {@link InvalidHarvesterException} naming the accepted ones. */
  public static HarvesterType fromId(String id) {
    if (id != null) {
      for (HarvesterType t : values()) {
        if (t.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
          return t;
        }
      }
    }
    throw new InvalidHarvesterException(
        "type",
        "unknown harvester type '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(HarvesterType::id).collect(Collectors.joining(", ")));
  }
}
