package org.spatialcatalog.node.csw;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spatialcatalog.index.Constraint;
import org.spatialcatalog.index.Constraint.Field;
import org.spatialcatalog.index.Property;

/**
 * The queryables the catalog answers: the Dublin Core and ISO application profile names the index
 * holds (the built-in fields and the {@link Property properties} every node extracts), plus every
 * configured extra index field under its own name. Names are matched without their prefix ({@code
 * csw:}, {@code dc:}, {@code dct:}, {@code apiso:}, {@code ows:}) and ignoring case; a built-in
 * name wins over a configured field of the same name, which is then not advertised. Anything else
 * is an {@code InvalidParameterValue} naming it.
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
          "apiso:BoundingBox",
          "apiso:Type",
          "apiso:Format",
          "apiso:OrganisationName",
          "apiso:ResourceLanguage",
          "apiso:Language",
          "apiso:TopicCategory",
          "apiso:RevisionDate",
          "apiso:CreationDate",
          "apiso:PublicationDate",
          "apiso:ResourceIdentifier",
          "apiso:ParentIdentifier",
          "apiso:HierarchyLevelName",
          "apiso:ServiceType",
          "apiso:AlternateTitle");

  /** The Dublin Core (csw:Record) queryables, as advertised. */
  static final List<String> DUBLIN_CORE =
      List.of(
          "csw:AnyText",
          "dc:title",
          "dct:abstract",
          "dc:subject",
          "dc:identifier",
          "dct:modified",
          "ows:BoundingBox",
          "dc:type",
          "dc:format",
          "dc:language");

  private static final Map<String, Field> BUILT_IN = new LinkedHashMap<>();
  private static final Map<String, Property> PROPERTIES = new LinkedHashMap<>();

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
    PROPERTIES.put("type", Property.TYPE);
    PROPERTIES.put("hierarchylevel", Property.TYPE);
    PROPERTIES.put("format", Property.FORMAT);
    PROPERTIES.put("organisationname", Property.ORGANISATION);
    PROPERTIES.put("organisation", Property.ORGANISATION);
    PROPERTIES.put("organizationname", Property.ORGANISATION);
    PROPERTIES.put("organization", Property.ORGANISATION);
    PROPERTIES.put("resourcelanguage", Property.RESOURCE_LANGUAGE);
    PROPERTIES.put("language", Property.LANGUAGE);
    PROPERTIES.put("topiccategory", Property.TOPIC_CATEGORY);
    PROPERTIES.put("revisiondate", Property.REVISION_DATE);
    PROPERTIES.put("creationdate", Property.CREATION_DATE);
    PROPERTIES.put("publicationdate", Property.PUBLICATION_DATE);
    PROPERTIES.put("resourceidentifier", Property.RESOURCE_IDENTIFIER);
    PROPERTIES.put("parentidentifier", Property.PARENT_IDENTIFIER);
    PROPERTIES.put("hierarchylevelname", Property.HIERARCHY_LEVEL_NAME);
    PROPERTIES.put("servicetype", Property.SERVICE_TYPE);
    PROPERTIES.put("alternatetitle", Property.ALTERNATE_TITLE);
  }

  /** The property queryables, in the words of the error message. */
  private static final List<String> NAMES =
      ISO.subList(7, ISO.size()).stream().map(n -> n.substring("apiso:".length())).toList();

  private final Map<String, String> extra = new LinkedHashMap<>();

  /**
   * @param extraFields the configured extra index fields
   */
  Queryables(Collection<String> extraFields) {
    for (String name : extraFields) {
      String key = name.toLowerCase(Locale.ROOT);
      if (!BUILT_IN.containsKey(key) && !PROPERTIES.containsKey(key)) {
        extra.put(key, name);
      }
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
    Property property = PROPERTIES.get(local);
    if (property != null) {
      return Constraint.Ref.of(property);
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
            + " supported: AnyText, Title, Abstract, Subject, Identifier, Modified, BoundingBox, "
            + String.join(", ", NAMES)
            + (extra.isEmpty() ? "" : ", " + String.join(", ", extra.values())));
  }
}
