package org.spatialcatalog.node.record;

import java.io.StringWriter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spatialcatalog.index.Property;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in {@link Property properties} of a record as its row keeps them (column {@code
 * properties}, migration V20_1): read from the XML once, by the node that writes the record, so
 * that the other nodes and every rebuild index the record without another pass over its XML.
 *
 * <p>The text is JSON, {@code {"format":1,"values":{"type":["dataset"],...}}}, keyed by {@link
 * Property#fieldName()}. A row's properties count only for the version of the record they were read
 * from (column {@code properties_version}); the reader checks both that and {@link #FORMAT}, and
 * reads the XML again when either does not match. So a node of an older version, which replaces a
 * record's XML without touching its properties, never makes the index hold stale ones.
 */
public final class StoredProperties {

  /**
   * What {@link RecordProperties#of} extracts, in this encoding. Raise it whenever that changes:
   * properties stored in another format are then ignored and read from the XML again.
   */
  public static final int FORMAT = 1;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<String, Property> BY_NAME = new HashMap<>();

  static {
    for (Property p : Property.values()) {
      BY_NAME.put(p.fieldName(), p);
    }
  }

  private StoredProperties() {}

  /** The text stored for {@code properties}. */
  public static String encode(Map<Property, List<String>> properties) {
    // Written token by token: ObjectMapper's serializers for a map of maps were 2.5 % of a record
    // write's request thread in the bench sync profile, for the same text.
    StringWriter text = new StringWriter(256);
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeNumberProperty("format", FORMAT);
      json.writeName("values");
      json.writeStartObject();
      for (Map.Entry<Property, List<String>> e : properties.entrySet()) {
        json.writeName(e.getKey().fieldName());
        json.writeStartArray();
        for (String value : e.getValue()) {
          json.writeString(value);
        }
        json.writeEndArray();
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    return text.toString();
  }

  /**
   * The properties in {@code text}, or null when there is nothing usable: no text, another format,
   * or text that does not read (the caller then reads the record's XML).
   */
  public static Map<Property, List<String>> decode(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      JsonNode stored = JSON.readTree(text);
      if (stored.path("format").asInt(-1) != FORMAT || !stored.path("values").isObject()) {
        return null;
      }
      Map<Property, List<String>> properties = new EnumMap<>(Property.class);
      for (Map.Entry<String, JsonNode> e : stored.get("values").properties()) {
        Property p = BY_NAME.get(e.getKey());
        if (p == null || !e.getValue().isArray()) {
          return null;
        }
        List<String> values = new java.util.ArrayList<>(e.getValue().size());
        for (JsonNode v : e.getValue()) {
          if (!v.isString()) {
            return null;
          }
          values.add(v.asString());
        }
        properties.put(p, values);
      }
      return properties;
    } catch (JacksonException e) {
      return null;
    }
  }
}
