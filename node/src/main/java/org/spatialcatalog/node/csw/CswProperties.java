package org.spatialcatalog.node.csw;

import org.spatialcatalog.index.SearchQuery;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fixed CSW settings, read once at start.
 *
 * @param maxRecords the ceiling on {@code maxRecords} of one GetRecords page; larger requests are
 *     answered with this many records and a {@code nextRecord} to continue from
 */
@ConfigurationProperties("catalog.csw")
record CswProperties(@DefaultValue("500") int maxRecords) {

  CswProperties {
    if (maxRecords < 1 || maxRecords > SearchQuery.MAX_SIZE) {
      throw new IllegalArgumentException(
          "catalog.csw.max-records must be between 1 and "
              + SearchQuery.MAX_SIZE
              + ", was "
              + maxRecords);
    }
  }
}
