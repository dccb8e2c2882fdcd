package org.spatialcatalog.node.thesaurus;

import java.util.List;
import java.util.Map;

/**
 * A SKOS concept: its URI, preferred labels by language, alternative labels by language, and the
 * URIs of its broader and narrower concepts.
 */
public record Concept(
    String uri,
    Map<String, String> prefLabels,
    Map<String, List<String>> altLabels,
    List<String> broader,
    List<String> narrower) {

  public Concept {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("concept uri is missing");
    }
    if (uri.length() > 2000) {
      throw new IllegalArgumentException("concept uri is longer than 2000 characters");
    }
    prefLabels = prefLabels == null ? Map.of() : Map.copyOf(prefLabels);
    altLabels = altLabels == null ? Map.of() : Map.copyOf(altLabels);
    broader = broader == null ? List.of() : List.copyOf(broader);
    narrower = narrower == null ? List.of() : List.copyOf(narrower);
    if (prefLabels.isEmpty()) {
      throw new IllegalArgumentException("concept " + uri + " has no prefLabel");
    }
  }

  /** The preferred label in {@code lang}, else in English, else any. */
  public String label(String lang) {
    if (lang != null && prefLabels.containsKey(lang)) {
      return prefLabels.get(lang);
    }
    return prefLabels.getOrDefault("en", prefLabels.values().iterator().next());
  }
}
