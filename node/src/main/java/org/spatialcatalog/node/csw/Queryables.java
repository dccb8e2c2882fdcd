package org.spatialcatalog.node.csw;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spatialcatalog.index.Constraint;
import org.spatialcatalog.index.Constraint.Field;

/**
 * The queryables the catalog answers: the Dublin Core and ISO application profile names the index
 * holds, plus every configured extra index field under its own name. Names are matched without
 * their prefix ({@code csw:}, {@code dc:}, {@code dct:}, {@code apiso:}, {@code ows:}) and ignoring
 * case. Anything else is an {@code InvalidParameterValue} naming it.
 */
final class Queryables {

  /** The ISO AP queryables the index holds, as advertised. */
  static final List<String> ISO =
      List.of(
          "apiso:AnyText",
          "apiso:Title",
          "apiso:Abstract",
          "apiso:Subject",
          "apiso:Identifier",
          "apiso:Modified",
          "apiso:BoundingBox");

  /** The Dublin Core (csw:Record) queryables, as advertised. */
  static final List<String> DUBLIN_CORE =
      List.of(
          "csw:AnyText",
          "dc:title",
          "dct:abstract",
          "dc:subject",
          "dc:identifier",
          "dct:modified",
          "ows:BoundingBox");

  private static final Map<String, Field> BUILT_IN = new LinkedHashMap<>();

  static {
    BUILT_IN.put("anytext", Field.ANY_TEXT);
    BUILT_IN.put("title", Field.TITLE);
    BUILT_IN.put("abstract", Field.ABSTRACT);
    BUILT_IN.put("subject", Field.KEYWORD);
    BUILT_IN.put("keyword", Field.KEYWORD);
    BUILT_IN.put("keywords", Field.KEYWORD);
    BUILT_IN.put("identifier", Field.IDENTIFIER);
    BUILT_IN.put("fileidentifier", Field.IDENTIFIER);
    BUILT_IN.put("modified", Field.CHANGE_DATE);
    BUILT_IN.put("boundingbox", Field.BBOX);
    BUILT_IN.put("envelope", Field.BBOX);
  }

  private final Map<String, String> extra = new LinkedHashMap<>();

  /**
   * @param extraFields the configured extra index fields
   */
  Queryables(Collection<String> extraFields) {
    for (String name : extraFields) {
      extra.put(name.toLowerCase(Locale.ROOT), name);
    }
  }

  /** The configured extra fields, advertised as additional queryables. */
  Collection<String> additional() {
    return extra.values();
  }

  /** The field a property name means; throws InvalidParameterValue naming it otherwise. */
  Constraint.Ref resolve(String propertyName) {
    String name = propertyName == null ? "" : propertyName.strip();
    int colon = name.lastIndexOf(':');
    String local = (colon >= 0 ? name.substring(colon + 1) : name);
    int slash = local.lastIndexOf('/');
    local = (slash >= 0 ? local.substring(slash + 1) : local).toLowerCase(Locale.ROOT);
    Field field = BUILT_IN.get(local);
    if (field != null) {
      return Constraint.Ref.of(field);
    }
    String configured = extra.get(local);
    if (configured != null) {
      return Constraint.Ref.extra(configured);
    }
    throw CswException.invalid(
        "constraint",
        "queryable '"
            + name
            + "' is not supported;"
            + " supported: AnyText, Title, Abstract, Subject, Identifier, Modified, BoundingBox"
            + (extra.isEmpty() ? "" : ", " + String.join(", ", extra.values())));
  }
}
