package org.spatialcatalog.node.harvest.source;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.harvest.definition.Harvester;
import org.spatialcatalog.node.harvest.definition.HarvesterType;
import org.spatialcatalog.node.harvest.definition.InvalidHarvesterException;

/**
 * The strategy for one {@link HarvesterType}: checks a definition and opens a reader on the source.
 * Implementations are stateless Spring beans, one per type.
 */
public interface HarvestSource {

  HarvesterType type();

  /**
   * Checks the url of a definition of this type (its options check themselves: {@link
   * org.spatialcatalog.node.harvest.definition.HarvesterOptions}).
   *
   * @throws InvalidHarvesterException naming the field at fault
   */
  void validate(String url);

  /** A reader for one job; it is used by one thread only. */
  SourceReader open(Harvester harvester, SourceAccess access);

  /** The strategies by type; fails when a type has none, so a node cannot start without one. */
  static Map<HarvesterType, HarvestSource> byType(List<HarvestSource> sources) {
    Map<HarvesterType, HarvestSource> map = new EnumMap<>(HarvesterType.class);
    for (HarvestSource s : sources) {
      map.put(s.type(), s);
    }
    for (HarvesterType t : HarvesterType.values()) {
      if (!map.containsKey(t)) {
        throw new IllegalStateException("no HarvestSource for type " + t);
      }
    }
    return map;
  }
}
