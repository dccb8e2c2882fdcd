package org.spatialcatalog.node.indexconfig;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The index configuration: the extra fields every node extracts and indexes. */
public record IndexConfiguration(List<IndexField> fields) {

  public static final IndexConfiguration EMPTY = new IndexConfiguration(List.of());

  public IndexConfiguration {
    fields = fields == null ? List.of() : List.copyOf(fields);
    Set<String> names = new HashSet<>();
    for (IndexField f : fields) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("field '" + f.name() + "' is defined twice");
      }
    }
    if (fields.size() > 50) {
      throw new IllegalArgumentException("at most 50 fields, got " + fields.size());
    }
  }

  public List<String> searchable() {
    return fields.stream().filter(f -> f.searchable()).map(IndexField::name).toList();
  }

  public List<String> facetable() {
    return fields.stream().filter(f -> f.facetable()).map(IndexField::name).toList();
  }

  public boolean isSortable(String name) {
    return fields.stream().anyMatch(f -> f.sortable() && f.name().equals(name));
  }

  public boolean has(String name) {
    return fields.stream().anyMatch(f -> f.name().equals(name));
  }
}
