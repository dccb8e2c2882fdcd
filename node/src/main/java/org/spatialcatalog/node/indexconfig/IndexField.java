package org.spatialcatalog.node.indexconfig;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * One configured index field: values taken from the record XML by an XPath, for records of one
 * schema (or {@code *} for all), and how searches may use them.
 *
 * @param name the field name in the search API ({@code facets.<name>}, {@code sort=<name>}, {@code
 *     <name>=value} filters)
 * @param schema {@code iso19139}, {@code dublin-core} or {@code *}
 * @param xpath an XPath 1.0 expression with the prefixes gmd, gco, gmx, gmi, srv, gml, csw, dc,
 *     dct, ows, xlink; every node it selects gives one value (its text)
 * @param searchable free text also searches this field
 * @param facetable searches count its values like keywords
 * @param sortable searches may sort by it
 */
public record IndexField(
    String name,
    String schema,
    String xpath,
    Boolean searchable,
    Boolean facetable,
    Boolean sortable) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-zA-Z0-9_]{0,39}");
  private static final Set<String> RESERVED =
      Set.of(
          "q",
          "keyword",
          "bbox",
          "from",
          "size",
          "sort",
          "id",
          "uuid",
          "title",
          "abstract",
          "keywords",
          "relevance",
          "date");
  private static final Set<String> SCHEMAS = Set.of("iso19139", "dublin-core", "*");

  public IndexField {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "field name '"
              + name
              + "' must start with a lower-case letter, then letters, digits or '_' (max 40)");
    }
    if (RESERVED.contains(name)) {
      throw new IllegalArgumentException("field name '" + name + "' is reserved");
    }
    if (schema == null || !SCHEMAS.contains(schema)) {
      throw new IllegalArgumentException(
          "field '" + name + "': schema '" + schema + "' is not one of " + SCHEMAS);
    }
    if (xpath == null || xpath.isBlank()) {
      throw new IllegalArgumentException("field '" + name + "': xpath is missing");
    }
    FieldExtractor.compile(name, xpath);
    // Omitted flags mean "no".
    searchable = Boolean.TRUE.equals(searchable);
    facetable = Boolean.TRUE.equals(facetable);
    sortable = Boolean.TRUE.equals(sortable);
  }
}
