package org.spatialcatalog.index;

import java.util.Optional;

/**
 * The built-in record properties the index holds besides title, abstract, keywords and extent: the
 * queryables of the Dublin Core and ISO application profiles of CSW 2.0.2 that a record may carry.
 * The node extracts them from the stored XML; every node indexes them the same way, whatever the
 * index configuration says.
 *
 * <p>A text property is indexed as its whole value (case kept, and lower-cased), as analyzed words,
 * and as words with their case kept, so equality and LIKE can both ignore or respect case. A date
 * property is additionally indexed as the first millisecond it denotes (UTC), so it takes ranges.
 */
public enum Property {
  TYPE("type", false),
  FORMAT("format", false),
  ORGANISATION("organisationName", false),
  RESOURCE_LANGUAGE("resourceLanguage", false),
  LANGUAGE("language", false),
  TOPIC_CATEGORY("topicCategory", false),
  RESOURCE_IDENTIFIER("resourceIdentifier", false),
  PARENT_IDENTIFIER("parentIdentifier", false),
  HIERARCHY_LEVEL_NAME("hierarchyLevelName", false),
  SERVICE_TYPE("serviceType", false),
  ALTERNATE_TITLE("alternateTitle", false),
  REVISION_DATE("revisionDate", true),
  CREATION_DATE("creationDate", true),
  PUBLICATION_DATE("publicationDate", true);

  /** How many values of one property a record keeps; more are dropped. */
  public static final int MAX_VALUES = 100;

  /**
   * Facet names of properties start with this, which a configured extra field name cannot (its
   * names have no dot), so both share {@link SearchQuery#facetFields()} without colliding.
   */
  public static final String FACET_PREFIX = "property.";

  private final String fieldName;
  private final boolean date;

  Property(String fieldName, boolean date) {
    this.fieldName = fieldName;
    this.date = date;
  }

  /** The name used in index field names, for example {@code revisionDate}. */
  public String fieldName() {
    return fieldName;
  }

  /** Whether values are dates (ISO 8601 date or date-time) that take ranges. */
  public boolean isDate() {
    return date;
  }

  /** The name to put in {@link SearchQuery#facetFields()} to count this property's values. */
  public String facetName() {
    return FACET_PREFIX + fieldName;
  }

  /** The property a facet name denotes, if it denotes one. */
  static Optional<Property> ofFacetName(String facetName) {
    for (Property p : values()) {
      if (p.facetName().equals(facetName)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
