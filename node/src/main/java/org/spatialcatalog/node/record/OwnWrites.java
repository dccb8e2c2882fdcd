package org.spatialcatalog.node.record;

import java.util.List;
import java.util.Map;
import org.spatialcatalog.index.Property;

/**
 * Indexes this node's own committed writes from the data it has just committed, without reading
 * them back from the database.
 *
 * <p>Call it after the commit, with the change-log sequence of the change; then wait with {@link
 * org.spatialcatalog.node.changelog.LocalIndexProgress#awaitApplied}, which returns as soon as this
 * write is searchable here, even while older changes of other nodes are still being applied. The
 * change log stays the truth: every other node, and this one after a restart or a rebuild, applies
 * the change from the log and the database.
 */
public interface OwnWrites {

  /**
   * Record {@code record}, whose stored XML is {@code xml} and built-in properties {@code
   * properties}, was committed as change {@code seq}.
   */
  void upserted(long seq, StoredRecord record, String xml, Map<Property, List<String>> properties);

  /** Record {@code id} was deleted, reaching {@code version}, as change {@code seq}. */
  void deleted(long seq, String id, long version);
}
