package org.spatialcatalog.config;

import java.util.regex.Pattern;

/**
 * The name of a catalog cluster. It prefixes every JMS destination, so several catalogs can share
 * one broker without hearing each other.
 */
public record ClusterName(String value) {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  public ClusterName {
    if (value == null || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "cluster name '" + value + "' must be 1-40 letters, digits, '_' or '-'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
