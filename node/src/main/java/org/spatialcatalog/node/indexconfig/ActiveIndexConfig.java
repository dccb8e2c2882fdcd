package org.spatialcatalog.node.indexconfig;

import java.util.List;
import java.util.Map;
import org.spatialcatalog.node.sync.ExtraFields;
import org.springframework.stereotype.Component;

/**
 * The index configuration this node applies now. Indexing asks it for the extra fields of each
 * record; searches ask it which fields are searchable, facetable and sortable.
 */
@Component
public class ActiveIndexConfig implements ExtraFields {

  /** A configuration with its revision and one extractor per thread (XPath is not thread-safe). */
  private record Active(
      IndexConfiguration configuration, long revision, ThreadLocal<FieldExtractor> extractors) {}

  private volatile Active active =
      new Active(
          IndexConfiguration.EMPTY,
          -1,
          ThreadLocal.withInitial(() -> new FieldExtractor(IndexConfiguration.EMPTY)));

  public IndexConfiguration configuration() {
    return active.configuration();
  }

  public long revision() {
    return active.revision();
  }

  void activate(IndexConfiguration configuration, long revision) {
    active =
        new Active(
            configuration,
            revision,
            ThreadLocal.withInitial(() -> new FieldExtractor(configuration)));
  }

  @Override
  public boolean enabled() {
    return !active.configuration().fields().isEmpty();
  }

  @Override
  public Map<String, List<String>> extract(String schema, String xml) {
    Active current = active;
    if (current.configuration().fields().isEmpty()) {
      return Map.of();
    }
    return current.extractors().get().extract(schema, xml);
  }
}
