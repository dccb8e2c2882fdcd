package org.spatialcatalog.messaging;

/**
 * The topics of the clustering design. Every node holds a durable subscription to the topics it
 * consumes, so a node that was down receives what it missed, in order.
 */
public enum CatalogTopic {
  /** A record changed; body: nothing, property {@code seq}: the change-log sequence. */
  RE_INDEX("RE-INDEX"),
  /** Force-merge every node's index. */
  OPTIMIZE_INDEX("OPTIMIZE-INDEX"),
  /** The index configuration changed: reload it and rebuild. */
  RELOAD_INDEX_CONF("RELOAD-INDEX-CONF"),
  /** A cluster setting changed. */
  SETTINGS("SETTINGS"),
  ADD_THESAURUS("ADD-THESAURUS"),
  DELETE_THESAURUS("DELETE-THESAURUS"),
  ADD_THESAURUS_ELEMENT("ADD-THESAURUS-ELEMENT"),
  UPDATE_THESAURUS_ELEMENT("UPDATE-THESAURUS-ELEMENT"),
  DELETE_THESAURUS_ELEMENT("DELETE-THESAURUS-ELEMENT"),
  /** A new version of a record was kept in its history. */
  MD_VERSIONING("MD-VERSIONING"),
  /** A harvester definition changed. */
  HARVESTER("HARVESTER"),
  /** A request for every node's status. */
  SYSTEM_CONFIGURATION("SYSTEM_CONFIGURATION"),
  /** A node's answer to {@link #SYSTEM_CONFIGURATION}, correlated by JMSCorrelationID. */
  SYSTEM_CONFIGURATION_RESPONSE("SYSTEM_CONFIGURATION_RESPONSE");

  private final String baseName;

  CatalogTopic(String baseName) {
    this.baseName = baseName;
  }

  /** The name of the topic before the cluster prefix, as in the clustering design. */
  public String baseName() {
    return baseName;
  }
}
