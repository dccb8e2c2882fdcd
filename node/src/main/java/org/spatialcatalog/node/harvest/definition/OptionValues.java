package org.spatialcatalog.node.harvest.definition;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A harvester's options as JSON gave them, read by name and type. Given in a request ({@link
 * #given}), every value must have its option's JSON type and every name must be known, or an {@link
 * InvalidHarvesterException} names the option; read back from the database ({@link #stored}),
 * values are taken as they come and unknown names are passed over, so a definition stored under
 * older rules still reads.
 */
final class OptionValues {

  private final Map<String, Object> values;
  private final boolean checked;

  private OptionValues(Map<String, Object> values, boolean checked) {
    this.values = values == null ? Map.of() : values;
    this.checked = checked;
  }

  static OptionValues given(Map<String, Object> values) {
    return new OptionValues(values, true);
  }

  static OptionValues stored(Map<String, Object> values) {
    return new OptionValues(values, false);
  }

  /** Whether values come from a request, so that each record checks its rules too. */
  boolean checked() {
    return checked;
  }

  /** Refuses a name that neither the common options nor {@code typeNames} know. */
  void onlyKnown(HarvesterType type, Set<String> typeNames) {
    if (!checked) {
      return;
    }
    for (String key : values.keySet()) {
      if (!CommonOptions.NAMES.contains(key) && !typeNames.contains(key)) {
        Set<String> known = new TreeSet<>(CommonOptions.NAMES);
        known.addAll(typeNames);
        throw invalid(key, "unknown option for type " + type.id() + "; known options: " + known);
      }
    }
  }

  String string(String key) {
    Object v = values.get(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    if (checked) {
      throw invalid(key, "must be a string, was " + v);
    }
    return String.valueOf(v);
  }

  Boolean flag(String key) {
    Object v = values.get(key);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    if (checked) {
      throw invalid(key, "must be true or false");
    }
    return Boolean.parseBoolean(String.valueOf(v));
  }

  /** A number as JSON wrote it ({@code 1} stays {@code 1}, {@code 0.25} stays {@code 0.25}). */
  BigDecimal number(String key, String rule) {
    Object v = values.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (checked) {
      throw invalid(key, rule + ", was " + v);
    }
    return new BigDecimal(String.valueOf(v));
  }

  static InvalidHarvesterException invalid(String key, String problem) {
    return new InvalidHarvesterException("options." + key, problem);
  }
}
