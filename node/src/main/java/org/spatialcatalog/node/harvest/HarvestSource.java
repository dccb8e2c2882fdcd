package org.spatialcatalog.node.harvest;

import java.util.Map;

/**
 * The strategy for one {@link HarvesterType}: checks a definition and opens a reader on the source.
 * Implementations are stateless Spring beans, one per type.
 */
public interface HarvestSource {

  HarvesterType type();

  /** The names of the options this type reads (besides the common ones); others are refused. */
  java.util.Set<String> optionNames();

  /**
   * Checks the url and options of a definition of this type.
   *
   * @throws InvalidHarvesterException naming the field at fault
   */
  void validate(String url, Map<String, Object> options);

  /** A reader for one job; it is used by one thread only. */
  SourceReader open(Harvester harvester, SourceAccess access);
}
